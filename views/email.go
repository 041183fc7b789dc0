package views

import (
	"context"
	"io"
	"strings"

	"github.com/a-h/templ"
)

// LinkEmail is an email carrying a one-time link: an invitation (someone added the recipient)
// or a password reset (the recipient asked for it).
type LinkEmail struct {
	Invitation bool   // an invitation; otherwise a password reset
	Name       string // the recipient's name
	Email      string // the recipient's address, which they sign in with
	InvitedBy  string // who added them (an invitation)
	Link       string // the absolute one-time link
	Expires    string // when the link stops working, formatted
}

// Subject is the email's subject line.
func (p LinkEmail) Subject() string {
	if p.Invitation {
		return "You are invited to CreditDesk"
	}
	return "Reset your CreditDesk password"
}

// TestEmailSubject is the subject of the test email.
const TestEmailSubject = "CreditDesk test email"

// TestEmail is the test email: the Notifications page's button sends it to the signed-in user
// with a link back to the page; `creditdesk mail test` sends it to any address, saying which
// sender sent it when.
type TestEmail struct {
	Name   string // the recipient's name; "" for an address alone
	SentBy string // the From address the operator tests; "" from the page
	SentAt string
	Link   string // the Notifications page; "" for none
}

// sentence is the test email's first sentence.
func (p TestEmail) sentence() string {
	if p.SentBy != "" {
		return "This is a test email from CreditDesk, sent by " + p.SentBy + " at " + p.SentAt + "."
	}
	return "This is a test email from CreditDesk."
}

// lines are the plain-text part of the test email.
func (p TestEmail) lines() []string {
	var out []string
	if p.Name != "" {
		out = append(out, "Hello "+p.Name+",", "")
	}
	out = append(out, p.sentence(), "If you read it, invitations, password resets and alerts can reach you at this address.")
	if p.Link != "" {
		out = append(out, "", "Your notifications: "+p.Link)
	}
	return out
}

// plainText writes lines of a text/plain email part as they are, one per line: the part is not
// HTML, so nothing is escaped, and templ's markup rules (which join lines) do not apply.
func plainText(lines ...string) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		_, err := io.WriteString(w, strings.Join(lines, "\n")+"\n")
		return err
	})
}
