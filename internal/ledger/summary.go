package ledger

import (
	"errors"

	"github.com/creditdesk/creditdesk/internal/money"
)

// SummaryInput is what the balance section needs: the current state and what is pending.
type SummaryInput struct {
	Profile     Profile
	Lots        []Lot        // every pending and open lot of the profile; others are ignored
	Charges     []Charge     // the charges not invoiced yet (dated in Profile.NextPeriod or later)
	Adjustments []Adjustment // the adjustments not invoiced yet
	Now         Date         // items dated after Now have not happened yet and are ignored
}

// Summary is the balance section of the Azure credits page and of the balanceSummary API (M12).
// The identity EstimatedBalance = CurrentBalance + PendingCreditAdjustments +
// PendingEligibleCharges - ExpiredCredit holds exactly, and EstimatedBalance is never negative.
type Summary struct {
	CurrentBalance           money.Amount // credit as of the last invoice
	EstimatedBalance         money.Amount // what would remain if an invoice were generated now
	PendingEligibleCharges   money.Amount // <= 0: the part of pending eligible charges credit covers
	PendingCreditAdjustments money.Amount // pending adjustments plus new credit, less canceled credit (M12 decision)
	PendingNewCredit         money.Amount // the new-credit part, shown on its own line
	CanceledCredit           money.Amount // credit canceled since the last invoice, >= 0; its own line too
	ExpiredCredit            money.Amount // credit expired since the last invoice, >= 0
	UncoveredCharges         money.Amount // pending eligible charges no credit can pay: due in full
	IneligibleCharges        money.Amount // pending charges credit never pays (M10)
	Events                   []Event      // the pending events; their Balance runs from current to estimated
	Lots                     []LotBalance // live lots that can still pay on Now or later, with estimated balances
}

// LotBalance is a lot's estimated balance now; Forecast projects it forward.
type LotBalance struct {
	ID        string
	StartDate Date
	// ExpirationDate is the last day the lot can pay: its expiration date, or the day before a
	// cancellation set for a later day.
	ExpirationDate Date
	Balance        money.Amount
}

// Summarize computes the balance section by simulating the invoice that would be generated on
// Now (M12): pending lots started by Now bring new credit, pending adjustments and charges dated
// up to Now are applied by date to the lots valid on each date, and lots that expired before Now
// or are canceled from Now or earlier lose what is left. Because only lots valid on a charge's date can pay it, this is the only
// way to get the estimate right; it costs one pass over the pending month, not the history.
//
// Charges may be given one by one or summed per day and eligibility: the result is the same,
// so a store may pass daily totals.
func Summarize(in SummaryInput) (Summary, error) {
	p := in.Profile
	if err := p.check(); err != nil {
		return Summary{}, err
	}
	if err := checkBounds(p, in.Lots, in.Charges, in.Adjustments); err != nil {
		return Summary{}, err
	}
	if err := checkLots(in.Lots, p.Currency); err != nil {
		return Summary{}, err
	}
	if err := p.checkOpenSum(in.Lots); err != nil {
		return Summary{}, err
	}
	ic := itemCheck{currency: p.Currency, first: p.NextPeriod.First(), what: "the pending months"}
	if err := errors.Join(ic.charges(in.Charges), ic.adjustments(in.Adjustments)); err != nil {
		return Summary{}, err
	}

	charges := filterUpTo(in.Charges, in.Now, func(c *Charge) Date { return c.Date })
	adjs := filterUpTo(in.Adjustments, in.Now, func(a *Adjustment) Date { return a.Date })
	work := append([]Lot(nil), in.Lots...)
	eng := newEngine(work, in.Now, false)
	eng.run(charges, adjs)

	s := Summary{CurrentBalance: p.CurrentBalance, PendingEligibleCharges: eng.applied.Neg(),
		UncoveredCharges: eng.eligible.Sub(eng.applied), IneligibleCharges: eng.ineligible}
	events := eng.adjEvents
	for i := range events {
		events[i].Pending = true
	}
	for i := range eng.lots {
		bl := &eng.lots[i]
		if bl.entering {
			s.PendingNewCredit = s.PendingNewCredit.Add(bl.lot.OriginalAmount)
			events = appendIf(events, newCreditEvent(bl.lot, true))
		}
		// Usable to the end of its last day: a lot expiring today still counts, one canceled
		// from today does not.
		switch {
		case !bl.lot.lastDay().Before(in.Now):
			s.EstimatedBalance = s.EstimatedBalance.Add(bl.balance)
		case bl.lot.canceled():
			s.CanceledCredit = s.CanceledCredit.Add(bl.balance)
			events = appendIf(events, canceledEvent(bl.lot, bl.balance, true))
		default:
			s.ExpiredCredit = s.ExpiredCredit.Add(bl.balance)
			events = appendIf(events, expiredEvent(bl.lot, bl.balance, true))
		}
	}
	events = appendIf(events, Event{Kind: EventPendingCharges, Date: in.Now, Pending: true,
		Description: "Pending charges", Amount: s.PendingEligibleCharges})
	s.PendingCreditAdjustments = s.PendingNewCredit.Add(eng.adjApplied).Sub(s.CanceledCredit)
	sortAndRun(events, s.CurrentBalance)
	s.Events = events

	// The forecast needs every lot that can still pay: started ones at their estimate (work is
	// this call's copy, so writing it is safe), future ones at their original amount.
	for i := range eng.lots {
		eng.lots[i].lot.ClosedBalance = eng.lots[i].balance
	}
	for _, l := range work {
		if l.live() && !l.lastDay().Before(in.Now) && !l.void() {
			s.Lots = append(s.Lots, LotBalance{ID: l.ID, StartDate: l.StartDate, ExpirationDate: l.lastDay(),
				Balance: l.ClosedBalance})
		}
	}
	return s, nil
}

// filterUpTo returns the items dated on or before now, reusing the slice when all are.
func filterUpTo[T any](items []T, now Date, date func(*T) Date) []T {
	for i := range items {
		if date(&items[i]).After(now) {
			out := make([]T, 0, len(items))
			for j := range items {
				if !date(&items[j]).After(now) {
					out = append(out, items[j])
				}
			}
			return out
		}
	}
	return items
}
