package arm

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
)

// Days is an inclusive range of whole UTC days, open on a side without a bound. Ledger items are
// dated by whole days (X3), so every date condition of the API becomes such a range.
type Days struct {
	from, to       ledger.Date
	hasFrom, hasTo bool
}

// The days a range may name; anything outside is no day at all.
var (
	minDay = ledger.NewDate(1, time.January, 1)
	maxDay = ledger.NewDate(9999, time.December, 31)
)

// AllDays is the open range.
var AllDays = Days{}

// DaysFrom returns the range of from onwards.
func DaysFrom(from ledger.Date) Days { return Days{from: from, hasFrom: true}.normal() }

// DaysTo returns the range up to to.
func DaysTo(to ledger.Date) Days { return Days{to: to, hasTo: true}.normal() }

// And is the intersection of two ranges.
func (r Days) And(o Days) Days {
	if o.hasFrom && (!r.hasFrom || o.from.After(r.from)) {
		r.from, r.hasFrom = o.from, true
	}
	if o.hasTo && (!r.hasTo || o.to.Before(r.to)) {
		r.to, r.hasTo = o.to, true
	}
	return r.normal()
}

// normal turns a bound beyond the days a date can name into an empty range.
func (r Days) normal() Days {
	if r.hasFrom && r.from.After(maxDay) || r.hasTo && r.to.Before(minDay) {
		return Days{from: maxDay, to: minDay, hasFrom: true, hasTo: true}
	}
	if r.hasFrom && r.from.Before(minDay) {
		r.hasFrom = false
	}
	if r.hasTo && r.to.After(maxDay) {
		r.hasTo = false
	}
	return r
}

// Empty reports whether no day is in the range.
func (r Days) Empty() bool { return r.hasFrom && r.hasTo && r.from.After(r.to) }

// Contains reports whether day d is in the range.
func (r Days) Contains(d ledger.Date) bool {
	return (!r.hasFrom || !d.Before(r.from)) && (!r.hasTo || !d.After(r.to))
}

// Bounds returns the range's first and last days for a query, the zero Date for an open side.
func (r Days) Bounds() (from, to ledger.Date) {
	if r.hasFrom {
		from = r.from
	}
	if r.hasTo {
		to = r.to
	}
	return from, to
}

// EventDays reads the startDate and endDate parameters of the events endpoints (contract §7):
// required at billing-profile scope (E1), optional at billing-account scope (E2). Each is a date
// (YYYY-MM-DD) or a date-time; a date-only endDate includes that whole day. An event, dated at
// 00:00 UTC of its day, is in the range when that instant lies between the two. An endDate before
// the startDate is refused; two instants of one day with no midnight between them are a range
// without events.
func EventDays(q url.Values, required bool) (Days, error) {
	r := AllDays
	var start, end *time.Time // the instants given
	for _, name := range []string{"startDate", "endDate"} {
		v, ok := Param(q, name)
		if !ok || v == "" {
			if required {
				return r, BadParameter(name, "it is required: give a date such as 2026-01-31 or a date-time such as 2026-01-31T00:00:00Z")
			}
			continue
		}
		t, day, err := parseInstant(name, v)
		if err != nil {
			return r, err
		}
		if name == "startDate" {
			start, r = &t, r.And(DaysFrom(ceilDay(t)))
			continue
		}
		if r = r.And(DaysTo(ledger.DateOf(t))); day {
			t = t.AddDate(0, 0, 1).Add(-time.Nanosecond) // a date-only end includes its day
		}
		end = &t
	}
	if start != nil && end != nil && end.Before(*start) {
		return r, BadParameter("endDate", "it is before startDate")
	}
	return r, nil
}

// parseInstant reads a date parameter leniently, as clients send them: a date (the day's start),
// an RFC 3339 date-time with or without fractional seconds, or a date-time without a zone (UTC);
// it reports whether v named a day (YYYY-MM-DD). A '+' of an offset that arrived unencoded (a
// space) is restored, and anything from a '?' on is ignored, for the how-to's malformed
// "endDate=...Z?api-version=..." (contract §1.3).
func parseInstant(name, v string) (time.Time, bool, error) {
	s, _, _ := strings.Cut(v, "?")
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "+")
	if len(s) == len(time.DateOnly) {
		if t, err := time.Parse(time.DateOnly, s); err == nil {
			return t, true, nil
		}
	} else if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t.UTC(), false, nil
	} else if t, err := time.Parse("2006-01-02T15:04:05.999999999", s); err == nil {
		return t, false, nil
	}
	return time.Time{}, false, BadParameter(name, fmt.Sprintf("%q is not a date: use YYYY-MM-DD or a date-time such as 2026-01-31T00:00:00Z", fault.Clip(v)))
}

// ceilDay is the first day whose start is at or after t.
func ceilDay(t time.Time) ledger.Date {
	d := ledger.DateOf(t)
	if d.Time().Equal(t) {
		return d
	}
	return d.AddDays(1)
}
