// Package fault defines the kinds of error every layer of CreditDesk speaks in. The store wraps
// database errors into these kinds, the domain errors (benefits.RuleError, ledger.InputError,
// access.ErrLastOwner, arm.Error) match them with errors.Is, and the web layer maps each kind to
// one HTTP status in one place (web's statusOf).
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
	// ErrInvalid is input that a form or a file got wrong, field by field (Invalid,
	// benefits.RuleError about input, ledger.InputError): nothing was stored.
	ErrInvalid = errors.New("invalid input")
	// ErrBadRequest is a request that is malformed as a whole: a query parameter out of range,
	// a path that does not decode.
	ErrBadRequest = errors.New("bad request")
)

// Kinds are every error kind, for tests that must cover each one.
var Kinds = []error{ErrNotFound, ErrConflict, ErrForbidden, ErrUnauthenticated, ErrTooManyRequests, ErrUnavailable,
	ErrInvalid, ErrBadRequest}

// Error is an error of one kind with what the user who caused it is told, as a message the
// views word.
type Error struct {
	Kind error   // one of the kinds above
	Said Message // what happened, in words a user can act on
}

// New returns an error of kind telling the user a fixed sentence, one with no values (KeyText).
func New(kind error, sentence string) *Error { return &Error{Kind: kind, Said: Text(sentence)} }

// Says returns an error of kind telling the user key with args, formatted by the views.
func Says(kind error, key string, args ...any) *Error {
	return &Error{Kind: kind, Said: Say(key, args...)}
}

// Error returns the message: the sentence, or the key and values of what it says.
func (e *Error) Error() string {
	if e.Said.Key == KeyText && len(e.Said.Args) == 1 {
		if s, ok := e.Said.Args[0].(string); ok {
			return s
		}
	}
	return e.Said.String()
}

// Is makes an Error match its kind.
func (e *Error) Is(target error) bool { return target == e.Kind }

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

// Is makes an Invalid match ErrInvalid.
func (v Invalid) Is(target error) bool { return target == ErrInvalid }

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

// Refusal is a change refused by a rule of the domain (the last owner, a reassignment limit),
// of kind ErrConflict. It says why as data (Said) that the views write.
type Refusal struct {
	Rule string // the DOMAIN.md rule, such as "M4"
	Said Message
}

// Error returns the key and values of what it says, for logs.
func (r Refusal) Error() string { return r.Said.String() }

// Is makes a Refusal match ErrConflict, and a Refusal by the same rule that says the same
// (such as access.ErrLastOwner), whatever its arguments.
func (r Refusal) Is(target error) bool {
	if t, ok := target.(Refusal); ok {
		return t.Rule == r.Rule && t.Said.Key == r.Said.Key
	}
	return target == ErrConflict
}
