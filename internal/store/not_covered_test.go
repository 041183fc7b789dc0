package store_test

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/password/passwordtest"
	"github.com/creditdesk/creditdesk/internal/scenario"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestNotCoveredSeededFromM10: a new database holds the list DOMAIN M10 names, one entry per
// product, sorted by name.
func TestNotCoveredSeededFromM10(t *testing.T) {
	want := []string{"Azure support plans", "Canonical", "Citrix XenApp Essentials", "Citrix XenDesktop",
		"OpenLogic", "Registered User", "Remote Access Rights XenApp Essentials Registered User", "Ubuntu Advantage",
		"Visual Studio Enterprise (Annual)", "Visual Studio Enterprise (Monthly)",
		"Visual Studio Professional (Annual)", "Visual Studio Professional (Monthly)"}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		list, err := s.NotCovered(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if got := list.Names(); !slices.Equal(got, want) {
			t.Errorf("seeded list\n got %q\nwant %q", got, want)
		}
	})
}

// TestNotCoveredAddRemove: operators add and remove entries, audited at installation level
// (X1); a name already on the list in another spelling, a bad name, or removing a name the list
// does not have is refused (a conflict says its message) and changes nothing.
func TestNotCoveredAddRemove(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		op := store.User{Email: "operator (test)"}
		got, err := s.AddNotCovered(ctx, op, "  Contoso   Widgets ")
		if err != nil || got != "Contoso Widgets" {
			t.Fatalf("add: %q, %v", got, err)
		}
		refusals := []struct{ name, kind, says string }{
			{"contoso WIDGET", "conflict", `store.not_covered_already("contoso WIDGET", "Contoso Widgets")`},
			{"Azure Support Plan", "conflict", `"Azure support plans")`},
			{" ", "invalid", "name: ledger.name_required"},
			{"( - )", "invalid", "name: ledger.name_letter"},
		}
		for _, r := range refusals {
			_, err := s.AddNotCovered(ctx, op, r.name)
			if err == nil || !strings.Contains(err.Error(), r.says) || (r.kind == "conflict") != errors.Is(err, fault.ErrConflict) {
				t.Errorf("add %q: %v; want a %s saying %q", r.name, err, r.kind, r.says)
			}
		}
		list, _ := s.NotCovered(ctx)
		if len(list.Names()) != 13 || list.Find("Contoso Widgets") < 0 {
			t.Fatalf("after one add: %q", list.Names())
		}
		removed, err := s.RemoveNotCovered(ctx, op, "CONTOSO  widget")
		if err != nil || removed != "Contoso Widgets" {
			t.Fatalf("remove: %q, %v", removed, err)
		}
		_, err = s.RemoveNotCovered(ctx, op, "Contoso Widgets")
		if v, ok := fault.AsInvalid(err); !ok || v.For("name") != `"Contoso Widgets" is not on the not-covered list` {
			t.Errorf("remove again: %v", err)
		}
		if list, _ := s.NotCovered(ctx); len(list.Names()) != 12 {
			t.Errorf("after remove: %q", list.Names())
		}
		audit, err := s.AuditOf(ctx, "", 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		var trail []string
		for _, e := range audit {
			trail = append(trail, e.Action+" "+e.Target+" by "+e.ActorEmail)
		}
		want := []string{"not_covered.removed Contoso Widgets by operator (test)", "not_covered.added Contoso Widgets by operator (test)"}
		if !slices.Equal(trail, want) {
			t.Errorf("audit\n got %q\nwant %q", trail, want)
		}
	})
}

// TestNotCoveredDecidesLoadsAndImports (M10, issue 8 item 2): scenario charges and cost imports
// take their eligibility from the one stored list, in any spelling; after the list changes,
// stating the same days again moves their charges to the new eligibility, never counting them
// twice.
func TestNotCoveredDecidesLoadsAndImports(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		_, today := processedLedger(t, s)
		raw, err := os.ReadFile("../scenario/testdata/ledger.json")
		if err != nil {
			t.Fatal(err)
		}
		const last = `{ "date": "2026-07-03", "amount": "200.00", "product": "Virtual Machines" }`
		file := strings.Replace(string(raw), last, last+`, { "date": "2026-07-04", "amount": "7.00", "product": "azure  SUPPORT plan" }`, 1)
		csv := "billingProfileId,date,productName,billingCurrency,costInBillingCurrency\n" +
			"PBFV-AB12-CD3-EF4,07/06/2026,Azure Support Plans - Developer,USD,3.00\n"
		op := store.User{Email: "operator (test)"}
		state := func(step string) {
			t.Helper()
			sc, err := scenario.Parse(strings.NewReader(file))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := scenario.Load(ctx, s, sc, passwordtest.Params()); err != nil {
				t.Fatalf("%s: load: %v", step, err)
			}
			if _, err := importCSV(t, s, csv); err != nil {
				t.Fatalf("%s: import: %v", step, err)
			}
		}
		check := func(step, eligible, ineligible string) {
			t.Helper()
			sum, err := s.ProfileSummary(ctx, profileOf(t, s), today)
			if err != nil {
				t.Fatal(err)
			}
			if sum.PendingEligibleCharges.String() != eligible || sum.IneligibleCharges.String() != ineligible {
				t.Errorf("%s: pending eligible %s, ineligible %s; want %s, %s", step, sum.PendingEligibleCharges,
					sum.IneligibleCharges, eligible, ineligible)
			}
		}
		state("seeded list")
		check("seeded list", "-200.00", "10.00")
		if _, err := s.RemoveNotCovered(ctx, op, "Azure Support Plan"); err != nil {
			t.Fatal(err)
		}
		check("removed, not stated again", "-200.00", "10.00")
		state("removed")
		check("removed", "-210.00", "0.00")
		if _, err := s.AddNotCovered(ctx, op, "AZURE SUPPORT PLANS"); err != nil {
			t.Fatal(err)
		}
		state("added back")
		check("added back", "-200.00", "10.00")
	})
}
