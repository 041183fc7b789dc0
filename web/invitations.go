package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// linkTime formats a one-time link's times (wall clock, UTC) for pages and emails.
func linkTime(t time.Time) string { return t.UTC().Format("2 January 2006 15:04 UTC") }

// invite emails the invitation of u, who was just added by the signed-in user, and returns the
// sentence the page adds to its message: sent, not sent for lack of a mail server, or failed.
func (s *Server) invite(c echo.Context, u store.User) (string, error) {
	if s.mail == nil {
		return fmt.Sprintf(" Invitations cannot be sent: this installation has no mail server; an operator passes %s a link with `creditdesk users invite`.", u.Email), nil
	}
	ok, err := s.allowLink(c, u.Email)
	if err != nil {
		return "", err
	}
	if !ok {
		return " " + linkRequestsTooMany, nil
	}
	if err := s.mailLink(c.Request().Context(), *currentUser(c), u, store.Invitation); err != nil {
		s.log.Error("send invitation", "request_id", requestID(c), "user_id", u.ID, "error", err)
		return fmt.Sprintf(" The invitation to %s could not be sent; try Resend invitation later.", u.Email), nil
	}
	return fmt.Sprintf(" An invitation to choose a password was sent to %s.", u.Email), nil
}

// invitedHolder is the holder of the pane's benefit while they have no password.
func (s *Server) invitedHolder(ctx context.Context, c echo.Context) (store.User, error) {
	d, err := s.store.BenefitOfPartner(ctx, currentPartner(c).ID, benefitParam(c))
	if err != nil {
		return store.User{}, err
	}
	if d.Benefit.AssignedTo == "" {
		return store.User{}, fault.Field("benefit", "This benefit has no user to invite.")
	}
	u, err := s.store.UserByEmail(ctx, d.Benefit.AssignedTo)
	if err != nil {
		return store.User{}, err
	}
	if u.HasPassword() {
		return store.User{}, fault.Field("benefit", u.Email+" has a password already: they sign in as usual, or use Forgot password.")
	}
	return u, nil
}

// invitationResend sends the holder of the benefit a new invitation; the earlier link stops
// working.
func (s *Server) invitationResend(c echo.Context) error {
	u, err := s.invitedHolder(c.Request().Context(), c)
	if err != nil {
		return s.invitationResult(c, err, "")
	}
	if s.mail == nil {
		return s.invitationResult(c, fault.Field("benefit", "Invitations cannot be sent: this installation has no mail server."), "")
	}
	done, err := s.invite(c, u)
	if err != nil {
		return err
	}
	return s.invitationResult(c, nil, strings.TrimSpace(done))
}

// invitationRevoke makes the holder's pending invitation stop working.
func (s *Server) invitationRevoke(c echo.Context) error {
	ctx := c.Request().Context()
	u, err := s.invitedHolder(ctx, c)
	if err == nil {
		err = s.store.RevokeInvitation(ctx, *currentUser(c), u)
		if errors.Is(err, fault.ErrNotFound) {
			err = fault.Field("benefit", "No invitation to "+u.Email+" is pending.")
		}
	}
	return s.invitationResult(c, err, "The invitation to "+u.Email+" was revoked: its link no longer works.")
}

// invitationResult refreshes the Activate benefits tab with what happened to the invitation.
func (s *Server) invitationResult(c echo.Context, err error, done string) error {
	v, invalid := fault.AsInvalid(err)
	switch {
	case errors.Is(err, fault.ErrNotFound):
		return errNoBenefit
	case err != nil && !invalid:
		return err
	case err == nil && !htmxOf(c.Request()).Fragment():
		if err := s.addFlash(c, done); err != nil {
			return err
		}
		return seeOther(c, paneTabHref(s.links.benefit(currentPartner(c).ExternalID, benefitParam(c)), "activate",
			listStateOf(c.QueryParam(listParam)).query()))
	}
	p, perr := s.paneProps(c, "activate", "")
	if perr != nil {
		return perr
	}
	status := http.StatusOK
	p.Flash = done
	if invalid {
		status, p.Flash, p.FlashError = http.StatusUnprocessableEntity, v.For("benefit"), true
	}
	return s.render(c, status, views.BenefitPanePage(p), views.BenefitPaneFragment(p))
}
