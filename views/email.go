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

// plainText writes lines of a text/plain email part as they are, one per line: the part is not
// HTML, so nothing is escaped, and templ's markup rules (which join lines) do not apply.
func plainText(lines ...string) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		_, err := io.WriteString(w, strings.Join(lines, "\n")+"\n")
		return err
	})
}
