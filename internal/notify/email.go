package notify

import (
	"bytes"
	"context"
	"fmt"

	"github.com/creditdesk/creditdesk/internal/alerts"
	"github.com/creditdesk/creditdesk/internal/mail"
	"github.com/creditdesk/creditdesk/views"
)

// mailEvent emails an event to a user, written by the alert email views.
func (s *Service) mailEvent(ctx context.Context, userID int64, ev alerts.Event) error {
	if s.o.Mailer == nil {
		return errNoMailer
	}
	u, err := s.o.Store.UserByID(ctx, userID)
	if err != nil {
		return err
	}
	p := views.AlertEmail{Data: ev.Data}
	var html bytes.Buffer
	if err := views.AlertEmailHTML(p).Render(ctx, &html); err != nil {
		return fmt.Errorf("render alert email: %w", err)
	}
	return s.o.Mailer.Send(ctx, mail.Message{To: []string{u.Email}, Subject: views.EmailSubject(ev.Data),
		HTML: html.String(), Text: views.AlertEmailText(p)})
}

// SendTest emails a test message to the user (the Notifications page's button).
func (s *Service) SendTest(ctx context.Context, to string, name string) error {
	if s.o.Mailer == nil {
		return errNoMailer
	}
	p := views.TestEmail{Name: name, Link: s.o.PublicURL + "/notifications"}
	var text, html bytes.Buffer
	if err := views.TestEmailText(p).Render(ctx, &text); err != nil {
		return fmt.Errorf("render test email: %w", err)
	}
	if err := views.TestEmailHTML(p).Render(ctx, &html); err != nil {
		return fmt.Errorf("render test email: %w", err)
	}
	return s.o.Mailer.Send(ctx, mail.Message{To: []string{to}, Subject: views.TestEmailSubject, HTML: html.String(), Text: text.String()})
}
