package ledger

import (
	"slices"
	"strings"
)

// Status is a lot's status as the portal shows it (M8). Its string value is the stable key that
// URLs, CSS classes and tests use; Label is for people.
type Status string

// The portal statuses.
const (
	StatusCanceled   Status = "canceled"
	StatusUsed       Status = "used"
	StatusExpired    Status = "expired"
	StatusNotStarted Status = "notstarted"
	StatusExpiring   Status = "expiring"
	StatusActive     Status = "active"
)

// Precedence lists the portal statuses in M8's precedence order: when several apply to a lot,
// the first wins. Lot.Status decides in this order, and so does the store's SQL filter.
var Precedence = []Status{StatusCanceled, StatusUsed, StatusExpired, StatusNotStarted, StatusExpiring, StatusActive}

// Statuses lists the portal statuses in the order a page offers them as filter options.
var Statuses = []Status{StatusActive, StatusExpiring, StatusUsed, StatusExpired, StatusNotStarted, StatusCanceled}

// DefaultExpiryWindow is the number of days before its expiration date from which an active lot
// shows as expiring (M8 decision; an installation may configure another window).
const DefaultExpiryWindow = 30

// ParseStatus reads a status key; the error lists the accepted keys.
func ParseStatus(s string) (Status, error) {
	if st := Status(s); slices.Contains(Statuses, st) {
		return st, nil
	}
	keys := make([]string, len(Statuses))
	for i, st := range Statuses {
		keys[i] = string(st)
	}
	return "", invalid("status", KeyStatus, strings.Join(keys, ", "))
}

// Label is the status as the portal shows it.
func (s Status) Label() string {
	switch s {
	case StatusCanceled:
		return "Canceled"
	case StatusUsed:
		return "Used"
	case StatusExpired:
		return "Expired"
	case StatusNotStarted:
		return "Not started"
	case StatusExpiring:
		return "Expiring"
	case StatusActive:
		return "Active"
	}
	return string(s)
}

// Status returns the lot's portal status on date now with an expiry window of windowDays
// (M8), the first of Precedence that applies: canceled (from its cancellation date on, before
// an invoice settles it), then used (nothing left, whatever the date), then expired, then not
// started, then expiring (expires in 0 to windowDays days), then active. A negative window
// counts as 0.
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

// APIStatus is a lot's status as the Consumption lots API reports it (M8).
type APIStatus string

// The API statuses.
const (
	APIActive   APIStatus = "Active" // active or expiring
	APIInactive APIStatus = "Inactive"
	APIExpired  APIStatus = "Expired"
	APIComplete APIStatus = "Complete"
	APICanceled APIStatus = "Canceled"
)

// APIStatuses lists the API statuses.
var APIStatuses = []APIStatus{APIActive, APIInactive, APIExpired, APIComplete, APICanceled}

// API returns the status the Consumption lots API reports: Active (also for expiring),
// Inactive (not started), Expired, Complete (used) and Canceled.
func (s Status) API() APIStatus {
	switch s {
	case StatusCanceled:
		return APICanceled
	case StatusUsed:
		return APIComplete
	case StatusExpired:
		return APIExpired
	case StatusNotStarted:
		return APIInactive
	}
	return APIActive
}

// Portal returns the portal statuses the API status stands for, in Precedence order: a filter
// on an API status selects the lots with one of them. An unknown API status stands for none.
func (a APIStatus) Portal() []Status {
	out := []Status{}
	for _, s := range Precedence {
		if s.API() == a {
			out = append(out, s)
		}
	}
	return out
}
