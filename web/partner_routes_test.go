package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The partner organisations of testdata/roles.json.
const (
	partnerID      = "4390934"
	partPath       = "/partners/" + partnerID
	partnerAdmin   = "partner.admin@fabrikam.example"
	partnerMember  = "partner.member@fabrikam.example"
	partnerHolder  = "partner.holder@fabrikam.example"
	otherPartnerAd = "other.admin@contoso.example"
)

// partnerCallers are the callers of the partner matrix: anonymous, the partner admin, a member
// without a role, the holder of b-002 (a member), the admin of another organisation, and a
// billing owner who is no partner member.
var partnerCallers = []struct{ name, email string }{
	{"anonymous", ""},
	{"partner admin", partnerAdmin},
	{"member", partnerMember},
	{"holder", partnerHolder},
	{"other partner's admin", otherPartnerAd},
	{"billing owner", "account.owner@northwind.example"},
}

// partnerMatrix is the status of every partner route for each partner caller (P1): only the
// partner admin opens the workspace; its members get 403; everyone else the 404 of a missing
// organisation. The redemption is the holder's alone (P5). Mutating rows get a fresh database
// per caller.
var partnerMatrix = []struct {
	method, path string
	form         url.Values
	want         [6]int
}{
	{"GET", "/partners", nil, [6]int{see, ok, ok, ok, ok, ok}},
	{"GET", "/benefits", nil, [6]int{see, ok, ok, ok, ok, ok}},
	{"POST", "/benefits/b-002/redeem", nil, [6]int{see, gone, gone, see, gone, gone}},
	{"GET", partPath + "/benefits", nil, [6]int{see, ok, no, no, gone, gone}},
	{"GET", partPath + "/benefits/b-001", nil, [6]int{see, ok, no, no, gone, gone}},
	{"GET", partPath + "/benefits/b-001/members?q=partner", nil, [6]int{see, ok, no, no, gone, gone}},
	{"POST", partPath + "/benefits/b-001/assign", url.Values{"user": {partnerMember}}, [6]int{see, see, no, no, gone, gone}},
	{"POST", partPath + "/benefits/b-002/reassign", url.Values{"user": {partnerMember}}, [6]int{see, see, no, no, gone, gone}},
	{"POST", partPath + "/benefits/b-002/remove", nil, [6]int{see, see, no, no, gone, gone}},
	{"POST", partPath + "/benefits/b-001/add-user", url.Values{"name": {"New Person"}, "email": {"new@fabrikam.example"}}, [6]int{see, see, no, no, gone, gone}},
	// The holder of b-002 has a password: there is no invitation to resend or revoke (422).
	{"POST", partPath + "/benefits/b-002/invitation", nil, [6]int{see, bad, no, no, gone, gone}},
	{"POST", partPath + "/benefits/b-002/invitation/revoke", nil, [6]int{see, bad, no, no, gone, gone}},
	{"GET", partPath + "/membership", nil, [6]int{see, ok, no, no, gone, gone}},
	{"GET", partPath + "/overview", nil, [6]int{see, ok, no, no, gone, gone}},
	{"POST", partPath + "/renew", url.Values{"renewalDate": {"2026-06-15"}}, [6]int{see, see, no, no, gone, gone}},
	{"GET", partPath + "/audit", nil, [6]int{see, ok, no, no, gone, gone}},
	// Alerts of the organisation (issue 12): its partner admins see, subscribe to and manage
	// them (a rule the scenario lacks is 404); without -secrets-key a webhook is refused
	// naming its field (422).
	{"GET", partPath + "/alerts", nil, [6]int{see, ok, no, no, gone, gone}},
	{"POST", partPath + "/alerts", url.Values{"kind": {"benefit.unused"}, "days": {"30"}}, [6]int{see, see, no, no, gone, gone}},
	{"POST", partPath + "/alerts/999999", url.Values{"kind": {"membership.ending"}, "days": {"9"}}, [6]int{see, gone, no, no, gone, gone}},
	{"POST", partPath + "/alerts/999999/pause", nil, [6]int{see, gone, no, no, gone, gone}},
	{"POST", partPath + "/alerts/999999/delete", nil, [6]int{see, gone, no, no, gone, gone}},
	{"POST", partPath + "/alerts/999999/subscribe", nil, [6]int{see, gone, no, no, gone, gone}},
	{"POST", partPath + "/alerts/webhooks", url.Values{"url": {"https://hooks.example.com/x"}}, [6]int{see, bad, no, no, gone, gone}},
	{"POST", partPath + "/alerts/webhooks/999999/delete", nil, [6]int{see, gone, no, no, gone, gone}},
	{"GET", "/partners/5550001/benefits", nil, [6]int{see, gone, gone, gone, ok, gone}},
	{"GET", "/partners/9999999/benefits", nil, [6]int{see, gone, gone, gone, gone, gone}},
}

// TestPartnerRouteMatrix requests every partner route as every partner caller (P1, P5). A 404
// never names the organisation, so a non-member cannot tell a real one from a missing one.
func TestPartnerRouteMatrix(t *testing.T) {
	t.Parallel()
	shared := rolesHarness(t)
	for _, row := range partnerMatrix {
		for i, caller := range partnerCallers {
			t.Run(row.method+" "+row.path+"/"+caller.name, func(t *testing.T) {
				h := shared
				if row.method == http.MethodPost && row.want[i] == see && caller.email != "" {
					h = rolesHarness(t)
				}
				resp, body := requestAs(t, h, caller.email, row.method, row.path, row.form)
				if resp.StatusCode != row.want[i] {
					t.Errorf("%s %s as %s: status %d, want %d\n%.300s", row.method, row.path, caller.name, resp.StatusCode, row.want[i], body)
				}
				if resp.StatusCode == gone && (strings.Contains(body, "Fabrikam Solutions") || strings.Contains(body, "Contoso Partners")) {
					t.Errorf("the 404 for %s names the organisation", caller.name)
				}
			})
		}
	}
}
