// Package seed generates large, realistic ledgers for benchmarks and load tests: many billing
// profiles, each with credit lots, daily charges and small adjustments over many months. The
// data is deterministic for a given Plan, and goes through the real processing run, so the
// ledger events it yields are the ones production would store.
package seed

import (
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
)

// Plan sizes a generated data set.
type Plan struct {
	Profiles       int         // billing profiles, in accounts of up to 50 profiles each
	LotsPerProfile int         // credit lots per profile
	Months         int         // months of history, ending the month before Today
	AdjustPerMonth int         // adjustments per profile and month: each becomes one ledger event
	Today          ledger.Date // the processing run's date
	Owner          string      // email of a user made owner of every account ("" for none)
}

// EventsEstimate is about how many ledger events the plan yields.
func (p Plan) EventsEstimate() int {
	return p.Profiles * (p.LotsPerProfile + p.Months*(p.AdjustPerMonth+1))
}

// Run writes the plan's accounts, profiles, lots, charges and adjustments, then processes
// every profile up to Today and refreshes the planner's statistics. progress is called after
// each account.
func Run(ctx context.Context, s *store.Store, p Plan, progress func(done, total int)) (store.ProcessResult, error) {
	rng := rand.New(rand.NewPCG(42, uint64(p.Profiles)))
	y, m, _ := p.Today.AddMonths(-p.Months).Civil()
	start := ledger.NewDate(y, m, 1)
	var owner store.User
	if p.Owner != "" {
		u, err := s.UserByEmail(ctx, p.Owner)
		if err != nil {
			return store.ProcessResult{}, fmt.Errorf("seed: owner %s: %w", p.Owner, err)
		}
		owner = u
	}
	const perAccount = 50
	accounts := (p.Profiles + perAccount - 1) / perAccount
	made := 0
	for a := 0; a < accounts && made < p.Profiles; a++ {
		acct, _, err := s.SaveAccount(ctx, seeder, store.BillingAccount{
			Name:        fmt.Sprintf("%08x-0000-4000-8000-%012x:%08x-0000-4000-8000-%012x_2020-01-01", a, a, a, a),
			DisplayName: fmt.Sprintf("Seeded account %d", a+1), AgreementType: string(access.AgreementMCA),
			AccountType: "Enterprise", Status: "Active"})
		if err != nil {
			return store.ProcessResult{}, err
		}
		if owner.ID != 0 {
			if _, err := s.EnsureRole(ctx, seeder, owner, store.Scope{Account: acct}, "owner"); err != nil {
				return store.ProcessResult{}, err
			}
		}
		for i := 0; i < perAccount && made < p.Profiles; i++ {
			if err := seedProfile(ctx, s, acct, made, p, start, rng); err != nil {
				return store.ProcessResult{}, err
			}
			made++
		}
		if progress != nil {
			progress(made, p.Profiles)
		}
	}
	res, err := s.ProcessAll(ctx, p.Today)
	if err != nil {
		return res, err
	}
	return res, s.Analyze(ctx) // so that the planner knows the bulk of new rows at once
}

// seeder is the author of the audit entries of a seeded data set.
var seeder = store.User{Email: "seed"}

// seedProfile writes one profile with its lots, a charge per day and the month's adjustments.
func seedProfile(ctx context.Context, s *store.Store, acct store.BillingAccount, n int, p Plan, start ledger.Date, rng *rand.Rand) error {
	prof, _, err := s.SaveProfile(ctx, seeder, acct, store.BillingProfile{
		Name: fmt.Sprintf("SD%02d-%04d-%03d-%03d", n%100, n, n%1000, n%997), DisplayName: fmt.Sprintf("Profile %d", n+1),
		Currency: "USD", InvoiceDay: 1 + n%28, Status: "Active"})
	if err != nil {
		return err
	}
	lots := make([]store.LotRow, p.LotsPerProfile)
	for i := range lots {
		from := start.AddDays(rng.IntN(p.Months*30 + 1))
		lots[i] = store.LotRow{BillingProfileID: prof.ID, Name: fmt.Sprintf("%s-lot-%03d", prof.Name, i), Source: ledger.SourcePromotional,
			Currency: "USD", OriginalAmount: money.FromUnits(int64(1000 + rng.IntN(9000))), StartDate: from,
			ExpirationDate: from.AddDays(180 + rng.IntN(365)), PurchasedDate: from}
	}
	if err := s.InsertLots(ctx, lots); err != nil {
		return err
	}
	var charges []store.ChargeRow
	var adjs []store.AdjustmentRow
	end := p.Today.AddDays(-1)
	for d := start; !d.After(end); d = d.AddDays(1) {
		charges = append(charges, store.ChargeRow{BillingProfileID: prof.ID, Date: d, Product: "Virtual Machines",
			PublisherType: "Azure", Eligible: true, Amount: money.FromMicros(int64(20+rng.IntN(200)) * 1_000_000), Origin: "seed"})
	}
	for m := 0; m < p.Months; m++ {
		first := start.AddMonths(m)
		for i := 0; i < p.AdjustPerMonth; i++ {
			adjs = append(adjs, store.AdjustmentRow{BillingProfileID: prof.ID, Date: first.AddDays(i % 28),
				Amount: money.FromMicros(int64(1+rng.IntN(20)) * 100_000), Description: fmt.Sprintf("Service credit %d", i+1)})
		}
	}
	if err := s.InsertCharges(ctx, charges); err != nil {
		return err
	}
	return s.InsertAdjustments(ctx, adjs)
}

// Clocks returns clocks whose business day stands at the plan's date, for stores that seed.
func (p Plan) Clocks() clock.Clocks { return clock.Fixed(p.Today.Time()) }
