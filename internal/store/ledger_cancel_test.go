package store_test

import (
	"context"
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestRequestedCancellation: a lot to be canceled keeps paying until its day; the first run on
// or after it books one canceled-credit event (M13) and the lot shows as canceled (M8).
func TestRequestedCancellation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := loadLedger(t, s)
		if _, err := s.ProcessAll(ctx, ledger.MustDate("2026-07-10")); err != nil {
			t.Fatal(err)
		}
		change, err := s.SaveLot(ctx, store.LotRow{BillingProfileID: p.ID, Name: "prepaid", Source: "PurchasedCredit",
			Currency: "USD", OriginalAmount: 2000_000000, StartDate: "2026-04-20", ExpirationDate: "2027-04-19",
			PurchasedDate: "2026-04-20", CancelOn: "2026-07-12"})
		if err != nil || change != store.Updated {
			t.Fatalf("requesting the cancellation: %v, %v", change, err)
		}
		early, err := s.ProcessAll(ctx, ledger.MustDate("2026-07-11"))
		if err != nil || early.Canceled != 0 {
			t.Fatalf("before the day: %+v, %v", early, err)
		}
		res, err := s.ProcessAll(ctx, ledger.MustDate("2026-07-12"))
		if err != nil || res.Canceled != 1 || res.EventsStored != 1 {
			t.Fatalf("on the day: %+v, %v", res, err)
		}
		p = profileOf(t, s)
		events, _, _ := s.EventsPage(ctx, p.ID, store.EventQuery{Limit: 1})
		if amt(p.CurrentBalance) != "0.00" || len(events) != 1 || events[0].Kind != "CanceledCredit" || amt(events[0].Amount) != "-825.00" {
			t.Errorf("balance %s, newest event %+v", amt(p.CurrentBalance), events)
		}
		rows, _, err := s.LotsPage(ctx, p.ID, store.LotQuery{Status: store.LotsCanceled, Limit: 10, Today: ledger.MustDate("2026-07-12"), Window: 30})
		if err != nil || len(rows) != 1 || rows[0].Name != "prepaid" {
			t.Errorf("canceled lots: %v, %v", rows, err)
		}
		again, _ := s.ProcessAll(ctx, ledger.MustDate("2026-07-13"))
		if again.Canceled != 0 || again.EventsStored != 0 {
			t.Errorf("a second run canceled again: %+v", again)
		}
	})
}
