package alerts

import (
	"strconv"
	"strings"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/money"
)

// MaxDays bounds a rule's number of days: credits last at most a few years.
const MaxDays = 3650

// Rule is a rule's condition: its kind and thresholds.
type Rule struct {
	Kind Kind `json:"kind"`
	// Days: within how many days a credit expires or the runway ends (CreditExpiring,
	// RunwayShort), a benefit or the membership ends (BenefitUnused, MembershipEnding), or
	// after how many days an assigned monthly credit is still not redeemed (BenefitUnredeemed).
	Days int `json:"days,omitempty"`
	// Amount: the least balance left on an expiring credit (nil: any amount), the balance
	// below which BalanceLow fires, the least amount CreditUnused fires for.
	Amount *money.Amount `json:"amount,omitempty"`
	// Percent: BalanceLow fires below this percentage of the credit released this year
	// (0: not used).
	Percent int `json:"percent,omitempty"`
}

// Form is a rule as submitted: the form's fields as text.
type Form struct {
	Kind    string
	Days    string
	Amount  string
	Percent string
}

// Parse validates a submitted rule of a billing scope and returns it; fault.Invalid names every
// field at fault.
func Parse(f Form) (Rule, error) { return parse(f, Kinds) }

// ParsePartner validates a submitted rule of a partner organisation, as Parse does.
func ParsePartner(f Form) (Rule, error) { return parse(f, PartnerKinds) }

// parse validates a submitted rule of one of kinds.
func parse(f Form, kinds []Kind) (Rule, error) {
	k, err := ParseKind(f.Kind, kinds)
	if err != nil {
		return Rule{}, fault.Field("kind", "Choose what the alert watches.")
	}
	r := Rule{Kind: k}
	var bad fault.Invalid
	if k.UsesDays() {
		n, err := strconv.Atoi(strings.TrimSpace(f.Days))
		switch {
		case err != nil:
			bad = append(bad, fault.FieldError{Field: "days", Message: "Enter a whole number of days."})
		case n < 1 || n > MaxDays:
			bad = append(bad, fault.FieldError{Field: "days", Message: "Enter between 1 and " + strconv.Itoa(MaxDays) + " days."})
		default:
			r.Days = n
		}
	}
	if k.UsesAmount() && strings.TrimSpace(f.Amount) != "" {
		a, err := money.Parse(strings.TrimSpace(f.Amount))
		switch {
		case err != nil:
			bad = append(bad, fault.FieldError{Field: "amount", Message: "Enter an amount such as 500 or 1250.50."})
		case !a.IsPositive():
			bad = append(bad, fault.FieldError{Field: "amount", Message: "Enter an amount greater than zero."})
		default:
			r.Amount = &a
		}
	}
	if k.UsesPercent() && strings.TrimSpace(f.Percent) != "" {
		n, err := strconv.Atoi(strings.TrimSpace(f.Percent))
		if err != nil || n < 1 || n > 100 {
			bad = append(bad, fault.FieldError{Field: "percent", Message: "Enter a whole percentage between 1 and 100."})
		} else {
			r.Percent = n
		}
	}
	if len(bad) > 0 {
		return Rule{}, bad
	}
	return r, r.check()
}

// check refuses a rule whose kind lacks a threshold it needs.
func (r Rule) check() error {
	switch r.Kind {
	case CreditUnused:
		if r.Amount == nil {
			return fault.Field("amount", "Enter the least amount that would expire unused.")
		}
	case BalanceLow:
		msg := ""
		switch {
		case r.Amount == nil && r.Percent == 0:
			msg = "Enter an amount or a percentage."
		case r.Amount != nil && r.Percent != 0:
			msg = "Enter either an amount or a percentage, not both."
		}
		if msg != "" {
			return fault.Invalid{{Field: "amount", Message: msg}, {Field: "percent", Message: msg}}
		}
	}
	return nil
}
