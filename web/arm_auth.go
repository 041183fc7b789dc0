package web

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/arm"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/store"
)

// isAPIRequest reports whether a request is for the ARM API: its path is under /providers/, the
// prefix of every route whose Rule has API set (routes_test checks that the two agree).
func isAPIRequest(c echo.Context) bool { return arm.IsAPIPath(c.Request().URL.Path) }

// canonicalARMPath runs before routing: it rewrites the literal segments of an ARM path to their
// canonical case, since ARM matches them case-insensitively (contract §1.2). An account name
// sent with ":" or "%3A" is left as sent; resolveScope unescapes it.
func canonicalARMPath(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		u := c.Request().URL
		if canon, changed := arm.Canonical(u.EscapedPath()); changed {
			if p, err := url.PathUnescape(canon); err == nil {
				if u.RawPath != "" {
					u.RawPath = canon
				}
				u.Path = p
			}
		}
		return next(c)
	}
}

// errNoRole is a scope that exists but the caller holds no role on. The portal answers it as
// errNoScope (404, M3), which it wraps; the API answers 403 AuthorizationFailed, as ARM does.
var errNoRole = fmt.Errorf("no role on the scope: %w", errNoScope)

// authenticateToken makes the bearer token's user the caller of an API request (M3: a token acts
// with its user's roles), after checking that the token is known, not revoked, not expired and
// within its rate limit. The session cookie is never read on the API (loadUser skips it).
func (s *Server) authenticateToken(c echo.Context) error {
	secret, ok := bearerToken(c.Request().Header.Get(echo.HeaderAuthorization))
	if !ok {
		return arm.AuthenticationFailed("The request has no 'Authorization: Bearer <token>' header: create a personal API token on the Tokens page.")
	}
	ctx := c.Request().Context()
	tok, user, err := s.store.TokenBySecret(ctx, secret)
	switch {
	case errors.Is(err, fault.ErrNotFound):
		return arm.AuthenticationFailed("The access token is not valid.")
	case err != nil:
		return err
	case tok.RevokedAt != nil:
		return arm.AuthenticationFailed("The access token was revoked.")
	case tok.ExpiresAt != nil && !s.wallTime().Before(*tok.ExpiresAt):
		return arm.AuthenticationFailed("The access token expired at " + tok.ExpiresAt.UTC().Format("2006-01-02T15:04:05Z") + ".")
	}
	if err := s.limitAPI(c, tok.ID); err != nil {
		return err
	}
	if _, err := s.store.TouchToken(ctx, tok, s.wallTime()); err != nil {
		s.log.Warn("record token use", "request_id", requestID(c), "error", err) // the request itself is fine
	}
	c.Set(userContextKey, &user)
	return nil
}

// bearerToken returns the token of an "Authorization: Bearer <token>" header.
func bearerToken(header string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	token = strings.TrimSpace(token)
	return token, ok && strings.EqualFold(scheme, "Bearer") && token != ""
}

// reachScope resolves the account of a Reach rule for a caller with no role on the account
// itself: the roles held on its profiles stand in, so the list shows the profiles reached (M3).
func (s *Server) reachScope(c echo.Context) (scopeContext, error) {
	ctx := c.Request().Context()
	name, err := url.PathUnescape(c.Param("account"))
	if err != nil {
		return scopeContext{}, errNoScope
	}
	account, err := s.store.AccountByName(ctx, name)
	if err != nil {
		return scopeContext{}, notFoundAs(err, errNoScope)
	}
	g, err := s.store.GrantsBelow(ctx, currentUser(c).ID, account.ID)
	if err != nil {
		return scopeContext{}, err
	}
	if !g.Any() {
		return scopeContext{}, errNoRole
	}
	return scopeContext{Scope: store.Scope{Account: account}, Grants: g}, nil
}

// ruleScope resolves the scope of a route's path for authorize: a Reach rule falls back to the
// roles held on the account's profiles when the caller holds none on the account.
func (s *Server) ruleScope(c echo.Context, rule Rule) (scopeContext, error) {
	sc, err := s.resolveScope(c)
	if rule.Reach && errors.Is(err, errNoRole) {
		return s.reachScope(c)
	}
	return sc, err
}
