package ledger

import (
	"cmp"
	"slices"

	"github.com/creditdesk/creditdesk/internal/money"
)

// EventKind names what changed the credit balance (M13).
type EventKind string

// The event kinds. Settled kinds change the current balance and are appended to the stored
// ledger; pending ones (Event.Pending) describe what the next invoice would do and are
// recomputed by Summarize, never stored as settled facts.
const (
	EventNewCredit      EventKind = "NewCredit"
	EventSettledCharges EventKind = "SettledCharges" // one per invoice that used credit
	EventPendingCharges EventKind = "PendingCharges" // always Pending
	EventAdjustment     EventKind = "Adjustment"
	EventExpiredCredit  EventKind = "ExpiredCredit"
	EventCanceledCredit EventKind = "CanceledCredit"
)

// Event is one line of the transactions list (M13). Amounts that lower the balance are
// negative. Balance is the balance after the event: for settled events the current (closed)
// balance, for pending events the running estimate that ends at Summary.EstimatedBalance.
// Events are append-only (X1): a correction is a new event, never an edit. Only changes are
// events, so a zero amount yields none.
type Event struct {
	Kind          EventKind
	Date          Date
	Description   string
	Amount        money.Amount
	Balance       money.Amount
	InvoiceNumber string // the invoice that settled it: settled charges and settled adjustments
	LotID         string // the lot of a new-credit, expired or canceled event, or of an adjustment
	AdjustmentID  string // adjustments only
	Pending       bool   // not settled by an invoice yet
}

// rank orders events of the same day: credit arrives, adjustments apply, credit expires, and
// charges settle last, as the invoice computes them.
func (k EventKind) rank() int {
	switch k {
	case EventNewCredit:
		return 0
	case EventAdjustment:
		return 1
	case EventCanceledCredit:
		return 2
	case EventExpiredCredit:
		return 3
	}
	return 4
}

// sortAndRun orders events by date, kind rank and id, then fills in each one's running balance
// starting from start; it returns the final balance.
func sortAndRun(events []Event, start money.Amount) money.Amount {
	slices.SortStableFunc(events, func(a, b Event) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.Kind.rank(), b.Kind.rank()),
			cmp.Compare(a.LotID, b.LotID), cmp.Compare(a.AdjustmentID, b.AdjustmentID))
	})
	bal := start
	for i := range events {
		bal = bal.Add(events[i].Amount)
		events[i].Balance = bal
	}
	return bal
}
