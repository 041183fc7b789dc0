package web

import (
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// Keys of the values middleware leaves in the echo context.
const (
	userContextKey  = "creditdesk.user"
	scopeContextKey = "creditdesk.scope"
)

// currentUser returns the signed-in user, or nil.
func currentUser(c echo.Context) *store.User {
	u, _ := c.Get(userContextKey).(*store.User)
	return u
}

// csrfToken returns the token forms and hx-headers must send back.
func csrfToken(c echo.Context) string {
	t, _ := c.Get(csrfContextKey).(string)
	return t
}

// shell returns the page frame every full page needs, for the signed-in user if any.
func (s *Server) shell(c echo.Context, title string) views.Shell {
	sh := views.Shell{Title: title, CSRF: csrfToken(c)}
	if u := currentUser(c); u != nil {
		sh.Self = c.Request().URL.RequestURI()
		sh.User = &views.User{Name: u.Name, Email: u.Email}
		sh.BenefitsHref = s.benefitsLink(c, u)
	}
	return sh
}

// urlQueryEscape escapes a value for a query string.
func urlQueryEscape(v string) string { return url.QueryEscape(v) }
