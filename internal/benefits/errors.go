package benefits

import (
	"fmt"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// RuleInput is the Rule of a RuleError about malformed input (DOMAIN X2).
const RuleInput = "X2"

// Field names used in RuleError.Field. They match the form fields of the Benefits workspace,
// and the scenario file's JSON keys for Benefit.Validate, so a handler or a loader can place
// the message without a translation table.
const (
	FieldBenefit  = "benefit"     // the benefit being changed: its state forbids the action
	FieldUser     = "user"        // the user being assigned, or the user redeeming
	FieldName     = "name"        // the new user's display name (Add a new user)
	FieldEmail    = "email"       // the new user's email address (Add a new user)
	FieldRenewal  = "renewalDate" // the membership renewal date (Renew)
	FieldUsage    = "usage"       // usage recorded against a monthly credit (MonthlyHistory)
	FieldFilter   = "filter"      // the quick filter in the URL (ParseFilter)
	FieldKind     = "kind"        // a benefit's kind (ParseKind, Benefit.Validate)
	FieldAmount   = "amount"      // a benefit's amount (Benefit.Validate, MonthlyHistory)
	FieldCurrency = "currency"    // a benefit's currency (Benefit.Validate)
)

// RuleError is a refusal that names the rule (a DOMAIN.md number such as "P6", or RuleInput),
// the field it is about, and what to tell a person, as a message the views word (a key and
// its values: dates, amounts, emails, ids). It is of kind fault.ErrInvalid
// when Rule is RuleInput (malformed input: an empty, too long or badly formed field), else of
// kind fault.ErrConflict (a well-formed request the program forbids). It never means that
// something was stored: decisions here are pure.
type RuleError struct {
	Rule    string        // "P6", "P10", ... or RuleInput
	Field   string        // one of the Field constants
	Message fault.Message // one of the Key constants, with its values; it never names the field
}

// Error renders the refusal for logs: "benefits: P6 user: benefits.holds_already(raj@...)".
// People read Message in words, through the views.
func (e *RuleError) Error() string {
	return fmt.Sprintf("benefits: %s %s: %s", e.Rule, e.Field, e.Message)
}

// Is makes a RuleError match its kind: fault.ErrInvalid for input errors, fault.ErrConflict
// for the others.
func (e *RuleError) Is(target error) bool {
	if e.Rule == RuleInput {
		return target == fault.ErrInvalid
	}
	return target == fault.ErrConflict
}

// RuleErrors flattens err (a single *RuleError, or several joined with errors.Join, as
// NewUser and Benefit.Validate return) into its RuleErrors, so a form can show one message
// per field. Errors of other kinds are skipped; nil gives nil.
func RuleErrors(err error) []*RuleError {
	var out []*RuleError
	var walk func(error)
	walk = func(err error) {
		switch x := err.(type) {
		case *RuleError:
			out = append(out, x)
		case interface{ Unwrap() []error }:
			for _, e := range x.Unwrap() {
				walk(e)
			}
		case interface{ Unwrap() error }:
			walk(x.Unwrap())
		}
	}
	walk(err)
	return out
}

// refuse builds a RuleError saying key with args.
func refuse(rule, field, key string, args ...any) *RuleError {
	return &RuleError{Rule: rule, Field: field, Message: fault.Say(key, args...)}
}

// Input is a refusal of malformed input (X2) about field, saying key with args: for the
// layers that check input the rules receive (the store, a form).
func Input(field, key string, args ...any) *RuleError {
	return refuse(RuleInput, field, key, args...)
}

// errBadCall reports a caller bug (a missing actor or clock), not a user's mistake: it
// deliberately matches no fault kind, so a web layer answers 500 and logs it.
func errBadCall(what string) error {
	return fmt.Errorf("benefits: bad call: %s", what)
}
