package fault

import "github.com/creditdesk/creditdesk/internal/money"

// Message is a sentence as data: Key names it, and the views write it in words; Args are its
// values in their own types, which the views format for the reader's locale. An argument is a
// ledger.Date, a time.Time (an instant), a Money, an Email, an ID, a Code, a string (plain
// text) or an int. Rewording a sentence cannot break the formatting of its values.
type Message struct {
	Key  string
	Args []any
}

// Say returns the message key with args.
func Say(key string, args ...any) Message { return Message{Key: key, Args: args} }

// IsZero reports whether m says nothing.
func (m Message) IsZero() bool { return m.Key == "" }

// String is the key, for logs and errors; the views write the sentence.
func (m Message) String() string { return m.Key }

// Money is an amount with its ISO 4217 currency, as a message argument.
type Money struct {
	Amount   money.Amount
	Currency string
}

// Email is an email address, kept whole on one line.
type Email string

// ID is an identifier (a benefit id, a subscription GUID, a lot's name), kept whole.
type ID string

// Code is a command or a machine name a user may type, shown as code.
type Code string
