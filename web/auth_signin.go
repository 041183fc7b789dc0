package web

import (
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/password"
	"github.com/creditdesk/creditdesk/views"
)

// Limits on failed sign-ins within signInWindow: per account (against guessing one password)
// and per client address (against trying many accounts). They are counted in the database, so
// they hold across instances.
const (
	signInWindow       = 15 * time.Minute
	maxFailsPerEmail   = 5
	maxFailsPerAddress = 50
)

// signInForm shows the sign-in page; a signed-in user goes home instead.
func (s *Server) signInForm(c echo.Context) error {
	if currentUser(c) != nil {
		return seeOther(c, "/")
	}
	return s.renderSignIn(c, http.StatusOK, "", "")
}

func (s *Server) renderSignIn(c echo.Context, status int, email, msg string) error {
	p := views.SignIn{Shell: s.shell(c, "Sign in"), Email: email, Error: msg, Demo: s.demo, Next: c.QueryParam("next")}
	p.Shell.User = nil
	return s.render(c, status, views.SignInPage(p), nil)
}

// signIn checks the email and password and starts a new session. The answer to a wrong email
// and to a wrong password is the same, in words and in time.
func (s *Server) signIn(c echo.Context) error {
	ctx := c.Request().Context()
	email := strings.ToLower(strings.TrimSpace(c.FormValue("email")))
	pw := c.FormValue("password")
	if email == "" || pw == "" || len(email) > 254 || len(pw) > password.MaxLength {
		return s.renderSignIn(c, http.StatusUnprocessableEntity, email, "Enter your email and your password.")
	}
	address := clientAddress(c)
	byEmail, byAddress, err := s.store.SignInFailures(ctx, email, address, s.wallTime().Add(-signInWindow))
	if err != nil {
		return err
	}
	if byEmail >= maxFailsPerEmail || byAddress >= maxFailsPerAddress {
		s.metrics.Login(false)
		return s.renderSignIn(c, http.StatusTooManyRequests, email,
			"Too many failed sign-ins. Wait 15 minutes and try again, or ask an operator to reset your password.")
	}
	u, err := s.store.UserByEmail(ctx, email)
	hash := u.PasswordHash
	if err != nil {
		hash = s.dummyHash
	}
	if verr := password.Verify(pw, hash); err != nil || verr != nil {
		if verr != nil && !errors.Is(verr, password.ErrMismatch) {
			s.log.Error("verify password", "user_id", u.ID, "error", verr)
		}
		if err := s.store.RecordSignInFailure(ctx, email, address); err != nil {
			return err
		}
		s.metrics.Login(false)
		return s.renderSignIn(c, http.StatusUnauthorized, email, "The email or password is not correct.")
	}
	if err := s.store.ClearSignInFailures(ctx, email, s.wallTime().Add(-signInWindow)); err != nil {
		return err
	}
	if err := s.startSession(c, u); err != nil {
		return err
	}
	s.metrics.Login(true)
	s.log.Info("signed in", "request_id", requestID(c), "user_id", u.ID)
	return seeOther(c, safeNext(c.QueryParam("next")))
}

// signOut ends the session.
func (s *Server) signOut(c echo.Context) error {
	if err := s.endSession(c); err != nil {
		return err
	}
	return seeOther(c, s.links.to(routeSignIn))
}

// safeNext keeps a post-sign-in destination only when it is a clean path of this site, and
// answers "/" otherwise: it must start with a single slash ("//x" and "/\x" name another
// host to a browser) and hold only printable ASCII without a backslash (browsers drop tabs and
// line breaks, so a tab in "/<tab>/evil.example" would leave "//evil.example", and read a
// backslash as a slash), and parse as a path without scheme or host.
func safeNext(next string) string {
	if len(next) == 0 || len(next) > maxNextLength || next[0] != '/' || (len(next) > 1 && next[1] == '/') {
		return "/"
	}
	for i := 0; i < len(next); i++ {
		if b := next[i]; b <= ' ' || b >= 0x7f || b == '\\' {
			return "/"
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return "/"
	}
	return next
}

// maxNextLength bounds a post-sign-in destination; the portal's own paths are far shorter.
const maxNextLength = 2048

// clientAddress is the caller's IP address as echo sees it (the direct peer unless a proxy
// header is trusted by configuration).
func clientAddress(c echo.Context) string {
	host, _, err := net.SplitHostPort(c.Request().RemoteAddr)
	if err != nil {
		return c.Request().RemoteAddr
	}
	return host
}
