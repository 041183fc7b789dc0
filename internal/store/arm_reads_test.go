package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestAPILotsStatusMatchesLedger: the SQL of each API status selects exactly the lots whose
// ledger status maps to it (M8, contract §6), on several days of the worked example with a lot
// canceled from 06-01.
func TestAPILotsStatusMatchesLedger(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := loadLedger(t, s)
		if _, err := s.SaveLot(ctx, tester, store.LotRow{BillingProfileID: p.ID, Name: "future", Source: "PurchasedCredit", Currency: "USD",
			OriginalAmount: 100_000_000, StartDate: "2026-12-01", ExpirationDate: "2027-11-30", PurchasedDate: "2026-06-01"}); err != nil {
			t.Fatal(err)
		}
		// Canceled from 06-01: active before, canceled from that day, settled by the May invoice.
		if _, err := s.SaveLot(ctx, tester, store.LotRow{BillingProfileID: p.ID, Name: "stopped", Source: "PurchasedCredit", Currency: "USD",
			OriginalAmount: 50_000_000, StartDate: "2026-04-01", ExpirationDate: "2027-03-31", PurchasedDate: "2026-04-01",
			CanceledOn: "2026-06-01"}); err != nil {
			t.Fatal(err)
		}
		for _, day := range []string{"2026-04-21", "2026-05-14", "2026-05-31", "2026-06-01", "2026-07-10"} {
			today := ledger.MustDate(day)
			if _, err := s.ProcessAll(ctx, today); err != nil {
				t.Fatal(err)
			}
			all, _, err := s.APILots(ctx, store.APILotQuery{ProfileIDs: []int64{p.ID}, Limit: 100, Today: today})
			if err != nil || len(all) != 4 {
				t.Fatalf("%s: %d lots, %v", day, len(all), err)
			}
			want := map[string]string{}
			for _, l := range all {
				want[l.Name] = l.Lot().Status(today, 30).API()
			}
			for _, status := range []string{"Active", "Inactive", "Expired", "Complete", "Canceled", "None"} {
				rows, _, err := s.APILots(ctx, store.APILotQuery{ProfileIDs: []int64{p.ID}, Status: status, Limit: 100, Today: today})
				if err != nil {
					t.Fatal(err)
				}
				got := map[string]bool{}
				for _, r := range rows {
					got[r.Name] = true
					if want[r.Name] != status {
						t.Errorf("%s: %s selected %s, whose status is %s", day, status, r.Name, want[r.Name])
					}
				}
				for name, st := range want {
					if st == status && !got[name] {
						t.Errorf("%s: %s missed %s", day, status, name)
					}
				}
			}
			// The portal's filters follow the same rule (M8).
			for _, f := range []store.LotStatusFilter{store.LotsActive, store.LotsExpiring, store.LotsUsed, store.LotsExpired,
				store.LotsNotStarted, store.LotsCanceled} {
				rows, _, err := s.LotsPage(ctx, p.ID, store.LotQuery{Status: f, Limit: 100, Today: today, Window: 30})
				if err != nil {
					t.Fatal(err)
				}
				var got, wantNames []string
				for _, r := range rows {
					got = append(got, r.Name)
				}
				for _, l := range all {
					if st := l.Lot().Status(today, 30); strings.ReplaceAll(string(st), " ", "") == string(f) {
						wantNames = append(wantNames, l.Name)
					}
				}
				slices.Sort(got)
				slices.Sort(wantNames)
				if !slices.Equal(got, wantNames) {
					t.Errorf("%s: portal filter %s selects %v, want %v", day, f, got, wantNames)
				}
			}
		}
	})
}

// TestAPILotsAndEventsPage: keyset pages in id and (profile, date, seq) order, with the source and
// date filters in SQL and each event's lot source joined in.
func TestAPILotsAndEventsPage(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := loadLedger(t, s)
		today := ledger.MustDate("2026-07-10")
		if _, err := s.ProcessAll(ctx, today); err != nil {
			t.Fatal(err)
		}
		q := store.APILotQuery{ProfileIDs: []int64{p.ID}, Limit: 1, Today: today}
		first, more, err := s.APILots(ctx, q)
		if err != nil || len(first) != 1 || !more {
			t.Fatalf("lots page 1: %d %t %v", len(first), more, err)
		}
		q.AfterID = first[0].ID
		second, more, _ := s.APILots(ctx, q)
		if len(second) != 1 || more || second[0].ID <= first[0].ID {
			t.Errorf("lots page 2: %+v %t", second, more)
		}
		src, _, _ := s.APILots(ctx, store.APILotQuery{ProfileIDs: []int64{p.ID}, Source: "PurchasedCredit", ExpirationFrom: "2027-01-01", Limit: 10, Today: today})
		if len(src) != 1 || src[0].Name != "prepaid" {
			t.Errorf("source and expiration filter: %+v", src)
		}
		var seqs []int64
		var keys []string
		eq := store.APIEventQuery{ProfileIDs: []int64{p.ID}, Limit: 3}
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
			eq.AfterProfile, eq.AfterDate, eq.AfterSeq = last.BillingProfileID, last.Date, last.Seq
		}
		distinct := slices.Compact(slices.Sorted(slices.Values(seqs)))
		if len(seqs) != 7 || len(distinct) != 7 || distinct[6] != 7 || !slices.IsSorted(keys) {
			t.Errorf("events in pages of 3: %v, want the 7 events once each in (date, seq) order", keys)
		}
		promo, _, _ := s.APIEvents(ctx, store.APIEventQuery{ProfileIDs: []int64{p.ID}, LotName: "promo", LotSource: "PromotionalCredit", Limit: 10})
		kinds, _, _ := s.APIEvents(ctx, store.APIEventQuery{ProfileIDs: []int64{p.ID}, Kinds: []string{"SettledCharges"}, From: "2026-06-01", Limit: 10})
		none, _, _ := s.APIEvents(ctx, store.APIEventQuery{ProfileIDs: []int64{p.ID}, Kinds: []string{}, Limit: 10})
		if len(promo) != 2 || len(kinds) != 2 || len(none) != 0 {
			t.Errorf("filters: promo %d, settled since June %d, no kind %d", len(promo), len(kinds), len(none))
		}
		sources, err := s.LotSources(ctx, []int64{p.ID}, []string{"promo", "nope"})
		if err != nil || sources[p.ID]["promo"] != "PromotionalCredit" || len(sources[p.ID]) != 1 {
			t.Errorf("lot sources: %v %v", sources, err)
		}
	})
}
