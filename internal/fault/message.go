package fault

import (
	"fmt"
	"strings"
	"time"

	"github.com/creditdesk/creditdesk/internal/money"
)

// Message is a sentence as data: Key names it, and the views write it in words; Args are its
// values in their own types, which the views format for the reader's locale. An argument is a
// ledger.Date, a ledger.Period (a month), a time.Time (an instant, to the second), a Minute (an
// instant, to the minute), a Money, a money.Amount (a bare amount: a limit in any currency), an
// Email, an ID, a Code, a string (plain text), an int, or a Message (a clause that the views
// word in turn). Rewording a sentence cannot break the formatting of its values.
type Message struct {
	Key  string
	Args []any
}

// KeyText is the key of a message that is one value (a sentence given as text, a value alone),
// which the views write as it is, formatted for the reader.
const KeyText = "value"

// Text is s as a message (KeyText), nothing for "".
func Text(s string) Message {
	if s == "" {
		return Message{}
	}
	return Say(KeyText, s)
}

// Say returns the message key with args.
func Say(key string, args ...any) Message { return Message{Key: key, Args: args} }

// IsZero reports whether m says nothing.
func (m Message) IsZero() bool { return m.Key == "" }

// String is the key and its arguments, "benefits.not_started(2026-06-19)", for logs and
// errors; the views write the sentence.
func (m Message) String() string {
	if len(m.Args) == 0 {
		return m.Key
	}
	args := make([]string, len(m.Args))
	for i, a := range m.Args {
		switch v := a.(type) {
		case time.Time:
			args[i] = v.UTC().Format(time.RFC3339)
		case string:
			args[i] = fmt.Sprintf("%q", v)
		default:
			args[i] = fmt.Sprint(v)
		}
	}
	return m.Key + "(" + strings.Join(args, ", ") + ")"
}

// Money is an amount with its ISO 4217 currency, as a message argument.
type Money struct {
	Amount   money.Amount
	Currency string
}

// String is the amount and its currency, "6000.50 USD", for logs.
func (m Money) String() string { return m.Amount.String() + " " + m.Currency }

// Minute is an instant shown to the minute (the benefit pages write activations and the end
// of a monthly credit's 13 months so); a time.Time argument is shown to the second.
type Minute time.Time

// String is the instant in UTC to the minute, "2027-07-15 10:00 UTC", for logs.
func (m Minute) String() string { return time.Time(m).UTC().Format("2006-01-02 15:04 UTC") }

// Email is an email address, kept whole on one line.
type Email string

// ID is an identifier (a benefit id, a subscription GUID, a lot's name), kept whole.
type ID string

// Code is a command or a machine name a user may type, shown as code.
type Code string
