package ledger

import (
	"cmp"
	"fmt"
	"time"
)

// Date is a civil calendar date in UTC (DOMAIN X3). Credit lots, charges and invoices are dated
// by whole days: a lot is usable from the start of its start date to the end of its expiration
// date. The zero Date is 0001-01-01, like the zero time.Time, and IsZero reports it.
//
// A Date is a day count, so comparing and subtracting dates is integer arithmetic; that keeps the
// burn loop over 100,000 charges free of time.Time calls.
type Date struct {
	days int // days since 0001-01-01
}

// unixEpochDays is the number of days from 0001-01-01 to 1970-01-01.
const unixEpochDays = 719162

const dayLayout = "2006-01-02"

// NewDate returns the date year-month-day. Out-of-range values are normalised as by time.Date
// (2026-02-30 is 2026-03-02).
func NewDate(year int, month time.Month, day int) Date {
	return DateOf(time.Date(year, month, day, 0, 0, 0, 0, time.UTC))
}

// DateOf returns the UTC calendar date of the instant t.
func DateOf(t time.Time) Date {
	y, m, d := t.UTC().Date()
	// Midnight UTC is a whole multiple of 86,400 s from the Unix epoch, so the division is exact
	// for dates before 1970 too.
	unix := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix()
	return Date{days: int(unix/86400) + unixEpochDays}
}

// ParseDate reads "YYYY-MM-DD", or an RFC 3339 instant whose UTC date is taken, the two forms
// scenario files allow. It refuses anything else, such as "2026-5-1" or "2026-02-30".
func ParseDate(s string) (Date, error) {
	if len(s) == len(dayLayout) {
		t, err := time.Parse(dayLayout, s)
		if err != nil {
			return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
		}
		return DateOf(t), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return Date{}, fmt.Errorf("date %q: want YYYY-MM-DD or an RFC 3339 instant", s)
	}
	return DateOf(t), nil
}

// ParseDay reads a date a person typed into a form or a query string: exactly "YYYY-MM-DD",
// the form the portal shows dates in (X2). The error is an *InputError about field that says
// KeyDay.
func ParseDay(field, s string) (Date, error) {
	if len(s) != len(dayLayout) {
		return Date{}, invalid(field, KeyDay)
	}
	t, err := time.Parse(dayLayout, s)
	if err != nil {
		return Date{}, invalid(field, KeyDay)
	}
	return DateOf(t), nil
}

// MustDate is ParseDate for literals in tests and fixtures; it panics on a bad date.
func MustDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// Time returns the start of the date (00:00 UTC).
func (d Date) Time() time.Time {
	return time.Unix(int64(d.days-unixEpochDays)*86400, 0).UTC()
}

// Civil returns the year, month and day of d.
func (d Date) Civil() (year int, month time.Month, day int) { return d.Time().Date() }

// String renders d as YYYY-MM-DD.
func (d Date) String() string { return d.Time().Format(dayLayout) }

// IsZero reports whether d is the zero Date (used for "no date").
func (d Date) IsZero() bool { return d.days == 0 }

// AddDays returns d moved by n days (n may be negative).
func (d Date) AddDays(n int) Date { return Date{days: d.days + n} }

// AddMonths returns d moved by n calendar months, clamping the day to the target month's last
// day: 2026-01-31 plus one month is 2026-02-28, never 2026-03-03 as time.AddDate would give.
func (d Date) AddMonths(n int) Date {
	y, m, day := d.Civil()
	first := time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return NewDate(first.Year(), first.Month(), min(day, last))
}

// DaysSince returns the number of days from e to d: positive when d is later.
func (d Date) DaysSince(e Date) int { return d.days - e.days }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int { return cmp.Compare(d.days, e.days) }

// Before reports whether d is strictly before e.
func (d Date) Before(e Date) bool { return d.days < e.days }

// After reports whether d is strictly after e.
func (d Date) After(e Date) bool { return d.days > e.days }

// MarshalText renders d as YYYY-MM-DD, so a Date is a JSON string.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads what ParseDate accepts.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
