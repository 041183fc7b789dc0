package web

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"time"

	"github.com/gorilla/sessions"
	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// sessionName is the session cookie's name.
const sessionName = "creditdesk_session"

// sessionLifetime is how long a sign-in lasts.
const sessionLifetime = 12 * time.Hour

// Session values. The cookie holds only the user id, when the session started, and a
// fingerprint of the password hash so that changing a password ends every other session.
const (
	keyUserID      = "uid"
	keyStarted     = "iat"
	keyFingerprint = "pwf"
	keyEpoch       = "epo"
)

// newSessionStore returns a cookie store authenticating cookies with key (HMAC-SHA256).
func newSessionStore(key []byte, secure bool) *sessions.CookieStore {
	cs := sessions.NewCookieStore(key)
	cs.Options = &sessions.Options{
		Path:     "/",
		MaxAge:   int(sessionLifetime.Seconds()),
		HttpOnly: true,
		Secure:   secure,
		SameSite: http.SameSiteLaxMode,
	}
	return cs
}

// fingerprint is a short digest of a password hash.
func fingerprint(passwordHash string) string {
	sum := sha256.Sum256([]byte(passwordHash))
	return hex.EncodeToString(sum[:8])
}

// loadUser reloads the signed-in user from the database on every request, so that a removed
// user or a changed password takes effect at once. A bad or stale cookie, or a user who no
// longer exists, means anonymous. A database that cannot answer is not a reason to sign anyone
// out: the request fails (503, fault.ErrUnavailable) and the cookie stays as it is. The probes
// need no user and never wait on the database (static files are served outside the portal's
// group, the API reads no cookie).
func (s *Server) loadUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if needsNoUser(c.Request().URL.Path) {
			return next(c)
		}
		sess, err := s.sessions.Get(c.Request(), sessionName)
		if err != nil || sess.IsNew {
			return next(c)
		}
		id, _ := sess.Values[keyUserID].(int64)
		started, _ := sess.Values[keyStarted].(int64)
		fp, _ := sess.Values[keyFingerprint].(string)
		epoch, _ := sess.Values[keyEpoch].(int64)
		if id == 0 || s.wallTime().Sub(time.Unix(started, 0)) > sessionLifetime {
			return next(c)
		}
		u, err := s.store.UserByID(c.Request().Context(), id)
		switch {
		case errors.Is(err, fault.ErrNotFound):
			return next(c) // the user was removed: anonymous
		case err != nil:
			return err
		case fingerprint(u.PasswordHash) != fp || u.SessionEpoch != epoch:
			return next(c) // the password changed or the user signed out everywhere
		}
		userKey.Set(c, &u)
		return next(c)
	}
}

// needsNoUser reports whether a path is served the same to everyone: the liveness and
// readiness probes.
func needsNoUser(path string) bool { return path == "/healthz" || path == "/readyz" }

// startSession signs the user in with a brand-new session cookie and a new CSRF token, so that
// nothing set before sign-in (session fixation) survives it.
func (s *Server) startSession(c echo.Context, u store.User) error {
	sess := sessions.NewSession(s.sessions, sessionName)
	opts := *s.sessions.Options
	sess.Options = &opts
	sess.IsNew = true
	sess.Values[keyUserID] = u.ID
	sess.Values[keyStarted] = s.wallTime().Unix()
	sess.Values[keyFingerprint] = fingerprint(u.PasswordHash)
	sess.Values[keyEpoch] = u.SessionEpoch
	s.expireCookie(c, csrfCookie)
	return sess.Save(c.Request(), c.Response())
}

// endSession signs the user out: the cookies expire in the browser, and the user's session epoch
// moves on, so that a copy of the cookie is worthless too (every session of the user ends).
func (s *Server) endSession(c echo.Context) error {
	s.expireCookie(c, sessionName)
	s.expireCookie(c, csrfCookie)
	return s.store.EndSessions(c.Request().Context(), currentUser(c).ID)
}

func (s *Server) expireCookie(c echo.Context, name string) {
	c.SetCookie(&http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: s.secureCookies(), SameSite: http.SameSiteLaxMode})
}

// flashKey is the session's list of one-time messages shown after a redirect.
const flashKey = "flash"

// addFlash keeps a message for the next page the user sees (post/redirect/get without htmx).
func (s *Server) addFlash(c echo.Context, msg string) error {
	return s.addSaid(c, fault.Text(msg))
}

// addSaid is addFlash for a message, kept with its values' types so that the next page formats
// them for its reader.
func (s *Server) addSaid(c echo.Context, m fault.Message) error {
	sess, err := s.sessions.Get(c.Request(), sessionName)
	if err != nil {
		return err
	}
	enc, err := store.EncodeMessage(m)
	if err != nil {
		return err
	}
	sess.AddFlash(enc, flashKey)
	return sess.Save(c.Request(), c.Response())
}

// takeFlash returns and forgets the pending message in plain words, "" when there is none.
func (s *Server) takeFlash(c echo.Context) string {
	return views.Text(s.takeSaid(c))
}

// takeSaid returns and forgets the pending message, the zero message when there is none.
func (s *Server) takeSaid(c echo.Context) fault.Message {
	sess, err := s.sessions.Get(c.Request(), sessionName)
	if err != nil {
		return fault.Message{}
	}
	flashes := sess.Flashes(flashKey)
	if len(flashes) == 0 {
		return fault.Message{}
	}
	if err := sess.Save(c.Request(), c.Response()); err != nil {
		s.log.Warn("save session", "error", err)
	}
	enc, _ := flashes[len(flashes)-1].(string)
	m, err := store.DecodeMessage(enc)
	if err != nil {
		s.log.Warn("read flash", "error", err)
		return fault.Message{}
	}
	return m
}
