// Package alerts is the domain of CreditDesk's alerts (issue 12): the kinds of rule, their
// thresholds and validation, the check of a rule against the numbers the credits page shows,
// the CloudEvents body a webhook receives and its signature, and which webhook targets are
// allowed. It does no I/O; package notify evaluates rules and delivers their messages.
package alerts

import "fmt"

// Kind is what a rule watches. Its string form is stored and sent as part of the CloudEvents
// type (com.creditdesk.<kind>).
type Kind string

// The kinds of rule on a billing account or profile.
const (
	CreditExpiring Kind = "credit.expiring"   // a credit expires within Days with at least Amount left
	RunwayShort    Kind = "runway.short"      // the runway forecast runs out within Days
	BalanceLow     Kind = "balance.low"       // the estimated balance is below Amount or Percent of this year's credit
	CreditUnused   Kind = "credit.unused"     // the forecast says at least Amount will expire unused
	ProcessFailed  Kind = "processing.failed" // the processing run failed for the profile
)

// Kinds lists every kind, in the order the form offers them.
var Kinds = []Kind{CreditExpiring, RunwayShort, BalanceLow, CreditUnused, ProcessFailed}

// ParseKind returns the kind named s.
func ParseKind(s string) (Kind, error) {
	for _, k := range Kinds {
		if string(k) == s {
			return k, nil
		}
	}
	return "", fmt.Errorf("unknown alert kind %q", s)
}

// Label names the kind as the portal shows it.
func (k Kind) Label() string {
	switch k {
	case CreditExpiring:
		return "Credit expires soon"
	case RunwayShort:
		return "Credit runs out soon"
	case BalanceLow:
		return "Balance is low"
	case CreditUnused:
		return "Credit will expire unused"
	case ProcessFailed:
		return "Processing run failed"
	}
	return string(k)
}

// EventType is the CloudEvents type of a firing of the kind; a resolution adds ".resolved".
func (k Kind) EventType(resolved bool) string {
	t := "com.creditdesk." + string(k)
	if resolved {
		t += ".resolved"
	}
	return t
}

// NeedsRunway reports whether checking the kind needs the runway forecast.
func (k Kind) NeedsRunway() bool { return k == RunwayShort || k == CreditUnused }

// UsesDays reports whether the kind takes a number of days.
func (k Kind) UsesDays() bool { return k == CreditExpiring || k == RunwayShort }

// UsesAmount reports whether the kind takes an amount.
func (k Kind) UsesAmount() bool { return k == CreditExpiring || k == BalanceLow || k == CreditUnused }

// UsesPercent reports whether the kind takes a percentage (of the credit released this year).
func (k Kind) UsesPercent() bool { return k == BalanceLow }
