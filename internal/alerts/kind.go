// Package alerts is the domain of CreditDesk's alerts (issue 12): the kinds of rule, their
// thresholds and validation, the check of a rule against the numbers the credits page shows,
// the CloudEvents body a webhook receives and its signature, and which webhook targets are
// allowed. It does no I/O; package notify evaluates rules and delivers their messages.
package alerts

import (
	"fmt"
	"slices"
)

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

// The kinds of rule on a partner organisation (its partner admins create them).
const (
	BenefitUnused     Kind = "benefit.unused"     // a benefit is not assigned or not redeemed Days before its end
	BenefitUnredeemed Kind = "benefit.unredeemed" // a monthly credit's holder has not redeemed Days after its assignment
	MembershipEnding  Kind = "membership.ending"  // the membership ends within Days
)

// Kinds lists every kind of a billing scope, in the order the form offers them.
var Kinds = []Kind{CreditExpiring, RunwayShort, BalanceLow, CreditUnused, ProcessFailed}

// PartnerKinds lists every kind of a partner organisation, in the order the form offers them.
var PartnerKinds = []Kind{BenefitUnused, BenefitUnredeemed, MembershipEnding}

// ParseKind returns the kind named s among kinds (Kinds or PartnerKinds).
func ParseKind(s string, kinds []Kind) (Kind, error) {
	if k := Kind(s); slices.Contains(kinds, k) {
		return k, nil
	}
	return "", fmt.Errorf("unknown alert kind %q", s)
}

// Partner reports whether the kind is a partner organisation's.
func (k Kind) Partner() bool { return slices.Contains(PartnerKinds, k) }

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
	case BenefitUnused:
		return "Benefit unused before its end"
	case BenefitUnredeemed:
		return "Assigned credit not redeemed"
	case MembershipEnding:
		return "Membership ends soon"
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
func (k Kind) UsesDays() bool { return k == CreditExpiring || k == RunwayShort || k.Partner() }

// UsesAmount reports whether the kind takes an amount.
func (k Kind) UsesAmount() bool { return k == CreditExpiring || k == BalanceLow || k == CreditUnused }

// UsesPercent reports whether the kind takes a percentage (of the credit released this year).
func (k Kind) UsesPercent() bool { return k == BalanceLow }
