package alerts

import (
	"context"
	"net/netip"
	"testing"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

func TestParseNamesTheFieldAtFault(t *testing.T) {
	tests := []struct {
		form  Form
		field string // "" when valid
	}{
		{Form{Kind: "credit.expiring", Days: "30"}, ""},
		{Form{Kind: "credit.expiring", Days: "30", Amount: "250.50"}, ""},
		{Form{Kind: "balance.low", Percent: "20"}, ""},
		{Form{Kind: "processing.failed", Days: "junk"}, ""}, // thresholds a kind does not take are ignored
		{Form{Kind: "credit.lost"}, "kind"},
		{Form{Kind: "credit.expiring"}, "days"},
		{Form{Kind: "runway.short", Days: "3651"}, "days"},
		{Form{Kind: "credit.expiring", Days: "30", Amount: "0"}, "amount"},
		{Form{Kind: "credit.unused", Amount: "1e3"}, "amount"},
		{Form{Kind: "credit.unused"}, "amount"},
		{Form{Kind: "balance.low", Percent: "0"}, "percent"},
		{Form{Kind: "balance.low", Amount: "10", Percent: "10"}, "amount"},
	}
	for _, tt := range tests {
		_, err := Parse(tt.form)
		v, _ := fault.AsInvalid(err)
		if tt.field == "" && err != nil || tt.field != "" && v.For(tt.field) == "" {
			t.Errorf("Parse(%+v) = %v, want field %q refused", tt.form, err, tt.field)
		}
	}
}

func TestPublic(t *testing.T) {
	for addr, want := range map[string]bool{
		"93.184.216.34": true, "2606:2800:220:1::1": true, "127.0.0.1": false, "::1": false, "10.0.0.1": false,
		"192.168.1.1": false, "172.16.0.1": false, "169.254.169.254": false, "fe80::1": false, "100.64.1.1": false,
		"0.0.0.0": false, "224.0.0.1": false, "::ffff:127.0.0.1": false, "fd00::1": false,
		// Special-purpose ranges, and IPv6 forms that reach an IPv4 address (NAT64, 6to4).
		"198.18.0.1": false, "240.0.0.1": false, "255.255.255.255": false, "192.0.0.1": false, "192.0.2.10": false,
		"64:ff9b::7f00:1": false, "2002:7f00:1::": false, "64:ff9b::5db8:d822": true, "2002:5db8:d822::1": true,
		"2001:db8::1": false, "2001:0:4136:e378::1": false, "100::1": false, "ff02::1": false,
		// Zoned addresses are scoped, whatever the address; deprecated and newer special ranges.
		"::1%lo": false, "fe80::1%eth0": false, "fd00::1%x": false, "2606:2800:220:1::1%eth0": false,
		"::127.0.0.1": false, "fec0::1": false, "3fff::1": false, "5f00::1": false,
	} {
		if got := Public(netip.MustParseAddr(addr)); got != want {
			t.Errorf("Public(%s) = %v, want %v", addr, got, want)
		}
	}
}

// TestCheckExpiringBoundaries: a credit is in the window from N days before its expiration
// to its last day, with at least the amount left; a credit not started yet is not (M8).
func TestCheckExpiringBoundaries(t *testing.T) {
	d := ledger.MustDate
	lots := []ledger.LotBalance{
		{ID: "in", StartDate: d("2026-01-01"), ExpirationDate: d("2026-03-31"), Balance: money.MustParse("500")},
		{ID: "small", StartDate: d("2026-01-01"), ExpirationDate: d("2026-03-31"), Balance: money.MustParse("499.99")},
		{ID: "later", StartDate: d("2026-01-01"), ExpirationDate: d("2026-04-01"), Balance: money.MustParse("900")},
		{ID: "future", StartDate: d("2026-03-05"), ExpirationDate: d("2026-03-20"), Balance: money.MustParse("900")},
		{ID: "empty", StartDate: d("2026-01-01"), ExpirationDate: d("2026-03-10"), Balance: money.Zero},
	}
	a := money.MustParse("500")
	hits := Check(Rule{Kind: CreditExpiring, Days: 30, Amount: &a}, Facts{Today: d("2026-03-01"), Summary: ledger.Summary{Lots: lots}})
	if len(hits) != 1 || hits[0].Lot != "in" || *hits[0].Values.DaysLeft != 30 {
		t.Fatalf("hits %+v, want the 500 expiring in 30 days only", hits)
	}
	if hits := Check(Rule{Kind: CreditExpiring, Days: 30}, Facts{Today: d("2026-03-31"), Summary: ledger.Summary{Lots: lots}}); len(hits) != 3 {
		t.Fatalf("on the last day: %+v, want the three live credits with a balance", hits)
	}
}

func TestSignAndVerify(t *testing.T) {
	body := []byte(`{"specversion":"1.0"}`)
	sig := Sign("whsec_test", body)
	if !Verify("whsec_test", body, sig) || Verify("whsec_other", body, sig) || Verify("whsec_test", append(body, ' '), sig) {
		t.Fatal("a signature verifies only its body under its secret")
	}
}

// TestCheckURL: a webhook URL names a publicly reachable host on a valid port; a literal address
// with a zone, a host resolving to a loopback address and a port out of range are refused on the
// field url; -webhooks-allow-private lets private addresses through, never a bad port.
func TestCheckURL(t *testing.T) {
	resolve := func(_ context.Context, host string) ([]netip.Addr, error) {
		if host == "inside.example" {
			return []netip.Addr{netip.MustParseAddr("127.0.0.1")}, nil
		}
		return []netip.Addr{netip.MustParseAddr("93.184.216.34")}, nil
	}
	for _, tt := range []struct {
		url          string
		allowPrivate bool
		ok           bool
	}{
		{"https://hooks.example.com/x", false, true},
		{"https://hooks.example.com:8443/x", false, true},
		{"http://[::1%25lo]:8080/x", false, false},
		{"http://[fe80::1%25eth0]/x", false, false},
		{"https://inside.example/x", false, false},
		{"https://inside.example/x", true, true},
		{"https://hooks.example.com:65536/x", true, false},
		{"https://hooks.example.com:0/x", false, false},
	} {
		_, err := CheckURL(context.Background(), tt.url, tt.allowPrivate, resolve)
		if v, _ := fault.AsInvalid(err); tt.ok != (err == nil) || !tt.ok && v.For("url") == "" {
			t.Errorf("CheckURL(%s, allow private %v) = %v, want ok %v", tt.url, tt.allowPrivate, err, tt.ok)
		}
	}
}
