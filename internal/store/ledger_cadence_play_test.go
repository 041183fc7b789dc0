package store_test

import (
	"context"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
)

// cadencePlayer loads cases into fresh profiles of one store and plays them under the three
// cadences (ledger_cadence_test.go).
type cadencePlayer struct {
	s        *store.Store
	profiles int // profiles created so far: each gets its own account, so lot names never clash
}

// load stores the case in a new profile, as a scenario load would.
func (pl *cadencePlayer) load(ctx context.Context, c cadenceCase) (store.BillingProfile, error) {
	pl.profiles++
	a, _, err := pl.s.SaveAccount(ctx, tester, store.BillingAccount{Name: fmt.Sprintf("cadence-%d", pl.profiles),
		AgreementType: string(access.AgreementMCA), AccountType: "Enterprise", Status: "Active"})
	if err != nil {
		return store.BillingProfile{}, err
	}
	p, _, err := pl.s.SaveProfile(ctx, tester, a, store.BillingProfile{Name: fmt.Sprintf("CADE-%04d-000-000", pl.profiles),
		Currency: "USD", InvoiceDay: c.invoiceDay, Status: "Active"})
	if err != nil {
		return p, err
	}
	for _, l := range c.lots {
		l.BillingProfileID = p.ID
		if _, err := pl.s.SaveLot(ctx, tester, l); err != nil {
			return p, err
		}
	}
	if _, err := pl.s.SetChargeTotals(ctx, p, slices.Clone(c.charges), "scenario"); err != nil {
		return p, err
	}
	for _, a := range c.adjs {
		if _, err := pl.s.SaveAdjustment(ctx, p, a); err != nil {
			return p, err
		}
	}
	return p, nil
}

// mismatch plays c under the three cadences and returns the first difference found.
func (pl *cadencePlayer) mismatch(ctx context.Context, c cadenceCase) error {
	names := [3]string{"once at the end", "daily", "at random instants"}
	var ps [3]store.BillingProfile
	for i := range ps {
		p, err := pl.load(ctx, c)
		if err != nil {
			return fmt.Errorf("load: %w", err)
		}
		ps[i] = p
	}
	at, check := map[ledger.Date]bool{c.end: true}, map[ledger.Date]bool{}
	for _, d := range c.instants {
		at[d] = true
	}
	for _, d := range c.checks {
		check[d] = true
	}
	randomRan := false
	for d := cadenceLoad; !d.After(c.end); d = d.AddDays(1) {
		ran := [3]bool{d == c.end, true, at[d]}
		for i, p := range ps {
			if ran[i] {
				if _, err := pl.s.ProcessProfile(ctx, p.ID, d); err != nil {
					return fmt.Errorf("processing %s on %s: %w", names[i], d, err)
				}
			}
		}
		randomRan = randomRan || ran[2]
		if !randomRan || !ran[2] && !check[d] {
			continue // before the first run its lots are not released yet (M15)
		}
		var sums [3]ledger.Summary
		for _, i := range []int{1, 2} {
			sum, err := pl.summary(ctx, ps[i], d)
			if err != nil {
				return err
			}
			sums[i] = sum
		}
		// The estimate never depends on processing; the whole summary does not either when
		// both processed today.
		if sums[2].EstimatedBalance != sums[1].EstimatedBalance || !slices.Equal(sums[2].Lots, sums[1].Lots) ||
			ran[2] && !reflect.DeepEqual(sums[2], sums[1]) {
			return fmt.Errorf("%s: balance summary processing %s\n%+v\ndaily\n%+v", d, names[2], sums[2], sums[1])
		}
	}
	var states [3]string
	for i, p := range ps {
		st, err := pl.state(ctx, p, c.end)
		if err != nil {
			return err
		}
		states[i] = st
	}
	for i := range states {
		if states[i] != states[1] {
			return fmt.Errorf("processing %s ends with\n%s\ndaily\n%s", names[i], states[i], states[1])
		}
	}
	return nil
}

// summary is the balance section of a profile as its page reads it, from the stored state,
// without the adjustments' row ids, which differ between profiles.
func (pl *cadencePlayer) summary(ctx context.Context, p store.BillingProfile, d ledger.Date) (ledger.Summary, error) {
	p, err := pl.s.ProfileByName(ctx, p.BillingAccountID, p.Name)
	if err != nil {
		return ledger.Summary{}, err
	}
	sum, err := pl.s.ProfileSummary(ctx, p, d)
	sum.Events = slices.Clone(sum.Events)
	for i := range sum.Events {
		sum.Events[i].AdjustmentID = ""
	}
	return sum, err
}

// state renders what a profile's ledger holds on day d, without the ids that differ between
// profiles: the profile's ledger columns, its invoices with their allocations, its events and
// lots, and its balance summary. It also checks that every balance-after is the running sum of
// the events and that a lot ends canceled (on its day) or expired, never both (M13).
func (pl *cadencePlayer) state(ctx context.Context, p store.BillingProfile, d ledger.Date) (string, error) {
	p, err := pl.s.ProfileByName(ctx, p.BillingAccountID, p.Name)
	if err != nil {
		return "", err
	}
	profileID := p.ID
	var b strings.Builder
	fmt.Fprintf(&b, "profile %s %d %d\n", p.NextPeriod, p.CurrentBalance.Micros(), p.EventSeq)
	invs, err := pl.s.Invoices(ctx, profileID)
	if err != nil {
		return "", err
	}
	for _, inv := range invs {
		allocs, err := allAllocations(ctx, pl.s, profileID, inv)
		if err != nil {
			return "", err
		}
		inv.ID, inv.BillingProfileID, inv.CreatedAt = 0, 0, time.Time{}
		fmt.Fprintf(&b, "invoice %+v\n", inv)
		for _, a := range allocs {
			fmt.Fprintf(&b, "  %s %s %s %d\n", a.Date, a.Product, a.LotName, a.Amount)
		}
	}
	events, _, err := pl.s.EventsPage(ctx, store.EventQuery{ProfileIDs: []int64{profileID}, Newest: true, Limit: 1000})
	if err != nil {
		return "", err
	}
	lots, _, err := pl.s.LotsPage(ctx, store.LotQuery{ProfileIDs: []int64{profileID}, Limit: 100, Today: d, Window: 30})
	if err != nil {
		return "", err
	}
	canceledOn := map[string]ledger.Date{}
	for _, l := range lots {
		fmt.Fprintf(&b, "lot %s %s %s %s %s\n", l.Name, l.State, l.ClosedBalance, l.ExpiredAmount, l.CanceledOn)
		canceledOn[l.Name] = l.CanceledOn
	}
	running, ended := money.Zero, map[string]bool{}
	for _, e := range slices.Backward(events) {
		fmt.Fprintf(&b, "event %d %s %s %q %s %s %s %s\n", e.Seq, e.Kind, e.Date, e.Description, e.Amount, e.Balance, e.InvoiceNumber, e.LotName)
		running = running.Add(e.Amount)
		if e.Balance != running {
			return "", fmt.Errorf("event %+v: balance after should be %s", e, running)
		}
		if e.Kind == ledger.EventCanceledCredit || e.Kind == ledger.EventExpiredCredit {
			canceled := e.Kind == ledger.EventCanceledCredit
			if ended[e.LotName] || canceled != !canceledOn[e.LotName].IsZero() || canceled && e.Date != canceledOn[e.LotName] {
				return "", fmt.Errorf("event %+v of lot %s canceled on %q", e, e.LotName, canceledOn[e.LotName])
			}
			ended[e.LotName] = true
		}
	}
	sum, err := pl.summary(ctx, p, d)
	fmt.Fprintf(&b, "summary %+v\n", sum)
	return strings.ReplaceAll(b.String(), fmt.Sprintf("-%06d", profileID), "-P"), err
}

// shrink makes a failing case smaller while it still fails: it drops lots, cancellations,
// charges, adjustments, processing instants and check days one at a time.
func (pl *cadencePlayer) shrink(ctx context.Context, c cadenceCase, err error) (cadenceCase, error) {
	for {
		var cands []cadenceCase
		for i := range c.lots {
			d := c
			d.lots = slices.Delete(slices.Clone(c.lots), i, i+1)
			cands = append(cands, d)
			if !c.lots[i].CanceledOn.IsZero() {
				d.lots = slices.Clone(c.lots)
				d.lots[i].CanceledOn = ledger.Date{}
				cands = append(cands, d)
			}
		}
		cands = withoutEach(cands, c, func(c *cadenceCase) *[]store.ChargeTotal { return &c.charges })
		cands = withoutEach(cands, c, func(c *cadenceCase) *[]store.AdjustmentRow { return &c.adjs })
		cands = withoutEach(cands, c, func(c *cadenceCase) *[]ledger.Date { return &c.instants })
		cands = withoutEach(cands, c, func(c *cadenceCase) *[]ledger.Date { return &c.checks })
		smaller := false
		for _, d := range cands {
			if e := pl.mismatch(ctx, d); e != nil {
				c, err, smaller = d, e, true
				break
			}
		}
		if !smaller {
			return c, err
		}
	}
}

// withoutEach appends to cands a copy of c for each item of the list that list picks, with that
// item left out.
func withoutEach[T any](cands []cadenceCase, c cadenceCase, list func(*cadenceCase) *[]T) []cadenceCase {
	for i := range *list(&c) {
		d := c
		*list(&d) = slices.Delete(slices.Clone(*list(&c)), i, i+1)
		cands = append(cands, d)
	}
	return cands
}
