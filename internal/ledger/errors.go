package ledger

import (
	"errors"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// ErrInvalid matches every *InputError about malformed input: a missing id, a negative charge,
// an expiration before the start, a date outside the invoice period (DOMAIN X2).
var ErrInvalid = errors.New("ledger: invalid input")

// ErrCurrency matches every *InputError about an amount in a currency other than the profile's
// (a profile has exactly one currency, M2, M16).
var ErrCurrency = errors.New("ledger: currency differs from the billing profile's")

// ErrInconsistent reports a stored state that contradicts itself, for example a profile whose
// CurrentBalance is not the sum of its open lots. It points at a bug or a half-written update
// in the caller, never at user input; nothing should be written when it is returned.
var ErrInconsistent = errors.New("ledger: inconsistent state")

// InputError is one problem with one named input field, of kind fault.ErrInvalid. Field is a
// path such as "lots[2].currency" or "charges[17].date", so a loader can name the JSON path or
// CSV row. Message says what is wrong (one of the Key constants with its values) and the views
// word it; Said adds the field.
type InputError struct {
	Field   string        // the input at fault, as a path into the call's arguments
	Err     error         // ErrInvalid or ErrCurrency
	Message fault.Message // what is wrong; it never names the field
}

// Said is the problem with its field: "{field}: {message}" (KeyAtField).
func (e *InputError) Said() fault.Message {
	return fault.Say(KeyAtField, fault.Code(e.Field), e.Message)
}

// Error renders the problem for logs: "ledger: lots[2].amount: ledger.negative".
func (e *InputError) Error() string { return "ledger: " + e.Field + ": " + e.Message.String() }

// Unwrap lets errors.Is match ErrInvalid or ErrCurrency.
func (e *InputError) Unwrap() error { return e.Err }

// Is makes every InputError of kind fault.ErrInvalid.
func (e *InputError) Is(target error) bool { return target == fault.ErrInvalid }

// invalid is an InputError about field that says key with args.
func invalid(field, key string, args ...any) error {
	return &InputError{Field: field, Err: ErrInvalid, Message: fault.Say(key, args...)}
}
