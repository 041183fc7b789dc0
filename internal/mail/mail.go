// Package mail sends CreditDesk's emails (invitations, password resets, alerts) through an SMTP
// server with github.com/wneessen/go-mail. A Message carries a plain-text and an HTML part;
// the views render both, this package only delivers them.
package mail

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
)

// Message is one email: its recipients, subject and the two renderings of its body.
type Message struct {
	To      []string // the recipients' addresses, at least one
	Subject string
	Text    string // the plain-text part
	HTML    string // the HTML part; "" sends the plain text alone
}

// Sender delivers messages. SMTP is the implementation that reaches a mail server; a program
// without SMTP configured has no Sender (nil) and says so rather than pretending to send.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// ErrInvalidMessage wraps every reason a Message is refused before anything is sent.
var ErrInvalidMessage = errors.New("mail: invalid message")

// Validate checks a message before sending: recipients that parse as plain addresses, a subject
// on one line, a text part.
func (m Message) Validate() error {
	if len(m.To) == 0 {
		return fmt.Errorf("%w: no recipient", ErrInvalidMessage)
	}
	for _, to := range m.To {
		if err := CheckAddress(to); err != nil {
			return fmt.Errorf("%w: recipient %q: %w", ErrInvalidMessage, to, err)
		}
	}
	if strings.TrimSpace(m.Subject) == "" || strings.ContainsAny(m.Subject, "\r\n") {
		return fmt.Errorf("%w: the subject must be one non-empty line", ErrInvalidMessage)
	}
	if strings.TrimSpace(m.Text) == "" {
		return fmt.Errorf("%w: no text part", ErrInvalidMessage)
	}
	return nil
}

// CheckAddress accepts a bare email address ("ana@example.com"), the only form CreditDesk stores
// and sends to: no display name, no angle brackets, no comments, at most 254 characters.
func CheckAddress(s string) error {
	if s == "" {
		return errors.New("must not be empty")
	}
	if len(s) > 254 {
		return errors.New("must be at most 254 characters")
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return errors.New("must be an email address such as ana@example.com")
	}
	if _, domain, _ := strings.Cut(s, "@"); !strings.Contains(domain, ".") && domain != "localhost" {
		return errors.New("must be an email address such as ana@example.com")
	}
	return nil
}
