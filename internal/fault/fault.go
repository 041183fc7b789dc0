// Package fault defines the kinds of error every layer of CreditDesk speaks in. The store wraps
// database errors into these kinds, domain packages return them, and the web layer maps each kind
// to one HTTP status in one place.
package fault

import "errors"

// The error kinds. Wrap them with fmt.Errorf("...: %w", fault.ErrNotFound) to add context.
var (
	ErrNotFound        = errors.New("not found")
	ErrConflict        = errors.New("conflict")
	ErrForbidden       = errors.New("forbidden")
	ErrUnauthenticated = errors.New("not signed in")
	ErrTooManyRequests = errors.New("too many requests")
	// ErrUnavailable is a database that does not answer (an outage, a connection lost, a file
	// that cannot be opened): nothing was done, and the same request may succeed later.
	ErrUnavailable = errors.New("database unavailable")
)

// FieldError is one problem with one named input field.
type FieldError struct {
	Field   string // the form field, query parameter or JSON path at fault
	Message string // what is wrong, in words a user can act on
}

// Error renders the problem as "field: message".
func (f FieldError) Error() string { return f.Field + ": " + f.Message }

// Invalid is bad input: one or more fields with what is wrong with each. Nothing is stored when
// an operation returns it.
type Invalid []FieldError

// Error joins the problems as "field: message" lines.
func (v Invalid) Error() string { return Lines[FieldError](v).Error() }

// For returns the message for a field, or "" when the field is fine; forms show it inline.
func (v Invalid) For(field string) string {
	for _, f := range v {
		if f.Field == field {
			return f.Message
		}
	}
	return ""
}

// Field returns an Invalid naming one field.
func Field(field, message string) Invalid { return Invalid{{Field: field, Message: message}} }

// AsInvalid returns the Invalid inside err, if there is one.
func AsInvalid(err error) (Invalid, bool) {
	var v Invalid
	ok := errors.As(err, &v)
	return v, ok
}

// Refusal is a change refused by a rule of the domain (the last owner, a reassignment limit).
// Its message is written for the user; it is of kind ErrConflict.
type Refusal struct {
	Rule    string // the DOMAIN.md rule, such as "M4"
	Message string
}

// Error returns the message.
func (r Refusal) Error() string { return r.Message }

// Is makes a Refusal match ErrConflict.
func (r Refusal) Is(target error) bool { return target == ErrConflict }
