package web

import (
	"bytes"
	"context"
	"errors"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/mail"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// Limits on the one-time links asked for within linkWindow: per address mailed (so that no
// mailbox is flooded) and per client (so that no one sprays the server).
const (
	linkWindow          = time.Hour
	maxLinksPerEmail    = 3
	maxLinksPerClient   = 20
	linkRequestsTooMany = "Too many links were asked for. Wait an hour and try again."
)

// errNoMail says that no SMTP server is configured, so a link cannot be emailed.
var errNoMail = errors.New("no mail server is configured")

// SetPasswordPath is where a one-time link leads: the secret follows.
const SetPasswordPath = "/password/set/"

// allowLink counts a request for a link to email from this client and reports whether it is
// within the limits. The count is taken whether or not the address has an account.
func (s *Server) allowLink(c echo.Context, email string) (bool, error) {
	ctx := c.Request().Context()
	since := s.wallTime().Add(-linkWindow)
	byEmail, byClient, err := s.store.LinkRequests(ctx, email, clientAddress(c), since)
	if err != nil {
		return false, err
	}
	if byEmail >= maxLinksPerEmail || byClient >= maxLinksPerClient {
		return false, nil
	}
	return true, s.store.RecordLinkRequest(ctx, email, clientAddress(c), since)
}

// mailLink issues a one-time link of purpose to u and emails it; without a mail server it issues
// nothing and answers errNoMail. actor is who asked (the user themself for a reset).
func (s *Server) mailLink(ctx context.Context, actor, u store.User, purpose store.LinkPurpose) error {
	if s.mail == nil {
		return errNoMail
	}
	secret, tok, err := s.store.IssueLink(ctx, actor, u, purpose)
	if err != nil {
		return err
	}
	link, ok := s.cfg.Link(SetPasswordPath + secret)
	if !ok {
		return errNoMail // config requires -public-url with -smtp-host
	}
	p := views.LinkEmail{Invitation: purpose == store.Invitation, Name: u.Name, Email: u.Email, InvitedBy: actor.Name,
		Link: link, Expires: tok.ExpiresAt.UTC().Format("2 January 2006 15:04 UTC")}
	if p.InvitedBy == "" {
		p.InvitedBy = actor.Email
	}
	var text, html bytes.Buffer
	if err := views.LinkEmailText(p).Render(ctx, &text); err != nil {
		return err
	}
	if err := views.LinkEmailHTML(p).Render(ctx, &html); err != nil {
		return err
	}
	return s.mail.Send(ctx, mail.Message{To: []string{u.Email}, Subject: p.Subject(), Text: text.String(), HTML: html.String()})
}

// inBackground runs fn after the response, so that its duration tells the client nothing (a
// reset for an unknown address takes as long as one for a known address); WaitBackground waits
// for it.
func (s *Server) inBackground(fn func(ctx context.Context) error) {
	s.background.Add(1)
	go func() {
		defer s.background.Done()
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if err := fn(ctx); err != nil {
			s.log.Error("background mail", "error", err)
		}
	}()
}

// WaitBackground waits until the emails sent in the background have gone or failed (shutdown,
// and tests that check that nothing was sent).
func (s *Server) WaitBackground() { s.background.Wait() }
