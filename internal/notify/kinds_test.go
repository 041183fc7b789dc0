package notify_test

import (
	"context"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/alerts"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// kindCase is a scenario-driven test of one rule kind: the days its alert fires and is
// resolved while the business clock walks from..to, one processing run and one evaluation a
// day. Each fires on the day its condition first holds, once, and again only after it was
// resolved and crossed anew.
type kindCase struct {
	name                  string
	lots, charges, adjs   string
	rule                  alerts.Rule
	from, to              string
	wantFired, wantResolv []string
}

var kindCases = []kindCase{
	{
		// A credit of 1,000 expiring on Mar 31 enters the 30-day window on Mar 1 with at least
		// 500 left (fires); a charge of 600 leaves 400 on Mar 5 (resolved); a 300 refund brings
		// it to 700 on Mar 10 (fires again). M8, M12.
		name:    "credit.expiring",
		lots:    `[ { "name": "promo", "source": "PromotionalCredit", "amount": "1000.00", "startDate": "2026-01-01", "expirationDate": "2026-03-31" } ]`,
		charges: `[ { "date": "2026-03-05", "amount": "600.00", "product": "Virtual Machines" } ]`,
		adjs:    `[ { "date": "2026-03-10", "amount": "300.00", "description": "Refund" } ]`,
		rule:    alerts.Rule{Kind: alerts.CreditExpiring, Days: 30, Amount: amount("500")},
		from:    "2026-02-27", to: "2026-03-12",
		wantFired: []string{"2026-03-01", "2026-03-10"}, wantResolv: []string{"2026-03-05"},
	},
	balanceLow("balance.low amount", alerts.Rule{Kind: alerts.BalanceLow, Amount: amount("500")}),
	// Below 50 % of the 1,000 released this year: the same days as the amount of 500.
	balanceLow("balance.low percent", alerts.Rule{Kind: alerts.BalanceLow, Percent: 50}),
	{
		// The runway needs 14 days of history (Jan 1-14): on Jan 15 the burn is 280/14 = 20 a
		// day over 720 left, out on Feb 21, 37 days away (fires). On Jan 16 the burn is
		// 280/15 and the runway 39 days (resolved). A charge of 300 on Jan 20 leaves 420 at
		// 280/19 a day: 29 days (fires again).
		name: "runway.short",
		lots: `[ { "name": "prepaid", "source": "PurchasedCredit", "amount": "1000.00", "startDate": "2026-01-01", "expirationDate": "2027-01-01" } ]`,
		charges: `[ { "date": "2026-01-01", "amount": "280.00", "product": "Virtual Machines" },
		            { "date": "2026-01-20", "amount": "300.00", "product": "Virtual Machines" } ]`,
		adjs: `[]`,
		rule: alerts.Rule{Kind: alerts.RunwayShort, Days: 37},
		from: "2026-01-10", to: "2026-01-21",
		wantFired: []string{"2026-01-15", "2026-01-20"}, wantResolv: []string{"2026-01-16"},
	},
	{
		// On Jan 15 (first day with history) the burn of 10 a day leaves 420 of the 860 left
		// to expire on Feb 28 (fires, at least 400). A charge of 400 on Jan 20 leaves 460 at a
		// slower burn: 173 (resolved). A refund of 2,000 on Jan 25: 1,695 (fires again).
		name: "credit.unused",
		lots: `[ { "name": "promo", "source": "PromotionalCredit", "amount": "1000.00", "startDate": "2026-01-01", "expirationDate": "2026-02-28" } ]`,
		charges: `[ { "date": "2026-01-01", "amount": "140.00", "product": "Virtual Machines" },
		            { "date": "2026-01-20", "amount": "400.00", "product": "Virtual Machines" } ]`,
		adjs: `[ { "date": "2026-01-25", "amount": "2000.00", "description": "Goodwill" } ]`,
		rule: alerts.Rule{Kind: alerts.CreditUnused, Amount: amount("400")},
		from: "2026-01-10", to: "2026-01-26",
		wantFired: []string{"2026-01-15", "2026-01-25"}, wantResolv: []string{"2026-01-20"},
	},
}

// balanceLow is the balance.low case of a rule: the estimated balance (M12) falls below 500 (or
// 50 % of the 1,000 released) with 600 of charges on Mar 10; a 300 refund lifts it to 700 on Mar
// 15; 400 more of charges take it to 300 on Mar 20.
func balanceLow(name string, rule alerts.Rule) kindCase {
	return kindCase{
		name: name,
		lots: `[ { "name": "prepaid", "source": "PurchasedCredit", "amount": "1000.00", "startDate": "2026-01-01", "expirationDate": "2026-12-31" } ]`,
		charges: `[ { "date": "2026-03-10", "amount": "600.00", "product": "Virtual Machines" },
		            { "date": "2026-03-20", "amount": "400.00", "product": "Virtual Machines" } ]`,
		adjs: `[ { "date": "2026-03-15", "amount": "300.00", "description": "Refund" } ]`,
		rule: rule,
		from: "2026-03-08", to: "2026-03-22",
		wantFired: []string{"2026-03-10", "2026-03-20"}, wantResolv: []string{"2026-03-15"},
	}
}

// TestRuleKindsFireOnTheRightDayOnce walks each kind's scenario day by day on every database.
func TestRuleKindsFireOnTheRightDayOnce(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		for _, tc := range kindCases {
			t.Run(string(d)+"/"+tc.name, func(t *testing.T) {
				t.Parallel()
				e := newEnv(t, storetest.MigratedURL(t, d), scenarioWith(tc.lots, tc.charges, tc.adjs))
				e.rule(tc.rule, true)
				fired, resolved := e.walk(tc.from, tc.to)
				// The owner (the rule's creator) got one email per firing and per resolution.
				msgs := wantFirings(t, e.mail, fired, resolved, tc.wantFired, tc.wantResolv)
				if msgs[0].EnvelopeTo[0] != ownerEmail || !strings.Contains(msgs[0].Subject, tc.rule.Kind.Label()) ||
					!strings.Contains(msgs[0].Text, "https://creditdesk.example.com/accounts/") || !strings.Contains(msgs[0].HTML, "<a href=") {
					t.Errorf("first email: %+v", msgs[0])
				}
				if !strings.HasPrefix(msgs[1].Subject, "Resolved: ") && !strings.HasPrefix(msgs[2].Subject, "Resolved: ") {
					t.Errorf("no resolved email among %q, %q", msgs[1].Subject, msgs[2].Subject)
				}
			})
		}
	}
}

// TestProcessFailedFiresWhileTheRunSkipsTheProfile: the processing run that cannot process
// the profile fires the alert; a run that processes it resolves it; the next failure fires
// again (issue 8's failure record, as the credits page shows it).
func TestProcessFailedFiresWhileTheRunSkipsTheProfile(t *testing.T) {
	t.Parallel()
	url := storetest.MigratedURL(t, store.SQLite)
	e := newEnv(t, url, scenarioWith(`[ { "name": "prepaid", "source": "PurchasedCredit", "amount": "1000.00", "startDate": "2026-01-01", "expirationDate": "2026-12-31" } ]`, `[]`, `[]`))
	e.rule(alerts.Rule{Kind: alerts.ProcessFailed}, false)
	const breakIt = `CREATE TRIGGER broken_profile BEFORE UPDATE ON billing_profiles BEGIN SELECT RAISE(ABORT, 'this profile is broken'); END`
	if rep := e.day("2026-01-10"); rep.Fired != 0 {
		t.Fatalf("fired while the run succeeds: %+v", rep)
	}
	storetest.Exec(t, url, breakIt)
	if rep := e.day("2026-02-10"); rep.Fired != 1 {
		t.Fatalf("first failing run: %+v, want one firing", rep)
	}
	if rep := e.day("2026-02-11"); rep.Fired != 0 {
		t.Fatalf("second failing run: %+v, want no new firing", rep)
	}
	storetest.Exec(t, url, `DROP TRIGGER broken_profile`)
	if rep := e.day("2026-03-10"); rep.Resolved != 1 || rep.Sent != 0 {
		t.Fatalf("run that succeeds: %+v, want resolved without a message (not asked for)", rep)
	}
	storetest.Exec(t, url, breakIt)
	if rep := e.day("2026-04-10"); rep.Fired != 1 {
		t.Fatalf("failing again: %+v, want a new firing", rep)
	}
	msgs := e.mail.Messages()
	if len(msgs) != 2 || !strings.Contains(msgs[0].Text, "processing run failed for Engineering") {
		t.Fatalf("emails: %+v", msgs)
	}
}

// TestPausedRuleAndEditedThreshold: a paused rule is not evaluated; an edited threshold keeps
// the state, so a condition that still holds is not reported twice.
func TestPausedRuleAndEditedThreshold(t *testing.T) {
	t.Parallel()
	e := newEnv(t, storetest.MigratedURL(t, store.SQLite), scenarioWith(kindCases[0].lots, `[]`, `[]`))
	r := e.rule(alerts.Rule{Kind: alerts.CreditExpiring, Days: 30}, false)
	ctx := context.Background()
	if err := e.st.SetAlertRulePaused(ctx, e.owner, e.sc, r.ID, true); err != nil {
		t.Fatal(err)
	}
	if rep := e.day("2026-03-02"); rep.Rules != 0 || rep.Fired != 0 {
		t.Fatalf("paused rule evaluated: %+v", rep)
	}
	if err := e.st.SetAlertRulePaused(ctx, e.owner, e.sc, r.ID, false); err != nil {
		t.Fatal(err)
	}
	if rep := e.day("2026-03-02"); rep.Fired != 1 {
		t.Fatalf("resumed rule: %+v", rep)
	}
	if err := e.st.UpdateAlertRule(ctx, e.owner, e.sc, r.ID, alerts.Rule{Kind: alerts.CreditExpiring, Days: 40}, false); err != nil {
		t.Fatal(err)
	}
	if rep := e.day("2026-03-03"); rep.Fired != 0 || rep.Resolved != 0 {
		t.Fatalf("edited rule whose condition still holds: %+v", rep)
	}
}
