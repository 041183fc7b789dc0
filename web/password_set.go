package web

import (
	"errors"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/password"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// setPasswordForm shows the form behind a one-time link, or says that the link does not work.
func (s *Server) setPasswordForm(c echo.Context) error {
	tok, u, err := s.store.LinkUser(c.Request().Context(), c.Param("token"))
	if errors.Is(err, store.ErrLinkInvalid) {
		return s.renderSetPassword(c, http.StatusNotFound, views.SetPassword{Invalid: true})
	}
	if err != nil {
		return err
	}
	return s.renderSetPassword(c, http.StatusOK, views.SetPassword{Invitation: tok.Purpose == store.Invitation, Email: u.Email})
}

func (s *Server) renderSetPassword(c echo.Context, status int, p views.SetPassword) error {
	p.Shell = s.shell(c, "Choose a password")
	p.Shell.User = nil
	p.Action = SetPasswordPath + c.Param("token")
	// The secret is in the path: the page is never stored and never named in a Referer.
	c.Response().Header().Set("Referrer-Policy", "no-referrer")
	return s.render(c, status, views.SetPasswordPage(p), nil)
}

// setPassword spends a one-time link on the password chosen: the user's sessions end (a reset
// signs out whoever knew the old one) and a new one starts here.
func (s *Server) setPassword(c echo.Context) error {
	ctx := c.Request().Context()
	tok, u, err := s.store.LinkUser(ctx, c.Param("token"))
	if errors.Is(err, store.ErrLinkInvalid) {
		return s.renderSetPassword(c, http.StatusNotFound, views.SetPassword{Invalid: true})
	}
	if err != nil {
		return err
	}
	form := views.SetPassword{Invitation: tok.Purpose == store.Invitation, Email: u.Email}
	pw := c.FormValue("password")
	if msg := password.Check(pw); msg != "" {
		form.Error = "The password " + msg + "."
	} else if pw != c.FormValue("confirm") {
		form.Error = "The two passwords differ."
	}
	if form.Error != "" {
		return s.renderSetPassword(c, http.StatusUnprocessableEntity, form)
	}
	hash, err := s.passwords.Hash(pw)
	if err != nil {
		return err
	}
	u, err = s.store.UseLink(ctx, c.Param("token"), hash)
	if errors.Is(err, store.ErrLinkInvalid) { // used in the meantime
		return s.renderSetPassword(c, http.StatusNotFound, views.SetPassword{Invalid: true})
	}
	if err != nil {
		return err
	}
	if err := s.startSession(c, u); err != nil {
		return err
	}
	s.log.Info("password set by link", "request_id", requestID(c), "user_id", u.ID, "purpose", tok.Purpose)
	return seeOther(c, "/")
}
