package store_test

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestLotsPageDefaultsToBurnOrder (M9, issue 11): the credits list's default sort, by
// expiration date, is the burn order (expiration date, then start date, then the lowest lot id compared byte by byte),
// whatever the order the lots were stored in, across keyset pages of any size, and reversed
// with DESC. Ties on both dates and names that byte order and a locale would sort apart are
// generated on purpose.
func TestLotsPageDefaultsToBurnOrder(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := loadLedger(t, s)
		rng := rand.New(rand.NewPCG(11, 9))
		names := []string{"a-b", "a_b", "aB", "ab", "A-b", "b", "B", "a1", "a-1", "Z"}
		var lots []store.LotRow
		for i := range 40 {
			name := fmt.Sprintf("%s%d", names[rng.IntN(len(names))], i%7)
			if slices.ContainsFunc(lots, func(l store.LotRow) bool { return l.Name == name }) {
				continue
			}
			lots = append(lots, store.LotRow{BillingProfileID: p.ID, Name: name, Source: "PromotionalCredit", Currency: p.Currency,
				OriginalAmount: money.FromMicros(1_000_000), StartDate: ledger.MustDate([]string{"2026-01-01", "2026-02-01"}[rng.IntN(2)]),
				ExpirationDate: ledger.MustDate([]string{"2026-12-31", "2027-06-30", "2027-12-31"}[rng.IntN(3)]), PurchasedDate: ledger.MustDate("2026-01-01")})
		}
		rng.Shuffle(len(lots), func(i, j int) { lots[i], lots[j] = lots[j], lots[i] })
		if err := s.InsertLots(ctx, lots); err != nil {
			t.Fatal(err)
		}
		today := ledger.MustDate("2026-07-10")
		if _, err := s.ProcessAll(ctx, today); err != nil { // releases the lots (M15)
			t.Fatal(err)
		}
		all, _, err := s.LotsPage(ctx, store.LotQuery{ProfileIDs: []int64{p.ID}, Limit: 1000, Today: today})
		if err != nil {
			t.Fatal(err)
		}
		want := make([]string, 0, len(all))
		slices.SortFunc(all, func(a, b store.LotRow) int {
			return cmp.Or(a.ExpirationDate.Compare(b.ExpirationDate), a.StartDate.Compare(b.StartDate), strings.Compare(a.Name, b.Name))
		})
		for _, l := range all {
			want = append(want, l.Name)
		}
		if len(want) < 20 {
			t.Fatalf("%d lots, want the ledger's and at least 15 generated", len(want))
		}
		for _, size := range []int{1, 3, 7, 100} {
			for _, desc := range []bool{false, true} {
				var got []string
				q := store.LotQuery{ProfileIDs: []int64{p.ID}, Sort: "expiration", Limit: size, Today: today, Window: 30, Desc: desc}
				for {
					rows, next, err := s.LotsPage(ctx, q)
					if err != nil {
						t.Fatal(err)
					}
					for _, r := range rows {
						got = append(got, r.Name)
					}
					if next.ID == 0 {
						break
					}
					// Through the URL's signed cursor, as the portal pages; it opens in its own list only.
					token := s.EncodeLotCursor(q, next)
					for _, other := range []store.LotQuery{{ProfileIDs: []int64{p.ID + 1}, Sort: q.Sort, Desc: q.Desc},
						{ProfileIDs: q.ProfileIDs, Sort: "amount", Desc: q.Desc}, {ProfileIDs: q.ProfileIDs, Sort: q.Sort, Desc: !q.Desc},
						{ProfileIDs: q.ProfileIDs, Sort: q.Sort, Desc: q.Desc, Statuses: []ledger.Status{ledger.StatusActive}}} {
						if _, err := s.ParseLotCursor(other, token); !errors.Is(err, fault.ErrInvalid) {
							t.Fatalf("a cursor of %+v opened in %+v: %v", q, other, err)
						}
					}
					if q.After, err = s.ParseLotCursor(q, token); err != nil {
						t.Fatal(err)
					}
				}
				w := slices.Clone(want)
				if desc {
					slices.Reverse(w)
				}
				if !slices.Equal(got, w) {
					t.Errorf("pages of %d, desc %v:\n got %v\nwant %v", size, desc, got, w)
				}
			}
		}
	})
}
