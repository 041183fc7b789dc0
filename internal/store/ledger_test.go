package store_test

import (
	"context"
	"os"
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/password/passwordtest"
	"github.com/creditdesk/creditdesk/internal/scenario"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// loadLedger loads the README's worked example (internal/scenario/testdata/ledger.json).
func loadLedger(t testing.TB, s *store.Store) store.BillingProfile {
	t.Helper()
	loadScenario(t, s, "ledger.json")
	return profileOf(t, s)
}

// processedLedger loads the worked example and processes it on its today, 2026-07-10, which it
// returns with the example's profile.
func processedLedger(t testing.TB, s *store.Store) (store.BillingProfile, ledger.Date) {
	t.Helper()
	p := loadLedger(t, s)
	today := ledger.MustDate("2026-07-10")
	if _, err := s.ProcessAll(context.Background(), today); err != nil {
		t.Fatal(err)
	}
	return p, today
}

// loadScenario loads the scenario file internal/scenario/testdata/name.
func loadScenario(t testing.TB, s *store.Store, name string) {
	t.Helper()
	f, err := os.Open("../scenario/testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc, err := scenario.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := scenario.Load(context.Background(), s, sc, passwordtest.Params()); err != nil {
		t.Fatal(err)
	}
}

func profileOf(t testing.TB, s *store.Store) store.BillingProfile {
	t.Helper()
	_, p := storetest.Profile(t, s, "5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31", "PBFV-AB12-CD3-EF4")
	return p
}

// TestWorkedExample is the README's worked example end to end through the store (M9, M11, M12,
// M13): three invoices, the balances after each, and the estimate on 2026-07-10.
func TestWorkedExample(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		loadLedger(t, s)
		today := ledger.MustDate("2026-07-10")
		res, err := s.ProcessAll(ctx, today)
		if err != nil {
			t.Fatal(err)
		}
		if res.Invoices != 3 || res.Released != 2 {
			t.Errorf("processing: %+v, want 3 invoices and 2 lots released", res)
		}
		p := profileOf(t, s)
		invs, err := s.Invoices(ctx, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []struct {
			period                        string
			charges, credits, due, expird string
		}{
			{"2026-06", "800.00", "800.00", "0.00", "0.00"},
			{"2026-05", "750.00", "750.00", "0.00", "350.00"},
			{"2026-04", "840.00", "800.00", "40.00", "0.00"},
		}
		if len(invs) != len(want) {
			t.Fatalf("%d invoices, want %d", len(invs), len(want))
		}
		for i, w := range want {
			got := invs[i]
			if got.Period.String() != w.period || got.TotalCharges.String() != w.charges || got.CreditsApplied.String() != w.credits ||
				got.AmountDue.String() != w.due || got.ExpiredCredit.String() != w.expird {
				t.Errorf("invoice %s: charges %s credits %s due %s expired %s, want %+v", got.Period,
					got.TotalCharges.String(), got.CreditsApplied.String(), got.AmountDue.String(), got.ExpiredCredit.String(), w)
			}
		}
		if p.CurrentBalance.String() != "825.00" || p.NextPeriod != "2026-07" || p.EventSeq != 7 {
			t.Errorf("profile state: balance %s next %s seq %d", p.CurrentBalance.String(), p.NextPeriod, p.EventSeq)
		}
		sum, err := s.ProfileSummary(ctx, p, today)
		if err != nil {
			t.Fatal(err)
		}
		if sum.CurrentBalance.String() != "825.00" || sum.EstimatedBalance.String() != "625.00" || sum.PendingEligibleCharges.String() != "-200.00" {
			t.Errorf("summary: %+v", sum)
		}
		// Idempotent: a second run, and a second load, change nothing (M9, scenario-format).
		again, err := s.ProcessAll(ctx, today)
		if err != nil || again.Invoices != 0 || again.EventsStored != 0 {
			t.Errorf("second run: %+v, %v", again, err)
		}
		loadLedger(t, s)
		if p2 := profileOf(t, s); p2.CurrentBalance != p.CurrentBalance || p2.EventSeq != p.EventSeq {
			t.Error("reloading the scenario changed the ledger")
		}
		events, more, err := s.EventsPage(ctx, store.EventQuery{ProfileIDs: []int64{p.ID}, Newest: true, Limit: 5})
		if err != nil || len(events) != 5 || !more || events[0].Seq != 7 || events[0].Balance.String() != "825.00" {
			t.Fatalf("events page 1: %d events, more %t, %v", len(events), more, err)
		}
		after := store.EventCursor{Seq: events[4].Seq}
		rest, more, err := s.EventsPage(ctx, store.EventQuery{ProfileIDs: []int64{p.ID}, Newest: true, Limit: 5, After: after})
		if err != nil || len(rest) != 2 || more || rest[1].Seq != 1 {
			t.Errorf("events page 2: %d events, more %t, %v", len(rest), more, err)
		}
	})
}

// amt renders stored micro-units as the ledger does.
func amt(micros int64) string { return money.FromMicros(micros).String() }

// TestSummaryBeforeFirstRun: a profile loaded but never processed, with charges from months
// before today, still has a balance section (M12): its estimate covers every pending month.
func TestSummaryBeforeFirstRun(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		p := loadLedger(t, s)
		sum, err := s.ProfileSummary(context.Background(), p, ledger.MustDate("2026-07-10"))
		if err != nil {
			t.Fatalf("summary of an unprocessed profile: %v", err)
		}
		if got := sum.IneligibleCharges.String(); got != "40.00" {
			t.Errorf("ineligible pending charges %s, want the April Marketplace 40.00", got)
		}
		identity := sum.CurrentBalance.Add(sum.PendingCreditAdjustments).Add(sum.PendingEligibleCharges).Sub(sum.ExpiredCredit)
		if identity != sum.EstimatedBalance {
			t.Errorf("M12 identity: %s + %s + %s - %s != %s", sum.CurrentBalance, sum.PendingCreditAdjustments,
				sum.PendingEligibleCharges, sum.ExpiredCredit, sum.EstimatedBalance)
		}
	})
}
