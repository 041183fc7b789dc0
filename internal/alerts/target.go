package alerts

import (
	"context"
	"net/netip"
	"net/url"
	"strings"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// MaxURLLength bounds a webhook URL.
const MaxURLLength = 2000

// Public reports whether a webhook may be sent to ip without -webhooks-allow-private: not a
// loopback, private, link-local, shared (CGNAT), unspecified or multicast address, so that a
// rule cannot make the server call into its own network (server-side request forgery).
func Public(ip netip.Addr) bool {
	ip = ip.Unmap()
	return ip.IsValid() && !ip.IsLoopback() && !ip.IsPrivate() && !ip.IsLinkLocalUnicast() &&
		!ip.IsLinkLocalMulticast() && !ip.IsInterfaceLocalMulticast() && !ip.IsMulticast() &&
		!ip.IsUnspecified() && !sharedSpace.Contains(ip)
}

// sharedSpace is the carrier-grade NAT range (RFC 6598), private in practice.
var sharedSpace = netip.MustParsePrefix("100.64.0.0/10")

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
	if allowPrivate {
		return u, nil
	}
	if ip, err := netip.ParseAddr(u.Hostname()); err == nil {
		if !Public(ip) {
			return bad("This address is on a private, loopback or link-local network, which webhooks may not call.")
		}
		return u, nil
	}
	addrs, err := resolve(ctx, u.Hostname())
	if err != nil || len(addrs) == 0 {
		return bad("This host name cannot be resolved.")
	}
	for _, a := range addrs {
		if !Public(a) {
			return bad("This host name resolves to a private, loopback or link-local address, which webhooks may not call.")
		}
	}
	return u, nil
}
