package store_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// The maintained unbilled days (pending_days, migration 00014) against a full recomputation
// (M12, M16, X1): after random sequences of loads, uploads, adjustments (of both signs, several
// on one day), lot cancellations, seeding and processing runs at random instants, the rows equal
// the sums of the charge entries and adjustments of every day not invoiced yet, and the balance
// read from them (ProfileBalance, the account summary) equals the one computed from the
// adjustments one by one (ProfileSummary). The balance sections kept per profile (migration
// 00018) equal a computation afresh after every write, and a second read takes one statement.

// maintainedDays are the stored unbilled days, all-zero rows aside (a correction can bring a
// day back to nothing).
const maintainedDays = `SELECT billing_profile_id, date, eligible, ineligible, credit, debit FROM pending_days
	WHERE eligible <> 0 OR ineligible <> 0 OR credit <> 0 OR debit <> 0 ORDER BY billing_profile_id, date`

// recomputedDays sums the charge entries and the adjustments of every day on or after each
// profile's next period (every day for a profile never processed).
const recomputedDays = `SELECT x.billing_profile_id, x.date, CAST(SUM(x.e) AS BIGINT), CAST(SUM(x.i) AS BIGINT),
		CAST(SUM(x.c) AS BIGINT), CAST(SUM(x.d) AS BIGINT)
	FROM (SELECT billing_profile_id, date, CASE WHEN eligible THEN amount ELSE 0 END AS e,
	             CASE WHEN eligible THEN 0 ELSE amount END AS i, 0 AS c, 0 AS d FROM charges
	      UNION ALL
	      SELECT billing_profile_id, date, 0, 0, CASE WHEN amount > 0 THEN amount ELSE 0 END,
	             CASE WHEN amount < 0 THEN amount ELSE 0 END FROM adjustments) AS x
	JOIN billing_profiles AS p ON p.id = x.billing_profile_id
	WHERE p.next_period = '' OR x.date >= p.next_period || '-01'
	GROUP BY x.billing_profile_id, x.date
	HAVING SUM(x.e) <> 0 OR SUM(x.i) <> 0 OR SUM(x.c) <> 0 OR SUM(x.d) <> 0
	ORDER BY x.billing_profile_id, x.date`

// TestPendingDaysProperty: 60 random cases on SQLite, 12 on PostgreSQL (a tenth with -short),
// all in one database per dialect.
func TestPendingDaysProperty(t *testing.T) {
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) {
		t.Parallel()
		n := map[store.Dialect]uint64{store.SQLite: 60, store.Postgres: 12}[d]
		if testing.Short() {
			n /= 10
		}
		ctx := context.Background()
		url := storetest.MigratedURL(t, d)
		s := storetest.OpenAt(t, url, clock.Real(), store.Pool{})
		var stmts atomic.Int64
		if err := s.CountStatements(&stmts); err != nil {
			t.Fatal(err)
		}
		pl := &cadencePlayer{s: s}
		for seed := range n {
			r := rand.New(rand.NewPCG(seed, 0x9e4d))
			c := genCadenceCase(r)
			p, err := pl.load(ctx, c)
			if err != nil {
				t.Fatalf("seed %d: load: %v", seed, err)
			}
			for _, day := range append(slices.Clone(c.instants), c.end) {
				for range 1 + r.IntN(4) {
					if err := randomWrite(ctx, s, r, p, c); err != nil {
						t.Fatalf("seed %d: %v", seed, err)
					}
					if err := sameBalance(ctx, s, &stmts, p, day); err != nil {
						t.Fatalf("seed %d, after a write, on %s: %v\ncase:\n%s", seed, day, err, c)
					}
				}
				if _, err := s.ProcessProfile(ctx, p.ID, day); err != nil {
					t.Fatalf("seed %d: process on %s: %v", seed, day, err)
				}
				for _, on := range []ledger.Date{day, day.AddDays(r.IntN(20))} {
					if err := sameBalance(ctx, s, &stmts, p, on); err != nil {
						t.Fatalf("seed %d, on %s: %v\ncase:\n%s", seed, on, err, c)
					}
				}
			}
			if got, want := storetest.Rows(t, url, maintainedDays), storetest.Rows(t, url, recomputedDays); !slices.Equal(got, want) {
				t.Fatalf("seed %d: maintained days\n%v\nrecomputed\n%v", seed, got, want)
			}
		}
	})
}

// randomWrite makes one random change to the profile's data through a store write method: a
// charge total (new or corrected), an adjustment (often on a day that has one), a lot
// cancellation, or a seeded adjustment. Refusals (an invoiced month, a canceled lot) are
// expected and change nothing.
func randomWrite(ctx context.Context, s *store.Store, r *rand.Rand, p store.BillingProfile, c cadenceCase) error {
	p, err := s.ProfileByName(ctx, p.BillingAccountID, p.Name)
	if err != nil {
		return err
	}
	day := cadenceLoad.AddDays(r.IntN(60) - 8).String()
	switch k := r.IntN(10); {
	case k < 4:
		ch := store.ChargeTotal{Date: day, Product: fmt.Sprintf("Product %d", r.IntN(3)), PublisherType: "Azure",
			Eligible: true, Amount: r.Int64N(200_000_000)}
		if len(c.charges) > 0 && r.IntN(2) == 0 {
			ch = c.charges[r.IntN(len(c.charges))]
			ch.Amount = r.Int64N(200_000_000) // the same key, another total: a correction entry
		} else if r.IntN(4) == 0 {
			ch.PublisherType, ch.Eligible = "Marketplace", false
		}
		_, err = s.SetChargeTotals(ctx, p, []store.ChargeTotal{ch}, "upload")
	case k < 8:
		if len(c.adjs) > 0 && r.IntN(2) == 0 {
			day = c.adjs[r.IntN(len(c.adjs))].Date.String()
		}
		amount := 1 + r.Int64N(90_000_000)
		if r.IntN(2) == 0 {
			amount = -amount
		}
		_, err = s.SaveAdjustment(ctx, p, store.AdjustmentRow{Date: ledger.MustDate(day), Amount: money.FromMicros(amount),
			Description: fmt.Sprintf("Random %d", r.IntN(1000))})
	case k < 9 && len(c.lots) > 0:
		l := c.lots[r.IntN(len(c.lots))]
		l.BillingProfileID = p.ID
		if l.CanceledOn.IsZero() { // within the lot's dates, as a scenario file must have it
			l.CanceledOn = l.StartDate.AddDays(r.IntN(30))
			if l.ExpirationDate.Before(l.CanceledOn) {
				l.CanceledOn = l.ExpirationDate
			}
		}
		_, err = s.SaveLot(ctx, tester, l)
	default:
		if open := p.NextPeriod + "-01"; p.NextPeriod != "" && day < open {
			day = open // seeding bypasses the checks: only what an open month may hold
		}
		err = s.InsertAdjustments(ctx, []store.AdjustmentRow{{BillingProfileID: p.ID, Date: ledger.MustDate(day), Amount: money.FromMicros(-1 - r.Int64N(5_000_000)),
			Description: fmt.Sprintf("Seeded %d", r.IntN(1000))}})
	}
	var refusal fault.Refusal
	var refusals store.ChargeRefusals
	if errors.As(err, &refusal) || errors.As(err, &refusals) {
		return nil
	}
	return err
}

// sameBalance compares the balance from the summed unbilled days with the one from the
// adjustments one by one computed afresh, on the profile's stored state: every amount, every lot,
// and whether there is any pending event (the API's "no credit" answer reads that); then the
// summary with its events twice (keptSummary) and the balance again, from the kept section.
func sameBalance(ctx context.Context, s *store.Store, n *atomic.Int64, p store.BillingProfile, on ledger.Date) error {
	p, err := s.ProfileByName(ctx, p.BillingAccountID, p.Name)
	if err != nil {
		return err
	}
	full, err := s.ComputedSummary(ctx, p, on)
	if err != nil {
		return fmt.Errorf("summary: %w", err)
	}
	summed, pending, err := s.ProfileBalance(ctx, p, on)
	if err != nil {
		return fmt.Errorf("balance: %w", err)
	}
	ps, err := s.ProfilesOfAccount(ctx, p.BillingAccountID)
	if err != nil {
		return err
	}
	accounts, err := s.ProfileLedgers(ctx, ps, on)
	if err != nil || len(accounts) != 1 {
		return fmt.Errorf("account ledgers: %v, %w", accounts, err)
	}
	if (len(full.Events) > 0) != pending || summed.Events != nil || accounts[0].Summary.Events != nil {
		return fmt.Errorf("events one by one %v, pending %v, balance's %v, account summary's %v", full.Events, pending,
			summed.Events, accounts[0].Summary.Events)
	}
	if err := keptSummary(ctx, s, n, p, on, full); err != nil {
		return err
	}
	before := n.Load()
	again, _, err := s.ProfileBalance(ctx, p, on)
	if err != nil || n.Load()-before != 1 {
		return fmt.Errorf("balance read again: %d statements, want the kept row alone; %w", n.Load()-before, err)
	}
	full.Events = nil
	if !reflect.DeepEqual(full, summed) || !reflect.DeepEqual(full, accounts[0].Summary) || !reflect.DeepEqual(full, again) {
		return fmt.Errorf("one by one\n%+v\nsummed\n%+v\naccount summary\n%+v\nkept\n%+v", full, summed, accounts[0].Summary, again)
	}
	return nil
}

// keptSummary reads the profile's summary with its events twice, each equal to the one
// computed afresh, the second from the kept section alone (one statement of those n counts):
// the first may compute and keep it, or find it kept by an earlier read.
func keptSummary(ctx context.Context, s *store.Store, n *atomic.Int64, p store.BillingProfile, on ledger.Date, want ledger.Summary) error {
	for i := range 2 {
		before := n.Load()
		got, err := s.ProfileSummary(ctx, p, on)
		if err != nil {
			return fmt.Errorf("summary: %w", err)
		}
		if !reflect.DeepEqual(got, want) {
			return fmt.Errorf("summary, read %d\n%+v\ncomputed afresh\n%+v", i+1, got, want)
		}
		if i == 1 && n.Load()-before != 1 {
			return fmt.Errorf("summary, read again: %d statements, want the kept row alone", n.Load()-before)
		}
	}
	return nil
}
