package ledger

// Status is a lot's status as the portal shows it (M8).
type Status string

// The portal statuses, listed in precedence order: when several apply, the first wins.
const (
	StatusCanceled   Status = "canceled"
	StatusUsed       Status = "used"
	StatusExpired    Status = "expired"
	StatusNotStarted Status = "not started"
	StatusExpiring   Status = "expiring"
	StatusActive     Status = "active"
)

// DefaultExpiryWindow is the number of days before its expiration date from which an active lot
// shows as expiring (M8 decision; an installation may configure another window).
const DefaultExpiryWindow = 30

// Status returns the lot's portal status on date now with an expiry window of windowDays
// (M8): canceled (from its cancellation date on, before an invoice settles it), then used (nothing left, whatever the date), then expired, then not started,
// then expiring (expires in 0 to windowDays days), then active. A negative window counts as 0.
//
// "Used" reads the closed balance: a lot is used once an invoice has consumed it, and a lot
// settled as expired is used when it expired with nothing left.
func (l Lot) Status(now Date, windowDays int) Status {
	switch {
	case l.State == LotCanceled || l.canceled() && !now.Before(l.CanceledOn):
		return StatusCanceled
	case l.State == LotExpired && l.ExpiredAmount.IsZero(), l.State != LotExpired && l.ClosedBalance.IsZero():
		return StatusUsed
	case l.State == LotExpired || now.After(l.ExpirationDate):
		return StatusExpired
	case now.Before(l.StartDate):
		return StatusNotStarted
	case l.DaysToExpiry(now) <= max(windowDays, 0):
		return StatusExpiring
	}
	return StatusActive
}

// DaysToExpiry returns N in "expires in N days": the days from now to the expiration date, 0 on
// the last day the lot can be used, negative once it has expired.
func (l Lot) DaysToExpiry(now Date) int { return l.ExpirationDate.DaysSince(now) }

// API returns the status the Consumption lots API reports: Active (also for expiring),
// Inactive (not started), Expired, Complete (used) and Canceled.
func (s Status) API() string {
	switch s {
	case StatusCanceled:
		return "Canceled"
	case StatusUsed:
		return "Complete"
	case StatusExpired:
		return "Expired"
	case StatusNotStarted:
		return "Inactive"
	}
	return "Active"
}
