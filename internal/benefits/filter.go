package benefits

import (
	"time"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// Filter is a quick filter above the Azure credits list (P2). Its string value is the URL
// query value (?filter=not-redeemed), so a reload shows the same list.
type Filter string

// The quick filters. FilterAll is the empty value: no filter.
const (
	FilterAll         Filter = ""
	FilterNotRedeemed Filter = "not-redeemed" // status Not redeemed: available, nobody assigned
	FilterRedeemed    Filter = "redeemed"     // status Redeemed
	FilterMonthly     Filter = "monthly"      // Azure monthly credits, any status
	FilterBulk        Filter = "bulk"         // Azure bulk credits, any status (not the P7 benefits)
	FilterExpiring    Filter = "expiring"     // not expired, expiring within 30 days
)

// Filters returns the quick filters in the order the page shows them, FilterAll first.
func Filters() []Filter {
	return []Filter{FilterAll, FilterNotRedeemed, FilterRedeemed, FilterMonthly, FilterBulk, FilterExpiring}
}

// ParseFilter reads a filter from a URL query value; "" is FilterAll. An unknown value is
// refused, and FilterAll is returned with the error so a handler can show the whole list
// alongside the message rather than an empty page.
func ParseFilter(s string) (Filter, error) {
	for _, f := range Filters() {
		if string(f) == s {
			return f, nil
		}
	}
	return FilterAll, refuse(RuleInput, FieldFilter, KeyBadFilter, fault.Clip(s))
}

// Label is the filter's button text.
func (f Filter) Label() string {
	switch f {
	case FilterAll:
		return "All"
	case FilterNotRedeemed:
		return "Not redeemed"
	case FilterRedeemed:
		return "Redeemed"
	case FilterMonthly:
		return "Monthly"
	case FilterBulk:
		return "Bulk"
	case FilterExpiring:
		return "Expiring"
	}
	return string(f)
}

// Match reports whether b is listed under f at now. Not redeemed and Redeemed match the
// status of the same name, so the filter and the status column always agree. Expiring matches
// a benefit that is not expired and whose expiry (ExpiresAt) is at most 30 days after now.
// An unknown filter matches nothing.
func (f Filter) Match(b Benefit, now time.Time) bool {
	switch f {
	case FilterAll:
		return true
	case FilterNotRedeemed:
		return StatusOf(b, now) == StatusNotRedeemed
	case FilterRedeemed:
		return StatusOf(b, now) == StatusRedeemed
	case FilterMonthly:
		return b.Kind.Monthly()
	case FilterBulk:
		return b.Kind.Bulk()
	case FilterExpiring:
		end := ExpiresAt(b)
		return now.Before(end) && !end.After(now.AddDate(0, 0, ExpiringWithinDays))
	}
	return false
}
