package store_test

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestEarlyEventsListedByDate (M13, README "Events"): invoices issued on day 12 book a refund of
// September dated the 1st and an expiry of October dated the 3rd, each before the previous
// invoice's settled charges of the 12th. The transactions list them by date, each balance the previous one
// plus its amount, ending at the current balance, and a page starting after any event goes on
// from the event after it. Migration 00026 gives stored balances that order: undone, it gives
// back the order of booking, and done again, the balances of today's processing; the balances
// of a profile Azure keeps stay Azure's.
func TestEarlyEventsListedByDate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		loadScenario(t, s, "early_refund.json")
		if _, err := s.ProcessAll(ctx, ledger.MustDate("2026-11-15")); err != nil {
			t.Fatal(err)
		}
		p := profileOf(t, s)
		got := listed(t, s, p.ID, 2)
		want := strings.Join([]string{
			"2026-11-12 SettledCharges -50.00 9990.00",
			"2026-10-12 SettledCharges -200.00 10040.00",
			"2026-10-03 ExpiredCredit -200.00 10240.00",
			"2026-09-12 SettledCharges -100.00 10440.00",
			"2026-09-01 Adjustment 40.00 10540.00",
			"2026-08-01 NewCredit 500.00 10500.00",
			"2026-01-01 NewCredit 10000.00 10000.00",
		}, "\n")
		if got != want {
			t.Fatalf("transactions, newest first:\n%s\nwant\n%s", got, want)
		}
		if p.CurrentBalance.String() != "9990.00" {
			t.Errorf("current balance %s, want the newest event's 9990.00", p.CurrentBalance)
		}
		// A profile Azure keeps shows Azure's balances, whatever their order: no migration touches them.
		_, synced := storetest.Profile(t, s, "5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31", "PBFV-AB12-CD4-EF5")
		azure := []store.EventRow{
			// Azure's balances, from an opening of 500 (history before the sync's window), in
			// Azure's order: they chain neither in date order nor from an opening of 0.
			{Seq: 1, Kind: ledger.EventNewCredit, Date: ledger.MustDate("2026-02-01"), Description: "New credit", Amount: money.MustParse("100"), Balance: money.MustParse("600")},
			{Seq: 2, Kind: ledger.EventAdjustment, Date: ledger.MustDate("2026-01-15"), Description: "Adjustment", Amount: money.MustParse("-10"), Balance: money.MustParse("590")},
		}
		if err := s.MarkSyncedWithEvents(ctx, synced.ID, azure); err != nil {
			t.Fatal(err)
		}
		azureBalances := "2026-02-01 NewCredit 100.00 600.00\n2026-01-15 Adjustment -10.00 590.00"
		// 00026's Down gives back the balances in booking order, its Up those of today's processing.
		// (MigrateDownTo undoes any later migration too.)
		if err := s.MigrateDownTo(ctx, 25); err != nil {
			t.Fatal(err)
		}
		if chain := balancesBySeq(t, s, p.ID); chain != "" {
			t.Errorf("after 00026's Down, balances in booking order: %s", chain)
		}
		if _, err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		// Each step moved the profile's ledger version, so no instance keeps the balances of before.
		if moved := profileOf(t, s).LedgerVersion; moved != p.LedgerVersion+2 {
			t.Errorf("ledger version %d after 00026's Down and Up, want %d", moved, p.LedgerVersion+2)
		}
		if again := listed(t, s, p.ID, 100); again != want {
			t.Errorf("after 00026 again:\n%s\nwant\n%s", again, want)
		}
		if got := eventLines(t, s, synced.ID); got != azureBalances {
			t.Errorf("the synced profile's events after 00026's Down and Up:\n%s\nwant Azure's\n%s", got, azureBalances)
		}
	})
}

// eventLines is the profile's settled events as listed, newest first.
func eventLines(t *testing.T, s *store.Store, profileID int64) string {
	t.Helper()
	page, _, err := s.EventsPage(context.Background(), store.EventQuery{ProfileIDs: []int64{profileID}, Newest: true, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, e := range page {
		lines = append(lines, fmt.Sprintf("%s %s %s %s", e.Date, e.Kind, e.Amount, e.Balance))
	}
	return strings.Join(lines, "\n")
}

// listed pages the profile's settled events newest first, limit a page, and checks that each
// balance is the one after it plus its amount.
func listed(t *testing.T, s *store.Store, profileID int64, limit int) string {
	t.Helper()
	var rows []store.EventRow
	q := store.EventQuery{ProfileIDs: []int64{profileID}, Newest: true, Limit: limit}
	for {
		page, more, err := s.EventsPage(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows, page...)
		if !more {
			break
		}
		q.After = store.EventCursor{Seq: page[len(page)-1].Seq}
	}
	var lines []string
	for i, e := range rows {
		if i+1 < len(rows) && rows[i+1].Balance.Add(e.Amount) != e.Balance {
			t.Errorf("%s %s: balance %s is not %s plus %s", e.Date, e.Kind, e.Balance, rows[i+1].Balance, e.Amount)
		}
		lines = append(lines, fmt.Sprintf("%s %s %s %s", e.Date, e.Kind, e.Amount, e.Balance))
	}
	return strings.Join(lines, "\n")
}

// balancesBySeq names the first event whose balance is not the running balance in seq order,
// or returns "".
func balancesBySeq(t *testing.T, s *store.Store, profileID int64) string {
	t.Helper()
	rows, _, err := s.EventsPage(context.Background(), store.EventQuery{ProfileIDs: []int64{profileID}, Newest: true, Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(rows, func(a, b store.EventRow) int { return cmp.Compare(a.Seq, b.Seq) })
	running := money.Zero
	for _, e := range rows {
		if running = running.Add(e.Amount); e.Balance != running {
			return fmt.Sprintf("seq %d balance %s, want %s", e.Seq, e.Balance, running)
		}
	}
	return ""
}
