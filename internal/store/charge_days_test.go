package store_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/costcsv"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// randomExport is a cost export of July 2026 for the ledger profile: n lines over a few
// products (one of them Marketplace, never eligible), days and refunds, in random order.
func randomExport(rng *rand.Rand, n int) string {
	products := []string{"Virtual Machines", "Storage", "Ubuntu Advantage", "Bandwidth"}
	var b strings.Builder
	b.WriteString("billingProfileId,date,productName,publisherType,chargeType,billingCurrency,costInBillingCurrency\n")
	for range n {
		pub, kind := "Azure", "Usage"
		if rng.IntN(6) == 0 {
			pub = "Marketplace"
		}
		cost := fmt.Sprintf("%d.%06d", rng.IntN(300), rng.IntN(1_000_000))
		if rng.IntN(10) == 0 {
			kind, cost = "Refund", "0.000001"
		}
		fmt.Fprintf(&b, "PBFV-AB12-CD3-EF4,07/%02d/2026,%s,%s,%s,USD,%s\n", 1+rng.IntN(4), products[rng.IntN(len(products))], pub, kind, cost)
	}
	return b.String()
}

// TestDailyTotalsAgreeWithTheEntries: property: however a month's charges arrive (files that
// overlap, repeat or lower earlier totals), the balance section, read from the daily totals,
// and the invoice, issued from the per-product entries, see the same charges (M12, M9): the
// eligible charges the estimate burns or leaves uncovered are the invoice's eligible charges,
// and the ineligible ones match. On both databases.
func TestDailyTotalsAgreeWithTheEntries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		processedLedger(t, s)
		rng := rand.New(rand.NewPCG(8, 12))
		var files []string
		for i := range 12 {
			f := randomExport(rng, 1+rng.IntN(40))
			if i > 0 && rng.IntN(3) == 0 {
				f = files[rng.IntN(len(files))] // an export imported again: nothing changes
			}
			files = append(files, f)
			if _, err := importCSV(t, s, f); err != nil {
				var ps costcsv.Problems
				if !errors.As(err, &ps) || !refusesNegativeNet(ps) {
					t.Fatalf("import %d: %v", i, err)
				}
			}
		}
		sum, err := s.ProfileSummary(ctx, profileOf(t, s), ledger.MustDate("2026-07-31"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ProcessAll(ctx, ledger.MustDate("2026-08-05")); err != nil {
			t.Fatal(err)
		}
		invs, err := s.Invoices(ctx, profileOf(t, s).ID)
		if err != nil || len(invs) == 0 || invs[0].Period.String() != "2026-07" {
			t.Fatalf("July invoice: %v, %v", invs, err)
		}
		july := invs[0]
		eligible := sum.PendingEligibleCharges.Neg().Add(sum.UncoveredCharges)
		if eligible.Cmp(money.MustParse("1000")) < 0 || !sum.IneligibleCharges.IsPositive() {
			t.Fatalf("the imports added little: eligible %s, ineligible %s", eligible, sum.IneligibleCharges)
		}
		if eligible != july.EligibleCharges || sum.IneligibleCharges != july.IneligibleCharges {
			t.Errorf("estimate: eligible %s, ineligible %s; invoice: eligible %s, ineligible %s", eligible, sum.IneligibleCharges,
				july.EligibleCharges, july.IneligibleCharges)
		}
	})
}

// refusesNegativeNet reports whether every problem of an import is a total whose refunds exceed
// its charges (M12), the one refusal the random exports may meet.
func refusesNegativeNet(ps costcsv.Problems) bool {
	for _, p := range ps {
		if p.Said.Key != costcsv.KeyNegativeNet {
			return false
		}
	}
	return len(ps) > 0
}
