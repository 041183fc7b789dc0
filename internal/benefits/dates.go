package benefits

import "time"

// The numbers behind the rules, named so that code, tests and help text agree.
const (
	ProvisioningDays      = 4  // P8: benefits appear four days after the purchase date
	MonthlyValidityMonths = 13 // P11: a monthly credit is valid 13 months from activation
	MaxReassignments      = 5  // P6: reassignments allowed per monthly credit, no exception
	ExpiringWithinDays    = 30 // P2: the Expiring quick filter's window
)

// civilDay returns the start (00:00 UTC) of the UTC calendar day containing t. Purchase, start
// and end dates are civil days: a time of day given with them is ignored.
func civilDay(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// addMonths adds n calendar months to t (in UTC), keeping the time of day and clamping the day
// to the target month's last day. time.AddDate would carry 31 January + 1 month into March,
// which would make a "month" of a credit longer than a month.
func addMonths(t time.Time, n int) time.Time {
	t = t.UTC()
	y, m, d := t.Date()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	d = min(d, last)
	return time.Date(first.Year(), first.Month(), d, t.Hour(), t.Minute(), t.Second(),
		t.Nanosecond(), time.UTC)
}
