package ledger

import (
	"strings"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/money"
)

// Source is how a credit lot was acquired (M7).
type Source string

// The lot sources Microsoft reports.
const (
	SourcePromotional Source = "PromotionalCredit"
	SourcePurchased   Source = "PurchasedCredit"
	SourceCommitment  Source = "ConsumptionCommitment"
)

// Valid reports whether s is one of the three known sources.
func (s Source) Valid() bool {
	return s == SourcePromotional || s == SourcePurchased || s == SourceCommitment
}

// LotState is where a lot stands in the closed ledger, maintained by IssueInvoice.
// It is bookkeeping, not the status a user sees: see Lot.Status for that (M8).
type LotState string

// The ledger states of a lot.
const (
	// LotPending: the lot has not entered the closed ledger yet, because no invoice has been
	// issued on or after its start date (M12 decision). Its credit shows as pending new credit
	// from its start date on; ClosedBalance equals OriginalAmount.
	LotPending LotState = "Pending"
	// LotOpen: the lot is in the closed ledger; ClosedBalance counts in the current balance.
	LotOpen LotState = "Open"
	// LotExpired: an invoice covering the expiration date has settled the lot (M11). Its
	// ClosedBalance is 0 and ExpiredAmount says how much credit was lost.
	LotExpired LotState = "Expired"
	// LotCanceled: an invoice covering the day before the cancellation date has settled the
	// lot (doc.go, "Cancellation"); its ClosedBalance is 0.
	LotCanceled LotState = "Canceled"
)

// Lot is one credit lot of a billing profile (M7) with its ledger state. The descriptive fields
// and CanceledOn come from the scenario file or the store; State, ClosedBalance and
// ExpiredAmount are maintained by this package and stored with the lot, so no call needs the
// lot's history.
type Lot struct {
	ID             string // unique within the profile; the last tie-break of the burn order
	Source         Source
	Currency       string // ISO 4217; must be the profile's currency
	OriginalAmount money.Amount
	StartDate      Date // usable from the start of this day
	ExpirationDate Date // usable to the end of this day
	PurchasedDate  Date // information only (M12a)
	PONumber       string

	// CanceledOn is the day the lot is canceled from, zero when it is not: it pays only charges
	// dated before that day, and what it has left then leaves as canceled credit dated that day.
	// It is never after ExpirationDate (a lot that has expired cannot be canceled).
	CanceledOn Date

	State         LotState
	ClosedBalance money.Amount // balance as of the last invoice (M12a)
	ExpiredAmount money.Amount // credit lost to expiry, once State is LotExpired
}

// NewLot returns a pending lot whose balance is its original amount, after checking it.
func NewLot(id string, src Source, currency string, amount money.Amount, start, expiration Date) (Lot, error) {
	l := Lot{ID: id, Source: src, Currency: currency, OriginalAmount: amount,
		StartDate: start, ExpirationDate: expiration, State: LotPending, ClosedBalance: amount}
	return l, under(l.check(currency), "lot")
}

// check validates the lot against the profile currency; errors name the field alone.
func (l *Lot) check(currency string) error {
	switch {
	case l.ID == "":
		return invalid("id", KeyLotID)
	case !l.Source.Valid():
		return invalid("source", KeySource, string(l.Source))
	case !strings.EqualFold(l.Currency, currency):
		return &InputError{Field: "currency", Err: ErrCurrency, Message: fault.Say(KeyLotCurrencyDiffers, l.Currency, currency)}
	case l.OriginalAmount.IsNegative():
		return invalid("amount", KeyNegative)
	case l.ExpirationDate.Before(l.StartDate):
		return invalid("expirationDate", KeyExpiresBeforeStart)
	case l.ClosedBalance.IsNegative():
		return invalid("closedBalance", KeyNegative)
	case l.CanceledOn.After(l.ExpirationDate):
		return invalid("canceledOn", KeyCanceledAfter)
	}
	switch l.State {
	case LotPending:
		// A pending lot has not been touched by any invoice: its balance is still the original.
		if l.ClosedBalance != l.OriginalAmount {
			return invalid("closedBalance", KeyPendingBalance)
		}
	case LotCanceled:
		if !l.canceled() {
			return invalid("canceledOn", KeyCanceledNeedsDate)
		}
	case LotOpen, LotExpired:
	default:
		return invalid("state", KeyState, string(l.State))
	}
	return nil
}

// LotStates lists the ledger states.
var LotStates = []LotState{LotPending, LotOpen, LotExpired, LotCanceled}

// Live reports whether a lot in state s can still take part in an invoice: it is pending or
// open, not settled as expired or canceled.
func (s LotState) Live() bool { return s == LotPending || s == LotOpen }

// LiveStates lists the live states, in the order of LotStates (for a SQL filter).
func LiveStates() []LotState {
	var out []LotState
	for _, s := range LotStates {
		if s.Live() {
			out = append(out, s)
		}
	}
	return out
}

// live reports whether the lot can still take part in an invoice.
func (l Lot) live() bool { return l.State.Live() }

// canceled reports whether the lot is canceled, from a day that may not have come yet.
func (l *Lot) canceled() bool { return !l.CanceledOn.IsZero() }

// lastDay is the last day the lot may pay a charge: its expiration date, or the day before its
// cancellation (M11). It is before the start date when the lot is void.
func (l *Lot) lastDay() Date {
	if l.canceled() {
		return l.CanceledOn.AddDays(-1)
	}
	return l.ExpirationDate
}

// void reports whether the lot is canceled from its start date or earlier: it never has a day to
// pay on, so it never brings credit into the ledger unless it was already in.
func (l *Lot) void() bool { return l.canceled() && !l.CanceledOn.After(l.StartDate) }

// validOn reports whether the lot may pay a charge dated d (M11: from its start date to its
// expiration date inclusive, and only before its cancellation date).
func (l *Lot) validOn(d Date) bool { return !d.Before(l.StartDate) && !d.After(l.lastDay()) }

// burnKey is what the burn order reads of a lot.
type burnKey struct {
	expiration, start Date
	id                string
}

func (l *Lot) burnKey() burnKey { return burnKey{l.ExpirationDate, l.StartDate, l.ID} }

// before reports whether a lot with key a is consumed before one with key b: soonest
// expiration, then earliest start, then lowest id in byte order (M9 decision).
func (a burnKey) before(b burnKey) bool {
	if a.expiration != b.expiration {
		return a.expiration.Before(b.expiration)
	}
	if a.start != b.start {
		return a.start.Before(b.start)
	}
	return a.id < b.id
}

// Cancelable reports whether the lot may be canceled on now (M8, M13): only a lot that is
// active, expiring or not started yet may be. Otherwise why is the status that forbids it:
// canceled (also when a cancellation is already set for a later day), used or expired, so a lot
// never both expires and is canceled. The page offers "Cancel credit" only when ok.
func (l Lot) Cancelable(now Date) (why Status, ok bool) {
	if l.canceled() {
		return StatusCanceled, false
	}
	switch st := l.Status(now, 0); st {
	case StatusCanceled, StatusUsed, StatusExpired:
		return st, false
	}
	return "", true
}

// BalanceAsOfLastInvoice is the lot's balance as of the last invoice (M7, M12a): its closed
// balance once an invoice has taken it into the ledger, 0 before (a pending lot's ClosedBalance
// holds its original amount, ready for the invoice that brings it in).
func (l Lot) BalanceAsOfLastInvoice() money.Amount {
	if l.State == LotPending {
		return money.Zero
	}
	return l.ClosedBalance
}
