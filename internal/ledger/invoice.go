package ledger

import (
	"errors"

	"github.com/creditdesk/creditdesk/internal/money"
)

// Invoice is the credit side of one monthly invoice of a billing profile (M9). Tax is outside
// the ledger: credit applies before tax, so AmountDue is the pre-tax amount left to pay.
type Invoice struct {
	Number    string
	Period    Period
	IssueDate Date
	InvoiceTotals
	Allocations []Allocation // which lot paid how much of which charge
}

// InvoiceTotals are the amounts of an invoice (M9): what the ledger computes, the store keeps
// (the columns of store.InvoiceRow) and the invoice pages show.
type InvoiceTotals struct {
	TotalCharges      money.Amount // every charge of the period
	EligibleCharges   money.Amount // the charges credit may pay (M10)
	IneligibleCharges money.Amount // charged in full regardless of credit
	CreditsApplied    money.Amount // never more than EligibleCharges
	AmountDue         money.Amount // TotalCharges - CreditsApplied

	NewCredit            money.Amount // lots that entered the ledger with this invoice
	Adjustments          money.Amount // signed credit that adjustments added or removed
	UnappliedAdjustments money.Amount // signed part of adjustments no lot could take
	ExpiredCredit        money.Amount // credit of lots that expired in the period (M11)
	CanceledCredit       money.Amount // credit of lots whose last day before cancellation is in the period
}

// InvoiceInput is what issuing the next invoice of a profile needs: the current state and the
// inputs of one month, never the history.
type InvoiceInput struct {
	Profile     Profile
	Number      string       // the invoice number, chosen by the caller (unique per profile)
	Lots        []Lot        // every pending and open lot of the profile; others are ignored
	Charges     []Charge     // every charge dated in Profile.NextPeriod, and only those
	Adjustments []Adjustment // every adjustment dated in Profile.NextPeriod, and only those
}

// InvoiceResult is what the caller stores, in one transaction, after IssueInvoice.
type InvoiceResult struct {
	Invoice Invoice
	Profile Profile // NextPeriod moved on, CurrentBalance updated
	Lots    []Lot   // the lots whose ledger fields changed, in input order
	Events  []Event // settled events to append, in order, each with the balance after it
}

// IssueInvoice issues the invoice for in.Profile.NextPeriod (M9, M11, M12a, M13). In order:
// pending lots started by the issue date enter the ledger (new credit); the period's
// adjustments and charges are applied by date, eligible charges consuming only lots valid on
// their date in burn order; lots whose last day (expiration, or the day before cancellation)
// falls in or before the period expire or are canceled with what is left. The caller decides
// when to call it (Profile.Due) and stores the result atomically; calling it again with the
// returned state issues the following month.
func IssueInvoice(in InvoiceInput) (InvoiceResult, error) {
	p, period := in.Profile, in.Profile.NextPeriod
	if err := p.check(); err != nil {
		return InvoiceResult{}, err
	}
	if err := checkBounds(p, in.Lots, in.Charges, in.Adjustments); err != nil {
		return InvoiceResult{}, err
	}
	if in.Number == "" {
		return InvoiceResult{}, invalid("number", KeyInvoiceNumber)
	}
	if err := checkLots(in.Lots, p.Currency); err != nil {
		return InvoiceResult{}, err
	}
	if err := p.checkOpenSum(in.Lots); err != nil {
		return InvoiceResult{}, err
	}
	ic := itemCheck{currency: p.Currency, first: period.First(), last: period.Last(), what: "invoice period " + period.String()}
	if err := errors.Join(ic.charges(in.Charges), ic.adjustments(in.Adjustments)); err != nil {
		return InvoiceResult{}, err
	}

	issue := p.NextIssueDate()
	work := append([]Lot(nil), in.Lots...) // the caller's slice stays as it was
	eng := newEngine(work, issue, true)
	eng.run(in.Charges, in.Adjustments)

	inv := Invoice{Number: in.Number, Period: period, IssueDate: issue, Allocations: eng.allocs,
		InvoiceTotals: InvoiceTotals{EligibleCharges: eng.eligible, IneligibleCharges: eng.ineligible, CreditsApplied: eng.applied,
			Adjustments: eng.adjApplied, UnappliedAdjustments: eng.adjUnapplied}}
	inv.TotalCharges = inv.EligibleCharges.Add(inv.IneligibleCharges)
	inv.AmountDue = inv.TotalCharges.Sub(inv.CreditsApplied)

	events := eng.adjEvents
	for i := range events {
		events[i].InvoiceNumber = in.Number // settled by this invoice, like its charges
	}
	for i := range eng.lots {
		bl := &eng.lots[i]
		l := bl.lot
		if bl.entering {
			l.State = LotOpen
			inv.NewCredit = inv.NewCredit.Add(l.OriginalAmount)
			events = appendIf(events, newCreditEvent(l, false))
		}
		l.ClosedBalance = bl.balance
		// A lot whose last day is after the period may still pay next month's charges dated up
		// to it, so it stays open until the invoice of that month (M11).
		switch {
		case l.lastDay().After(period.Last()):
		case l.canceled():
			inv.CanceledCredit = inv.CanceledCredit.Add(bl.balance)
			events = appendIf(events, canceledEvent(l, bl.balance, false))
			l.State, l.ClosedBalance = LotCanceled, money.Zero
		default:
			inv.ExpiredCredit = inv.ExpiredCredit.Add(bl.balance)
			events = appendIf(events, expiredEvent(l, bl.balance, false))
			l.State, l.ExpiredAmount, l.ClosedBalance = LotExpired, bl.balance, money.Zero
		}
	}
	// A void pending lot never entered: it closes without an event once its day has passed.
	for i := range work {
		if l := &work[i]; l.State == LotPending && l.void() && !l.lastDay().After(period.Last()) {
			l.State, l.ClosedBalance = LotCanceled, money.Zero
		}
	}
	events = appendIf(events, Event{Kind: EventSettledCharges, Date: issue, InvoiceNumber: in.Number,
		Description: "Settled charges (invoice " + in.Number + ")", Amount: inv.CreditsApplied.Neg()})
	p.CurrentBalance = sortAndRun(events, p.CurrentBalance)
	p.NextPeriod = period.Next()

	out := InvoiceResult{Invoice: inv, Profile: p, Events: events}
	for i := range work {
		if work[i] != in.Lots[i] {
			out.Lots = append(out.Lots, work[i])
		}
	}
	return out, nil
}

// appendIf appends e unless its amount is zero: the ledger lists changes only (M13).
func appendIf(events []Event, e Event) []Event {
	if e.Amount.IsZero() {
		return events
	}
	return append(events, e)
}

func newCreditEvent(l *Lot, pending bool) Event {
	desc := "New credit (" + string(l.Source) + ")"
	if l.PONumber != "" {
		desc += ", PO " + l.PONumber
	}
	return Event{Kind: EventNewCredit, Date: l.StartDate, Description: desc, Amount: l.OriginalAmount,
		LotID: l.ID, Pending: pending}
}

func canceledEvent(l *Lot, left money.Amount, pending bool) Event {
	return Event{Kind: EventCanceledCredit, Date: l.CanceledOn, LotID: l.ID, Pending: pending,
		Description: "Canceled credit (" + string(l.Source) + ")", Amount: left.Neg()}
}

func expiredEvent(l *Lot, left money.Amount, pending bool) Event {
	return Event{Kind: EventExpiredCredit, Date: l.ExpirationDate, LotID: l.ID, Pending: pending,
		Description: "Expired credit (" + string(l.Source) + ")", Amount: left.Neg()}
}
