package arm

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/creditdesk/creditdesk/internal/armfilter"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
)

// LotFilter is the $filter of the lots endpoints, typed (contract §2). Names and values match
// case-insensitively; Status and Source hold the canonical spelling.
type LotFilter struct {
	Status     string // a ledger.APIStatus or None; "" for any
	Source     string // PromotionalCredit, PurchasedCredit or ConsumptionCommitment; "" for any
	Start      Days   // startDate
	Expiration Days   // expirationDate (a lot's last day)
	None       bool   // the conditions contradict each other: nothing matches
}

// EventFilter is the $filter of the events endpoints, typed.
type EventFilter struct {
	LotID     string // a lot's name, or its full ARM id, lower-case; "" for any
	LotSource string
	EventType string // one of EventTypes; "" for any
	Days      Days   // transactionDate
	None      bool
}

// lotStatuses are the values a status condition may name: None, which no lot has, and the
// API statuses (M8).
var lotStatuses = func() []string {
	out := []string{"None"}
	for _, s := range ledger.APIStatuses {
		out = append(out, string(s))
	}
	return out
}()

// lotSources are the lot sources CreditDesk knows (M7).
var lotSources = []string{string(ledger.SourcePromotional), string(ledger.SourcePurchased), string(ledger.SourceCommitment)}

// filterParam is the name errors give.
const filterParam = "$filter"

// conditions parses $filter (or filter, as armbilling sends it).
func conditions(q url.Values) ([]armfilter.Cond, error) {
	v, ok := Param(q, "$filter")
	if !ok {
		v, _ = Param(q, "filter")
	}
	conds, err := armfilter.Parse(v)
	if err != nil {
		return nil, BadParameter(filterParam, err.Error())
	}
	return conds, nil
}

// LotFilterOf reads the lots $filter: status, source (eq) and startDate, expirationDate (any
// operator).
func LotFilterOf(q url.Values) (LotFilter, error) {
	var f LotFilter
	err := eachCondition(q, func(property string, c armfilter.Cond) error {
		switch property {
		case "status":
			return setEnum(&f.Status, &f.None, c, lotStatuses)
		case "source":
			return setEnum(&f.Source, &f.None, c, lotSources)
		case "startdate":
			return andDays(&f.Start, c, 0)
		case "expirationdate":
			return andDays(&f.Expiration, c, 24*time.Hour-time.Second)
		}
		return notFilterable("lots", c, "status, source, startDate or expirationDate")
	})
	f.None = f.None || f.Start.Empty() || f.Expiration.Empty()
	return f, err
}

// EventFilterOf reads the events $filter: lotId, lotSource, eventType (eq) and transactionDate
// (any operator).
func EventFilterOf(q url.Values) (EventFilter, error) {
	var f EventFilter
	err := eachCondition(q, func(property string, c armfilter.Cond) error {
		switch property {
		case "lotid":
			return setEnum(&f.LotID, &f.None, armfilter.Cond{Property: c.Property, Op: c.Op, Value: strings.ToLower(c.Value)}, nil)
		case "lotsource":
			return setEnum(&f.LotSource, &f.None, c, lotSources)
		case "eventtype":
			return setEnum(&f.EventType, &f.None, c, EventTypes)
		case "transactiondate":
			return andDays(&f.Days, c, 0)
		}
		return notFilterable("events", c, "lotId, lotSource, eventType or transactionDate")
	})
	f.None = f.None || f.Days.Empty()
	return f, err
}

// eachCondition parses $filter and applies its conditions in order with apply, which is given
// each one's property without the "properties/" prefix; it stops at the first error.
func eachCondition(q url.Values, apply func(property string, c armfilter.Cond) error) error {
	conds, err := conditions(q)
	for _, c := range conds {
		if err != nil {
			break
		}
		err = apply(strings.TrimPrefix(c.Property, "properties/"), c)
	}
	return err
}

// notFilterable refuses a condition on a property the resources (what) cannot be filtered by,
// naming the ones they can (use).
func notFilterable(what string, c armfilter.Cond, use string) error {
	return BadParameter(filterParam, fmt.Sprintf("%s cannot be filtered by %q: use %s", what, fault.Clip(c.Property), use))
}

// setEnum applies "property eq value": the value in its canonical spelling from allowed (any
// value when allowed is nil); a second, different value for the same property matches nothing.
func setEnum(dst *string, none *bool, c armfilter.Cond, allowed []string) error {
	if c.Op != armfilter.Eq {
		return BadParameter(filterParam, fmt.Sprintf("%s can only be compared with eq", c.Property))
	}
	v := c.Value
	if allowed != nil {
		v = ""
		for _, a := range allowed {
			if strings.EqualFold(a, c.Value) {
				v = a
			}
		}
		if v == "" {
			return BadParameter(filterParam, fmt.Sprintf("%q is not a value of %s: use one of %s", fault.Clip(c.Value), c.Property, strings.Join(allowed, ", ")))
		}
	}
	if *dst != "" && *dst != v {
		*none = true
	}
	*dst = v
	return nil
}

// andDays narrows a day range by a date comparison. The field is reported at its day's start plus
// offset (expiration dates at 23:59:59). A date-only value compares whole days; a date-time
// compares the reported instant.
func andDays(dst *Days, c armfilter.Cond, offset time.Duration) error {
	t, day, err := parseInstant(filterParam, c.Value)
	if err != nil {
		return err
	}
	if day {
		offset = 0
	}
	u := t.Add(-offset) // the field's day start must compare to u as the instant compares to t
	floor, ceil := ledger.DateOf(u), ceilDay(u)
	var r Days
	switch c.Op {
	case armfilter.Eq:
		if floor != ceil { // no day starts exactly there
			r = DaysFrom(ceil).And(DaysTo(floor))
		} else {
			r = DaysFrom(floor).And(DaysTo(floor))
		}
	case armfilter.Lt:
		r = DaysTo(ceil.AddDays(-1))
	case armfilter.Le:
		r = DaysTo(floor)
	case armfilter.Gt:
		r = DaysFrom(floor.AddDays(1))
	case armfilter.Ge:
		r = DaysFrom(ceil)
	}
	*dst = dst.And(r)
	return nil
}
