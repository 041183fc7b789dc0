package web

import (
	"context"
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/mail"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// forgotForm shows the Forgot password form.
func (s *Server) forgotForm(c echo.Context) error {
	return s.renderForgot(c, http.StatusOK, views.ForgotPassword{})
}

func (s *Server) renderForgot(c echo.Context, status int, p views.ForgotPassword) error {
	p.Shell = s.shell(c, "Forgot password")
	p.Shell.User = nil
	p.NoMail = s.mail == nil
	return s.render(c, status, views.ForgotPasswordPage(p), nil)
}

// forgot takes a request for a reset link. The answer is the same, in words and in time,
// whether or not the address has an account: the lookup, the link and the email happen after
// the response. Requests are limited per address and per client, counted for every address.
func (s *Server) forgot(c echo.Context) error {
	email := strings.ToLower(strings.TrimSpace(c.FormValue("email")))
	if s.mail == nil {
		return s.renderForgot(c, http.StatusServiceUnavailable, views.ForgotPassword{Email: email})
	}
	if err := mail.CheckAddress(email); err != nil {
		return s.renderForgot(c, http.StatusUnprocessableEntity, views.ForgotPassword{Email: email,
			Error: "Enter the email you sign in with, such as ana@example.com."})
	}
	ok, err := s.allowLink(c, email)
	if err != nil {
		return err
	}
	if !ok {
		return s.renderForgot(c, http.StatusTooManyRequests, views.ForgotPassword{Email: email, Error: linkRequestsTooMany})
	}
	s.inBackground(func(ctx context.Context) error {
		u, err := s.store.UserByEmail(ctx, email)
		if errors.Is(err, fault.ErrNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		return s.mailLink(ctx, u, u, store.Reset)
	})
	return s.renderForgot(c, http.StatusOK, views.ForgotPassword{Email: email, Sent: true})
}
