package ledger

import "github.com/creditdesk/creditdesk/internal/money"

// MirrorLotInput is what a synced profile knows of a lot besides its description: the status
// and balance as of the last invoice that the source's lots API reports (Status.API values), and
// what the source's settled events say of it.
type MirrorLotInput struct {
	Status     APIStatus    // as the source's lots API reports it
	Closed     money.Amount // the API's closedBalance
	InLedger   bool         // a settled new-credit event brought the lot into the ledger (M12a)
	Expired    money.Amount // credit its settled expiry took, >= 0
	CanceledOn Date         // the day of its canceled-credit event, settled or pending; zero if none
	Now        Date         // the day the source reported it
}

// MirrorLot gives a lot (its descriptive fields set) the ledger state that makes CreditDesk show
// what the source shows: Lot.Status(...).API() and BalanceAsOfLastInvoice equal the reported
// status and closedBalance for every lot the source's ledger can hold (M8, M12a). A lot outside
// the ledger keeps its original amount for the invoice that will bring it in; a lot the source
// holds a balance for is open even when no new-credit event was seen; an empty lot past its
// expiration date has left the ledger (it can pay nothing more). A canceled lot keeps its
// balance until the invoice that settles the cancellation, as the ledger books it, and is
// canceled from the day its canceled-credit event names (the day reported, when none does).
func MirrorLot(l Lot, in MirrorLotInput) Lot {
	l.ExpiredAmount, l.CanceledOn = money.Zero, Date{}
	canceled := in.Status == APICanceled
	if canceled {
		l.CanceledOn = in.CanceledOn
	}
	switch {
	case !in.InLedger && in.Closed.IsZero():
		l.State, l.ClosedBalance = LotPending, l.OriginalAmount
	case canceled && in.Closed.IsZero():
		l.State, l.ClosedBalance = LotCanceled, money.Zero
		return l
	case in.Closed.IsZero() && (in.Status == APIExpired || in.Now.After(l.ExpirationDate)):
		l.State, l.ClosedBalance, l.ExpiredAmount = LotExpired, money.Zero, in.Expired
	default:
		l.State, l.ClosedBalance = LotOpen, in.Closed
	}
	if canceled && l.CanceledOn.IsZero() {
		l.CanceledOn = in.Now
	}
	return l
}
