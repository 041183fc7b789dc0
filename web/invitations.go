package web

import (
	"context"
	"errors"
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
func (s *Server) invite(c echo.Context, u store.User) (fault.Message, error) {
	if s.mail == nil {
		return fault.Say(views.KeyInviteNoMail, fault.Email(u.Email), fault.Code("creditdesk users invite")), nil
	}
	ok, err := s.allowLink(c, u.Email)
	if err != nil {
		return fault.Message{}, err
	}
	if !ok {
		return fault.Text(linkRequestsTooMany), nil
	}
	if err := s.mailLink(c.Request().Context(), *currentUser(c), u, store.Invitation); err != nil {
		s.log.Error("send invitation", "request_id", requestID(c), "user_id", u.ID, "error", err)
		return fault.Say(views.KeyInviteFailed, fault.Email(u.Email)), nil
	}
	return fault.Say(views.KeyInviteSent, fault.Email(u.Email)), nil
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
// working. Like every change made in the pane, it is answered by paneResult.
func (s *Server) invitationResend(c echo.Context) error {
	u, err := s.invitedHolder(c.Request().Context(), c)
	if err != nil {
		return s.paneResult(c, err, fault.Message{}, views.BenefitPane{})
	}
	if s.mail == nil {
		return s.paneResult(c, fault.Field("benefit", "Invitations cannot be sent: this installation has no mail server."), fault.Message{}, views.BenefitPane{})
	}
	done, err := s.invite(c, u)
	if err != nil {
		return err
	}
	return s.paneResult(c, nil, done, views.BenefitPane{})
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
	return s.paneResult(c, err, fault.Say(views.KeyInviteRevoked, fault.Email(u.Email)), views.BenefitPane{})
}
