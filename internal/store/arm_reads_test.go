package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestAPILotsStatusMatchesLedger: the SQL of each API status selects exactly the lots whose
// ledger status maps to it (M8, contract §6), on several days of the worked example with a lot
// canceled from 06-01.
func TestAPILotsStatusMatchesLedger(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := loadLedger(t, s)
		if _, err := s.SaveLot(ctx, tester, store.LotRow{BillingProfileID: p.ID, Name: "future", Source: "PurchasedCredit", Currency: "USD",
			OriginalAmount: money.MustParse("100"), StartDate: ledger.MustDate("2026-12-01"), ExpirationDate: ledger.MustDate("2027-11-30"), PurchasedDate: ledger.MustDate("2026-06-01")}); err != nil {
			t.Fatal(err)
		}
		// Canceled from 06-01: active before, canceled from that day, settled by the May invoice.
		if _, err := s.SaveLot(ctx, tester, store.LotRow{BillingProfileID: p.ID, Name: "stopped", Source: "PurchasedCredit", Currency: "USD",
			OriginalAmount: money.MustParse("50"), StartDate: ledger.MustDate("2026-04-01"), ExpirationDate: ledger.MustDate("2027-03-31"), PurchasedDate: ledger.MustDate("2026-04-01"),
			CanceledOn: ledger.MustDate("2026-06-01")}); err != nil {
			t.Fatal(err)
		}
		for _, day := range []string{"2026-04-21", "2026-05-14", "2026-05-31", "2026-06-01", "2026-07-10"} {
			today := ledger.MustDate(day)
			if _, err := s.ProcessAll(ctx, today); err != nil {
				t.Fatal(err)
			}
			all, _, err := s.LotsPage(ctx, store.LotQuery{ProfileIDs: []int64{p.ID}, Limit: 100, Today: today})
			if err != nil || len(all) != 4 {
				t.Fatalf("%s: %d lots, %v", day, len(all), err)
			}
			for _, status := range append(slices.Clone(ledger.APIStatuses), "None") {
				rows, _, err := s.LotsPage(ctx, store.LotQuery{ProfileIDs: []int64{p.ID}, Statuses: status.Portal(), Limit: 100, Today: today, Window: 30})
				if err != nil {
					t.Fatal(err)
				}
				checkSelection(t, day+" API "+string(status), rows, all, func(l ledger.Lot) bool { return l.Status(today, 30).API() == status })
			}
			// The portal's filters follow the same rule (M8).
			for _, st := range ledger.Statuses {
				rows, _, err := s.LotsPage(ctx, store.LotQuery{ProfileIDs: []int64{p.ID}, Statuses: []ledger.Status{st}, Limit: 100, Today: today, Window: 30})
				if err != nil {
					t.Fatal(err)
				}
				checkSelection(t, day+" portal "+string(st), rows, all, func(l ledger.Lot) bool { return l.Status(today, 30) == st })
			}
		}
	})
}

// checkSelection fails unless rows are exactly the lots of all that want keeps.
func checkSelection(t *testing.T, what string, rows, all []store.LotRow, want func(ledger.Lot) bool) {
	t.Helper()
	var got, wantNames []string
	for _, r := range rows {
		got = append(got, r.Name)
	}
	for _, l := range all {
		if want(l.Lot()) {
			wantNames = append(wantNames, l.Name)
		}
	}
	slices.Sort(got)
	slices.Sort(wantNames)
	if !slices.Equal(got, wantNames) {
		t.Errorf("%s: the filter selects %v, the ledger rule %v", what, got, wantNames)
	}
}

// TestAPILotsAndEventsPage: keyset pages in id and (profile, date, seq) order, with the source and
// date filters in SQL and each event's lot source joined in.
func TestAPILotsAndEventsPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p, today := processedLedger(t, s)
		q := store.LotQuery{ProfileIDs: []int64{p.ID}, Limit: 1, Today: today}
		first, next, err := s.LotsPage(ctx, q)
		if err != nil || len(first) != 1 || next.ID != first[0].ID {
			t.Fatalf("lots page 1: %d %+v %v", len(first), next, err)
		}
		q.After = next
		second, next, _ := s.LotsPage(ctx, q)
		if len(second) != 1 || next.ID != 0 || second[0].ID <= first[0].ID {
			t.Errorf("lots page 2: %+v %+v", second, next)
		}
		src, _, _ := s.LotsPage(ctx, store.LotQuery{ProfileIDs: []int64{p.ID}, Source: ledger.SourcePurchased, ExpFrom: ledger.MustDate("2027-01-01"), Limit: 10, Today: today})
		if len(src) != 1 || src[0].Name != "prepaid" {
			t.Errorf("source and expiration filter: %+v", src)
		}
		var seqs []int64
		var keys []string
		eq := store.EventQuery{ProfileIDs: []int64{p.ID}, Limit: 3}
		for {
			rows, more, err := s.APIEvents(ctx, eq)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				seqs = append(seqs, r.Seq)
				keys = append(keys, fmt.Sprintf("%s/%06d", r.Date, r.Seq))
				if (r.Kind == "NewCredit" || r.Kind == "ExpiredCredit") && r.LotSource == "" {
					t.Errorf("event %d (%s) has no lot source", r.Seq, r.Kind)
				}
			}
			if !more {
				break
			}
			last := rows[len(rows)-1]
			eq.After = store.EventCursor{Profile: last.BillingProfileID, Date: last.Date, Seq: last.Seq}
		}
		distinct := slices.Compact(slices.Sorted(slices.Values(seqs)))
		if len(seqs) != 7 || len(distinct) != 7 || distinct[6] != 7 || !slices.IsSorted(keys) {
			t.Errorf("events in pages of 3: %v, want the 7 events once each in (date, seq) order", keys)
		}
		promo, _, _ := s.APIEvents(ctx, store.EventQuery{ProfileIDs: []int64{p.ID}, LotName: "promo", LotSource: ledger.SourcePromotional, Limit: 10})
		kinds, _, _ := s.APIEvents(ctx, store.EventQuery{ProfileIDs: []int64{p.ID}, Kinds: []ledger.EventKind{ledger.EventSettledCharges}, From: ledger.MustDate("2026-06-01"), Limit: 10})
		none, _, _ := s.APIEvents(ctx, store.EventQuery{ProfileIDs: []int64{p.ID}, Kinds: []ledger.EventKind{}, Limit: 10})
		if len(promo) != 2 || len(kinds) != 2 || len(none) != 0 {
			t.Errorf("filters: promo %d, settled since June %d, no kind %d", len(promo), len(kinds), len(none))
		}
		sources, err := s.LotSources(ctx, []int64{p.ID}, []string{"promo", "nope"})
		if err != nil || sources[p.ID]["promo"] != "PromotionalCredit" || len(sources[p.ID]) != 1 {
			t.Errorf("lot sources: %v %v", sources, err)
		}
	})
}
