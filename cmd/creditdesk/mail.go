package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/creditdesk/creditdesk/internal/mail"
	"github.com/creditdesk/creditdesk/views"
)

// mailCommand runs `creditdesk mail test -to ADDRESS`: it sends a test email through the
// configured SMTP server, so that an operator sees the settings work before anyone needs them.
func mailCommand(ctx context.Context, args []string, env func(string) (string, bool), out io.Writer) error {
	if len(args) == 0 || args[0] != "test" {
		return errors.New("usage: creditdesk mail test -to ADDRESS")
	}
	var to string
	cmd, err := parseNoArgs("mail test", args[1:], env, out, func(fs *flag.FlagSet) {
		fs.StringVar(&to, "to", "", "the address to send the test email to (required)")
	})
	if err != nil {
		return err
	}
	to = strings.TrimSpace(to)
	if err := mail.CheckAddress(to); err != nil {
		return fmt.Errorf("-to %q: %w", to, err)
	}
	sender, err := mail.FromSettings(cmd.cfg.SMTP)
	if err != nil {
		return err
	}
	if sender == nil {
		return errors.New("no mail server is configured: set -smtp-host ($CREDITDESK_SMTP_HOST) and the other -smtp-* settings (README: Email)")
	}
	at := time.Now().UTC().Format(time.RFC1123)
	p := views.TestEmail{SentBy: cmd.cfg.SMTP.From, SentAt: at}
	var text, html bytes.Buffer
	if err := views.TestEmailText(p).Render(ctx, &text); err != nil {
		return err
	}
	if err := views.TestEmailHTML(p).Render(ctx, &html); err != nil {
		return err
	}
	msg := mail.Message{To: []string{to}, Subject: views.TestEmailSubject, Text: text.String(), HTML: html.String()}
	if err := sender.Send(ctx, msg); err != nil {
		return err
	}
	fmt.Fprintf(out, "test email sent to %s through %s:%d\n", to, cmd.cfg.SMTP.Host, cmd.cfg.SMTP.Port)
	return nil
}
