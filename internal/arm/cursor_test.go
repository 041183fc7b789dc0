package arm

import (
	"net/http"
	"strings"
	"testing"
)

// TestCursor: a sealed cursor opens for its own list and query only; tampering, another key or
// another binding is a 400 naming $skiptoken (contract §1.6).
func TestCursor(t *testing.T) {
	s := NewSealer([]byte("0123456789abcdef0123456789abcdef"))
	bind := Binding("/lots", "status eq 'active'")
	c := Cursor{Bind: bind, Phase: 1, Profile: 7, After: 42, Key: "2026-06-15|4||-1|Pending charges"}
	tok := s.Seal(c)
	if strings.ContainsAny(tok, "+/=&?# ") {
		t.Errorf("token %q needs escaping in a URL", tok)
	}
	got, err := s.Open(tok, bind)
	if err != nil || got != c {
		t.Fatalf("Open = %+v, %v; want %+v", got, err, c)
	}
	other := NewSealer([]byte("another key, another installation"))
	flipped := []byte(tok)
	flipped[3] ^= 1
	for name, tt := range map[string]struct{ tok, bind string }{
		"other binding":   {tok, Binding("/events")},
		"other key":       {other.Seal(c), bind},
		"tampered":        {string(flipped), bind},
		"no signature":    {strings.Split(tok, ".")[0], bind},
		"empty":           {"", bind},
		"garbage":         {"!!!.???", bind},
		"too long":        {strings.Repeat("a", 2000) + "." + strings.Split(tok, ".")[1], bind},
		"negative offset": {s.Seal(Cursor{Bind: bind, After: -1}), bind},
		"unknown phase":   {s.Seal(Cursor{Bind: bind, Phase: 2}), bind},
	} {
		_, err := s.Open(tt.tok, tt.bind)
		if err == nil {
			t.Errorf("%s: opened", name)
			continue
		}
		wantARM(t, err, http.StatusBadRequest, CodeBadRequest, "'$skiptoken' is invalid")
	}
}

// TestCanonical: literal segments in any case become canonical; names are left alone (contract §1.2).
func TestCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/providers/microsoft.billing/billingaccounts/5e98:a_2019/billingprofiles/pbfv-1/providers/microsoft.consumption/credits/balancesummary",
			"/providers/Microsoft.Billing/billingAccounts/5e98:a_2019/billingProfiles/pbfv-1/providers/Microsoft.Consumption/credits/balanceSummary"},
		{"/PROVIDERS/Microsoft.Billing/billingAccounts/lots/billingProfiles/events/providers/Microsoft.Consumption/EVENTS",
			"/providers/Microsoft.Billing/billingAccounts/lots/billingProfiles/events/providers/Microsoft.Consumption/events"},
		{"/providers/Microsoft.Billing/BillingAccounts/a%3Ab/customers/Credits/providers/Microsoft.Consumption/Lots",
			"/providers/Microsoft.Billing/billingAccounts/a%3Ab/customers/Credits/providers/Microsoft.Consumption/lots"},
	}
	for _, tt := range tests {
		if got, changed := Canonical(tt.in); got != tt.want || !changed {
			t.Errorf("Canonical(%s)\n = %s (%t)\nwant %s", tt.in, got, changed, tt.want)
		}
	}
	for _, p := range []string{"/accounts/x", "/providers/Microsoft.Billing/billingAccounts", "/static/css"} {
		if got, changed := Canonical(p); got != p || changed {
			t.Errorf("Canonical(%s) changed it to %s", p, got)
		}
	}
	if !IsAPIPath("/Providers/x") || IsAPIPath("/provider") || IsAPIPath("/accounts") {
		t.Error("IsAPIPath")
	}
}

// TestNameGUID gives stable, GUID-shaped names.
func TestNameGUID(t *testing.T) {
	a, b := NameGUID("event", "p", "1"), NameGUID("event", "p", "2")
	if a == b || a != NameGUID("event", "p", "1") || len(a) != 36 || a[14] != '5' || strings.Count(a, "-") != 4 {
		t.Errorf("NameGUID: %s %s", a, b)
	}
}

// TestNamesStayWhatTheyWere pins the names of a settled and a pending event as every earlier
// release derived them: a client that stored them finds the same resources.
func TestNamesStayWhatTheyWere(t *testing.T) {
	if got := SettledName(ProfileID("acct:1_2019-05-31", "PBFV-AB12"), 1234567); got != "926c13c7-2b97-5d4d-8c5c-978a72fcd529" {
		t.Errorf("SettledName = %s", got)
	}
	if got := PendingName("p", "2026-01-02|4|lot|-5|x"); got != "d5591c05-71d8-56f4-b068-6ceb420be709" {
		t.Errorf("PendingName = %s", got)
	}
}
