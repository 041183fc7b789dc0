package store_test

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
)

// TestBenefitTotalsMatchTheRules (issue 11): the workspace charts' totals, grouped in the
// database, are what benefits.StatusOf gives benefit by benefit, at instants around
// provisioning (P8), expiry (P3) and redemption (P5), with benefits in every status; and they
// hold until the first available or expiry instant after their own.
func TestBenefitTotalsMatchTheRules(t *testing.T) {
	eachBenefits(t, func(t *testing.T, d *partnerSeed) {
		ctx := context.Background()
		all := withEveryStatus(t, d, "")
		for _, now := range []time.Time{benefitsNow, day("2026-03-05").Add(-time.Second), day("2026-03-05"),
			day("2026-03-21"), day("2027-02-05"), time.Date(2027, 4, 1, 10, 0, 0, 0, time.UTC)} {
			got, err := d.s.BenefitTotalsOf(ctx, d.partner.ID, now)
			if err != nil {
				t.Fatal(err)
			}
			byStatus := map[benefits.Status]int{}
			sums, counts := map[store.UnredeemedTotal]money.Amount{}, map[store.UnredeemedTotal]int{}
			for _, r := range all {
				st := benefits.StatusOf(r.Benefit, now)
				byStatus[st]++
				if st == benefits.StatusPendingProvisioning || st == benefits.StatusNotRedeemed || st == benefits.StatusAssigned {
					k := store.UnredeemedTotal{EndMonth: ledger.PeriodOf(ledger.DateOf(r.Benefit.EndDate)), Currency: r.Benefit.Currency}
					sums[k], counts[k] = sums[k].Add(r.Benefit.Amount), counts[k]+1
				}
			}
			var until time.Time // the first available or expiry instant after now (P8, P3, P11)
			for _, r := range all {
				for _, at := range []time.Time{benefits.AvailableAt(r.Benefit), benefits.ExpiresAt(r.Benefit)} {
					if at.After(now) && (until.IsZero() || at.Before(until)) {
						until = at
					}
				}
			}
			if !got.Until.Equal(until) {
				t.Errorf("at %s: until %s, rules %s", now, got.Until, until)
			}
			if !maps.Equal(got.ByStatus, byStatus) {
				t.Errorf("at %s: by status %v, rules %v", now, got.ByStatus, byStatus)
			}
			var want []store.UnredeemedTotal
			for k, a := range sums {
				k.Amount, k.Count = a, counts[k]
				want = append(want, k)
			}
			slices.SortFunc(want, func(a, b store.UnredeemedTotal) int {
				return cmp.Or(a.EndMonth.Compare(b.EndMonth), cmp.Compare(a.Currency, b.Currency))
			})
			if !slices.Equal(got.Unredeemed, want) || len(want) == 0 && now.Equal(benefitsNow) {
				t.Errorf("at %s: unredeemed %v, rules %v", now, got.Unredeemed, want)
			}
		}
	})
}
