package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestLotStatusFilterProperty: for random lots in every ledger state and random days and expiry
// windows, the SQL filter of each portal status (and of each API status) selects exactly the
// lots whose ledger.Lot.Status is that status (M8), on both databases.
func TestLotStatusFilterProperty(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := loadLedger(t, s)
		seed := rand.Uint64()
		t.Logf("seed %d", seed)
		r := rand.New(rand.NewPCG(seed, 9))
		base := ledger.MustDate("2026-01-01")
		day := func() ledger.Date { return base.AddDays(r.IntN(120)) }
		amount := func() money.Amount { return money.MustParse([]string{"0", "0", "0.000001", "40", "100"}[r.IntN(5)]) }
		lots := make([]store.LotRow, 300)
		for i := range lots {
			start := day()
			exp := start.AddDays(r.IntN(60))
			l := store.LotRow{BillingProfileID: p.ID, Name: fmt.Sprintf("random-%03d", i), Source: ledger.SourcePurchased,
				Currency: "USD", OriginalAmount: amount(), StartDate: start, ExpirationDate: exp,
				PurchasedDate: start, State: ledger.LotStates[r.IntN(len(ledger.LotStates))],
				ClosedBalance: amount(), ExpiredAmount: amount(), Released: true}
			if r.IntN(3) == 0 {
				l.CanceledOn = start.AddDays(r.IntN(exp.DaysSince(start) + 1))
			}
			lots[i] = l
		}
		if err := s.InsertLotRows(ctx, lots); err != nil {
			t.Fatal(err)
		}
		for range 12 {
			today, window := base.AddDays(r.IntN(140)-10), r.IntN(50)-5
			all, _, err := s.LotsPage(ctx, store.LotQuery{ProfileIDs: []int64{p.ID}, Limit: 1000, Today: today, Window: window})
			if err != nil || len(all) < len(lots) {
				t.Fatalf("all lots: %d, %v", len(all), err)
			}
			what := fmt.Sprintf("%s window %d", today, window)
			for _, st := range ledger.Statuses {
				rows, _, err := s.LotsPage(ctx, store.LotQuery{ProfileIDs: []int64{p.ID}, Statuses: []ledger.Status{st}, Limit: 1000, Today: today, Window: window})
				if err != nil {
					t.Fatal(err)
				}
				checkSelection(t, what+" "+string(st), rows, all, func(l ledger.Lot) bool { return l.Status(today, window) == st })
			}
			for _, a := range ledger.APIStatuses {
				rows, _, err := s.LotsPage(ctx, store.LotQuery{ProfileIDs: []int64{p.ID}, Statuses: a.Portal(), Limit: 1000, Today: today, Window: window})
				if err != nil {
					t.Fatal(err)
				}
				checkSelection(t, what+" API "+string(a), rows, all, func(l ledger.Lot) bool { return l.Status(today, window).API() == a })
			}
		}
	})
}
