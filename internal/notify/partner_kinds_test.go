package notify_test

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/alerts"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// The partner organisation of the partner scenarios, its admin and two members.
const (
	partnerID  = "4390934"
	adminEmail = "olga@tailspin.example"
	rajEmail   = "raj@tailspin.example"
	meiEmail   = "mei@tailspin.example"
)

// partnerScenario is scenarioWith's billing profile (with no credit) and a partner organisation
// whose benefits (a JSON array) its admin Olga manages for its members Raj and Mei.
func partnerScenario(benefitsJSON string) string {
	s := scenarioWith(`[]`, `[]`, `[]`)
	users := `{ "email": "` + adminEmail + `", "name": "Olga Ivanova", "password": "a long passphrase" },
	  { "email": "` + rajEmail + `", "name": "Raj Patel", "password": "a long passphrase" },
	  { "email": "` + meiEmail + `", "name": "Mei Chen", "password": "a long passphrase" },`
	s = strings.Replace(s, `"users": [ `, `"users": [ `+users, 1)
	return strings.TrimSuffix(strings.TrimSpace(s), "}") + `,
  "partners": [ { "id": "` + partnerID + `", "name": "Tailspin Toys Partners", "domains": ["tailspin.example"],
    "members": [ { "user": "` + adminEmail + `", "roles": ["partnerAdmin"] }, { "user": "` + rajEmail + `", "roles": [] },
                 { "user": "` + meiEmail + `", "roles": [] } ],
    "benefits": ` + benefitsJSON + ` } ] }`
}

// monthlyCredit is a monthly credit of the membership year ending 2027-02-04 (P3, P11).
const monthlyCredit = `[ { "id": "b-001", "kind": "AzureMonthlyCredit", "amount": "100.00", "currency": "USD",
  "purchaseDate": "2026-02-01", "startDate": "2026-02-05", "endDate": "2027-02-04" } ]`

// partnerEnv is env with the organisation and its admin, who creates the rules.
type partnerEnv struct {
	*env
	partner store.Partner
	admin   store.User
}

func newPartnerEnv(t *testing.T, d store.Dialect, benefitsJSON string) *partnerEnv {
	t.Helper()
	e := &partnerEnv{env: newEnv(t, storetest.MigratedURL(t, d), partnerScenario(benefitsJSON))}
	ctx := context.Background()
	var err error
	if e.partner, err = e.st.PartnerByExternalID(ctx, partnerID); err != nil {
		t.Fatal(err)
	}
	if e.admin, err = e.st.UserByEmail(ctx, adminEmail); err != nil {
		t.Fatal(err)
	}
	return e
}

// user returns a user of the scenario.
func (e *partnerEnv) user(email string) store.User {
	e.t.Helper()
	u, err := e.st.UserByEmail(context.Background(), email)
	if err != nil {
		e.t.Fatal(err)
	}
	return u
}

// partnerCase is a scenario-driven test of one partner rule kind: the business clock walks the
// days of each range in turn, the actions of a day are taken before its run, and the days the
// alert fires and is resolved are compared with the expected ones.
type partnerCase struct {
	name                  string
	benefits              string
	rule                  alerts.Rule
	ranges                [][2]string
	actions               map[string]func(e *partnerEnv) error
	wantFired, wantResolv []string
}

var partnerCases = []partnerCase{
	{
		// The monthly credit's last day is 2027-02-04 (P3): unassigned 30 days before, on
		// 2027-01-05, it fires; Raj is assigned on the 6th (still not redeemed: it holds) and
		// redeems on the 7th (resolved, P5); removed on the 9th it is Not redeemed again (P6)
		// and fires anew.
		name:     "benefit.unused",
		benefits: monthlyCredit,
		rule:     alerts.Rule{Kind: alerts.BenefitUnused, Days: 30},
		ranges:   [][2]string{{"2027-01-03", "2027-01-10"}},
		actions: map[string]func(e *partnerEnv) error{
			"2027-01-06": func(e *partnerEnv) error { return e.assign(rajEmail) },
			"2027-01-07": func(e *partnerEnv) error { return e.redeem(rajEmail) },
			"2027-01-09": func(e *partnerEnv) error { return e.remove() },
		},
		wantFired: []string{"2027-01-05", "2027-01-09"}, wantResolv: []string{"2027-01-07"},
	},
	{
		// Raj is assigned the monthly credit on 2026-03-01 and has not redeemed it 10 days
		// later, on the 11th (fires); he redeems on the 13th (resolved). Removed on the 14th
		// (Not redeemed: no holder to wait for), then Mei assigned on the 15th: 10 days later,
		// on the 25th, it fires anew (P4, P6).
		name:     "benefit.unredeemed",
		benefits: monthlyCredit,
		rule:     alerts.Rule{Kind: alerts.BenefitUnredeemed, Days: 10},
		ranges:   [][2]string{{"2026-02-27", "2026-03-26"}},
		actions: map[string]func(e *partnerEnv) error{
			"2026-03-01": func(e *partnerEnv) error { return e.assign(rajEmail) },
			"2026-03-13": func(e *partnerEnv) error { return e.redeem(rajEmail) },
			"2026-03-14": func(e *partnerEnv) error { return e.remove() },
			"2026-03-15": func(e *partnerEnv) error { return e.assign(meiEmail) },
		},
		wantFired: []string{"2026-03-11", "2026-03-25"}, wantResolv: []string{"2026-03-13"},
	},
	{
		// The membership ends with its benefits on 2027-02-04: 30 days before, on 2027-01-05,
		// it fires; renewed on the 10th, it ends on 2028-02-04 (P6 renewal: resolved); 30 days
		// before that, on 2028-01-05, it fires anew.
		name:     "membership.ending",
		benefits: monthlyCredit,
		rule:     alerts.Rule{Kind: alerts.MembershipEnding, Days: 30},
		ranges:   [][2]string{{"2027-01-03", "2027-01-11"}, {"2028-01-03", "2028-01-06"}},
		actions: map[string]func(e *partnerEnv) error{
			"2027-01-10": func(e *partnerEnv) error {
				_, err := e.st.RenewPartner(context.Background(), e.admin, e.partner, e.clock.T)
				return err
			},
		},
		wantFired: []string{"2027-01-05", "2028-01-05"}, wantResolv: []string{"2027-01-10"},
	},
}

// assign gives the monthly credit to a member (P4).
func (e *partnerEnv) assign(email string) error {
	_, err := e.st.AssignBenefit(context.Background(), e.admin, e.partner, "b-001", email, false)
	return err
}

// remove takes the monthly credit from its holder (P6).
func (e *partnerEnv) remove() error {
	_, err := e.st.RemoveBenefitUser(context.Background(), e.admin, e.partner, "b-001")
	return err
}

// redeem has the holder redeem the monthly credit (P5).
func (e *partnerEnv) redeem(email string) error {
	_, err := e.st.RedeemBenefit(context.Background(), e.user(email), "b-001", rand.Reader)
	return err
}

// TestPartnerRuleKindsFireOnTheRightDayOnce walks each partner kind's scenario day by day on
// every database: each fires on the day its condition first holds, once, and again only after
// it was resolved and crossed anew; the admin who created it gets one email per firing and
// resolution, linking to the benefit or the membership under -public-url.
func TestPartnerRuleKindsFireOnTheRightDayOnce(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		for _, tc := range partnerCases {
			t.Run(string(d)+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				e := newPartnerEnv(t, d, tc.benefits)
				if _, err := e.st.CreateAlertRule(context.Background(), e.admin, e.partner, tc.rule, true); err != nil {
					t.Fatal(err)
				}
				var fired, resolved []string
				for _, r := range tc.ranges {
					for day := ledger.MustDate(r[0]); !day.After(ledger.MustDate(r[1])); day = day.AddDays(1) {
						e.clock.T = day.Time().Add(9 * time.Hour)
						if act := tc.actions[day.String()]; act != nil {
							if err := act(e); err != nil {
								t.Fatalf("%s: %v", day, err)
							}
						}
						rep := e.day(day.String())
						for range rep.Fired {
							fired = append(fired, day.String())
						}
						for range rep.Resolved {
							resolved = append(resolved, day.String())
						}
					}
				}
				msgs := wantFirings(t, e.mail, fired, resolved, tc.wantFired, tc.wantResolv)
				link := "https://creditdesk.example.com/partners/" + partnerID + "/benefits/b-001"
				if tc.rule.Kind == alerts.MembershipEnding {
					link = "https://creditdesk.example.com/partners/" + partnerID + "/membership"
				}
				m := msgs[0]
				if !slices.Equal(m.EnvelopeTo, []string{adminEmail}) || m.Subject != tc.rule.Kind.Label()+" · Tailspin Toys Partners" ||
					!strings.Contains(m.Text, link) || !strings.Contains(m.HTML, `href="`+link+`"`) {
					t.Errorf("first email: to %v, subject %q, text %q", m.EnvelopeTo, m.Subject, m.Text)
				}
				if !strings.HasPrefix(msgs[1].Subject, "Resolved: ") {
					t.Errorf("second email %q, want the resolution", msgs[1].Subject)
				}
			})
		}
	}
}

// TestPartnerWebhookEvent: a partner organisation's webhook receives a signed CloudEvents event
// whose subject is the benefit under the organisation, with the organisation and the benefit's
// state in its data; the billing fields are left out.
func TestPartnerWebhookEvent(t *testing.T) {
	t.Parallel()
	e := newPartnerEnv(t, store.SQLite, monthlyCredit)
	ctx := context.Background()
	h := newHook(t, http.StatusNoContent)
	if _, err := e.st.CreateAlertRule(ctx, e.admin, e.partner, alerts.Rule{Kind: alerts.BenefitUnused, Days: 30}, false); err != nil {
		t.Fatal(err)
	}
	_, secret, err := e.svc.CreateWebhook(ctx, e.admin, e.partner, 0, h.server.URL+"/hooks")
	if err != nil {
		t.Fatal(err)
	}
	if rep := e.day("2027-01-05"); rep.Fired != 1 || rep.Sent != 2 { // the webhook and the admin's email
		t.Fatalf("report %+v", rep)
	}
	reqs := h.got()
	if len(reqs) != 1 || !alerts.Verify(secret, reqs[0].body, reqs[0].header.Get(alerts.SignatureHeader)) {
		t.Fatalf("%d calls, or the signature does not verify under the secret shown", len(reqs))
	}
	var ev alerts.Event
	if err := json.Unmarshal(reqs[0].body, &ev); err != nil {
		t.Fatal(err)
	}
	v := ev.Data.Values
	if ev.Type != "com.creditdesk.benefit.unused" || ev.Subject != "/partners/"+partnerID+"/benefits/b-001" ||
		ev.Source != "https://creditdesk.example.com/partners/"+partnerID+"/alerts" || ev.Data.Partner != partnerID ||
		ev.Data.PartnerName != "Tailspin Toys Partners" || v.Benefit != "b-001" || v.Status != "Not redeemed" ||
		v.ExpirationDate.String() != "2027-02-04" || *v.DaysLeft != 30 {
		t.Errorf("event %+v", ev)
	}
	if strings.Contains(string(reqs[0].body), "billingAccount") {
		t.Errorf("a partner event carries billing fields: %s", reqs[0].body)
	}
}
