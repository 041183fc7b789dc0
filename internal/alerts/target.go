package alerts

import (
	"context"
	"net/netip"
	"net/url"
	"strconv"
	"strings"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// MaxURLLength bounds a webhook URL.
const MaxURLLength = 2000

// Public reports whether a webhook may be sent to ip without -webhooks-allow-private, so that a
// rule cannot make the server call into its own network (server-side request forgery): no
// address with a zone (scoped by definition, RFC 4007) and none in a special-purpose range of
// IANA's registries (loopback, private, link-local, shared, documentation, benchmarking,
// reserved, multicast and the like; the few anycast services among them are refused too). An
// IPv6 address that carries an IPv4 one (mapped, NAT64, 6to4) is judged by the IPv4 address it
// reaches.
func Public(ip netip.Addr) bool {
	if !ip.IsValid() || ip.Zone() != "" {
		return false
	}
	ip = ip.Unmap()
	if v4, ok := carriedIPv4(ip); ok {
		return Public(v4)
	}
	for _, p := range notGlobal {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// notGlobal are the special-purpose ranges a webhook may not reach (RFC 6890 and its updates).
var notGlobal = func() []netip.Prefix {
	var out []netip.Prefix
	for _, p := range []string{
		"0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
		"192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15",
		"198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
		"::/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32", "3fff::/20", "5f00::/16",
		"fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
	} {
		out = append(out, netip.MustParsePrefix(p))
	}
	return out
}()

// The IPv6 ranges whose addresses carry an IPv4 address: NAT64's well-known prefix (RFC 6052,
// the last 32 bits) and 6to4 (RFC 3056, the 32 bits after the prefix).
var (
	nat64  = netip.MustParsePrefix("64:ff9b::/96")
	sixTo4 = netip.MustParsePrefix("2002::/16")
)

// carriedIPv4 returns the IPv4 address a NAT64 or 6to4 address reaches.
func carriedIPv4(ip netip.Addr) (netip.Addr, bool) {
	b := ip.As16()
	switch {
	case nat64.Contains(ip):
		return netip.AddrFrom4([4]byte(b[12:16])), true
	case sixTo4.Contains(ip):
		return netip.AddrFrom4([4]byte(b[2:6])), true
	}
	return netip.Addr{}, false
}

// Resolver looks a host name up, as net.Resolver.LookupNetIP does.
type Resolver func(ctx context.Context, host string) ([]netip.Addr, error)

// CheckURL validates a webhook URL: http or https with a host, and, unless allowPrivate, a
// host whose every address is public. The dialer checks the address again when it connects,
// since a name may resolve differently later. The error is fault.Invalid on the field "url".
func CheckURL(ctx context.Context, raw string, allowPrivate bool, resolve Resolver) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	bad := func(msg string) (*url.URL, error) { return nil, fault.Field("url", msg) }
	if raw == "" {
		return bad("Enter the URL to call.")
	}
	if len(raw) > MaxURLLength {
		return bad("The URL is too long.")
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Hostname() == "" {
		return bad("Enter a full URL such as https://hooks.example.com/creditdesk.")
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return bad("Use an http or https URL.")
	}
	if u.User != nil {
		return bad("Leave user names and passwords out of the URL.")
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return bad("The port must be a number from 1 to 65535.")
		}
	}
	if allowPrivate {
		return u, nil
	}
	if ip, err := netip.ParseAddr(u.Hostname()); err == nil {
		if !Public(ip) {
			return bad("This address is not publicly reachable (loopback, private, link-local or another special-purpose network), which webhooks may not call.")
		}
		return u, nil
	}
	addrs, err := resolve(ctx, u.Hostname())
	if err != nil || len(addrs) == 0 {
		return bad("This host name cannot be resolved.")
	}
	for _, a := range addrs {
		if !Public(a) {
			return bad("This host name resolves to an address that is not publicly reachable (loopback, private, link-local or another special-purpose network), which webhooks may not call.")
		}
	}
	return u, nil
}
