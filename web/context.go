package web

import (
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
	"github.com/creditdesk/creditdesk/web/ctxkey"
)

// The values the portal's middleware leaves in the echo context.
var (
	userKey    = ctxkey.Key[*store.User]("creditdesk.user")       // loadUser: the signed-in user
	scopeKey   = ctxkey.Key[scopeContext]("creditdesk.scope")     // authorize: the route's scope
	partnerKey = ctxkey.Key[partnerContext]("creditdesk.partner") // authorizePartner: the organisation
	csrfKey    = ctxkey.Key[string]("csrf")                       // csrf: the token forms send back
)

// currentUser returns the signed-in user, or nil.
func currentUser(c echo.Context) *store.User { return userKey.Get(c) }

// csrfToken returns the token forms and hx-headers must send back.
func csrfToken(c echo.Context) string { return csrfKey.Get(c) }

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
