package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/costcsv"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// importCSV imports data as the operator's command does, with the installation's not-covered
// list (M10).
func importCSV(t *testing.T, s *store.Store, data string) (store.ImportResult, error) {
	t.Helper()
	nc, err := s.NotCovered(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return s.ImportCharges(context.Background(), store.User{Email: "ana@northwind.example"}, strings.NewReader(data), nc, nil, "test.csv")
}

// TestImportChargesOnceAndIntoTheEstimate: imported charges are pending until invoiced and move
// the estimated balance (M12); the same file twice adds nothing; an ineligible product (M10) and
// a Marketplace charge do not burn credit.
func TestImportChargesOnceAndIntoTheEstimate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		_, today := processedLedger(t, s)
		data, err := os.ReadFile("testdata/july.csv")
		if err != nil {
			t.Fatal(err)
		}
		res, err := importCSV(t, s, string(data))
		if err != nil || res.Added != 3 || res.Rows != 3 || res.Profiles != 1 || res.Repeated {
			t.Fatalf("first import: %+v, %v", res, err)
		}
		sum, err := s.ProfileSummary(ctx, profileOf(t, s), today)
		if err != nil {
			t.Fatal(err)
		}
		// 200.00 (scenario) + 100.00 + 20.50 - 10.50 eligible; Ubuntu Advantage and SendGrid are not.
		if sum.PendingEligibleCharges.String() != "-310.00" || sum.EstimatedBalance.String() != "515.00" {
			t.Errorf("after import: pending eligible %s, estimated %s; want -310.00, 515.00", sum.PendingEligibleCharges, sum.EstimatedBalance)
		}
		again, err := importCSV(t, s, string(data))
		if err != nil || again.Added != 0 || !again.Repeated {
			t.Errorf("second import: %+v, %v", again, err)
		}
	})
}

// TestBadImportsStoreNothing: X2: an unknown profile, another currency, and a change to an
// invoiced month are refused naming the line and column; nothing of the file is stored.
func TestBadImportsStoreNothing(t *testing.T) {
	header := "billingProfileId,date,ProductName,billingCurrency,costInBillingCurrency\n"
	tests := []struct {
		name, csv, column string
		line              int
	}{
		{"unknown profile", "PBFV-AB12-CD3-EF4,07/05/2026,VM,USD,1\nZZZZ-ZZZZ-ZZZ-ZZZ,07/05/2026,VM,USD,1\n", "billingProfileId", 3},
		{"other currency", "PBFV-AB12-CD3-EF4,07/05/2026,VM,EUR,1\n", "billingCurrency", 2},
		{"invoiced month", "PBFV-AB12-CD3-EF4,07/05/2026,VM,USD,1\nPBFV-AB12-CD3-EF4,06/08/2026,Virtual Machines,USD,999\n", "date", 3},
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		_, today := processedLedger(t, s)
		before, _ := s.ProfileSummary(ctx, profileOf(t, s), today)
		for _, tt := range tests {
			_, err := importCSV(t, s, header+tt.csv)
			var probs costcsv.Problems
			if !errors.As(err, &probs) || len(probs) == 0 || probs[0].Column != tt.column || probs[0].Line != tt.line {
				t.Errorf("%s: err = %v, want a problem at line %d column %s", tt.name, err, tt.line, tt.column)
			}
			after, _ := s.ProfileSummary(ctx, profileOf(t, s), today)
			if after.EstimatedBalance != before.EstimatedBalance {
				t.Errorf("%s: the refused file changed the estimate from %s to %s", tt.name, before.EstimatedBalance, after.EstimatedBalance)
			}
		}
		if res, err := importCSV(t, s, header); err != nil || res.Added != 0 {
			t.Errorf("an import of a header alone: %+v, %v", res, err)
		}
	})
}

// TestConcurrentImportsStateEachTotalOnce: imports racing on one profile's day total leave exactly
// that total (X1: no lost or doubled correction), on both databases.
func TestConcurrentImportsStateEachTotalOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		_, today := processedLedger(t, s)
		const racers, rounds = 8, 10
		for round := 1; round <= rounds; round++ {
			start, errs := make(chan struct{}), make(chan error, racers)
			for i := 0; i < racers; i++ {
				// Each racer's file differs (its tags), its total does not.
				csv := fmt.Sprintf("billingProfileId,date,productName,billingCurrency,costInBillingCurrency,tags\n"+
					"PBFV-AB12-CD3-EF4,07/%02d/2026,Storage,USD,100.00,racer-%d\n", round, i)
				go func() {
					<-start
					_, err := s.ImportCharges(ctx, store.User{Email: "x"}, strings.NewReader(csv), ledger.NotCovered{}, nil, "race.csv")
					errs <- err
				}()
			}
			close(start)
			for i := 0; i < racers; i++ {
				if err := <-errs; err != nil {
					t.Errorf("round %d: %v", round, err)
				}
			}
		}
		sum, err := s.ProfileSummary(ctx, profileOf(t, s), today)
		if err != nil {
			t.Fatal(err)
		}
		// 200.00 from the scenario plus 100.00 on each of ten days, each once: what credit covers
		// (all 825.00 of it) plus what is due in full (M12).
		if got := sum.PendingEligibleCharges.Neg().Add(sum.UncoveredCharges); got.String() != "1200.00" {
			t.Errorf("pending eligible charges total %s after racing imports, want 1200.00", got)
		}
	})
}
