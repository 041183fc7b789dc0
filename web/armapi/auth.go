package armapi

import (
	"errors"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/arm"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/web/ctxkey"
)

// The values the API's middleware leaves in the echo context.
var (
	callerKey = ctxkey.Key[*store.User]("creditdesk.api.caller") // authenticate: the token's user
	scopeKey  = ctxkey.Key[store.Scope]("creditdesk.api.scope")  // authorize: the route's scope
)

// Caller returns the user whose bearer token authenticated an API request, or nil.
func Caller(c echo.Context) *store.User { return callerKey.Get(c) }

// scopeOf returns the scope authorize resolved for the route.
func scopeOf(c echo.Context) store.Scope { return scopeKey.Get(c) }

// authenticate makes the bearer token's user the caller (M3: a token acts with its user's roles),
// after checking that the token is known, not revoked, not expired and within its rate limit.
// The session cookie is never read.
func (a *API) authenticate(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		secret, ok := bearerToken(c.Request().Header.Get(echo.HeaderAuthorization))
		if !ok {
			return arm.AuthenticationFailed("The request has no 'Authorization: Bearer <token>' header: create a personal API token on the Tokens page.")
		}
		ctx := c.Request().Context()
		tok, user, err := a.store.TokenBySecret(ctx, secret)
		switch {
		case errors.Is(err, fault.ErrNotFound):
			return arm.AuthenticationFailed("The access token is not valid.")
		case err != nil:
			return err
		case tok.RevokedAt != nil:
			return arm.AuthenticationFailed("The access token was revoked.")
		case tok.ExpiresAt != nil && !a.wallTime().Before(*tok.ExpiresAt):
			return arm.AuthenticationFailed("The access token expired at " + tok.ExpiresAt.UTC().Format("2006-01-02T15:04:05Z") + ".")
		}
		if err := a.limit(c, tok.ID); err != nil {
			return err
		}
		if _, err := a.store.TouchToken(ctx, tok, a.wallTime()); err != nil {
			a.log.Warn("record token use", "request_id", requestID(c), "error", err) // the request itself is fine
		}
		callerKey.Set(c, &user)
		return next(c)
	}
}

// bearerToken returns the token of an "Authorization: Bearer <token>" header.
func bearerToken(header string) (string, bool) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	token = strings.TrimSpace(token)
	return token, ok && strings.EqualFold(scheme, "Bearer") && token != ""
}

// authorize enforces a route's permission on the scope named by the path. Unlike the portal,
// which answers 404 for both (M3), a scope that does not exist is 404 ResourceNotFound and one
// the caller may not read is 403 AuthorizationFailed, as ARM answers.
func (a *API) authorize(r Route) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if r.Permission == 0 {
				return next(c)
			}
			sc, g, err := a.resolve(c, r.Reach)
			if err != nil {
				return err
			}
			if !g.Can(r.Permission) {
				return a.denied(c)
			}
			scopeKey.Set(c, sc)
			return next(c)
		}
	}
}

// resolve finds the account (and profile) named by the path and the caller's grants on it. With
// reach, a caller holding no role on the account is granted what they hold on its profiles.
func (a *API) resolve(c echo.Context, reach bool) (store.Scope, access.Grants, error) {
	ctx := c.Request().Context()
	name, err := url.PathUnescape(c.Param("account"))
	if err != nil {
		return store.Scope{}, nil, notFoundScope(c)
	}
	userID := Caller(c).ID
	sc, g, err := a.store.ScopeGrants(ctx, userID, name, c.Param("profile")) // one statement
	if err != nil {
		return store.Scope{}, nil, notFoundAs(c, err)
	}
	if !g.Any() && reach {
		g, err = a.store.GrantsBelow(ctx, userID, sc.Account.ID)
	}
	if err != nil {
		return store.Scope{}, nil, err
	}
	if !g.Any() {
		return store.Scope{}, nil, a.denied(c)
	}
	return sc, g, nil
}

// denied is ARM's answer to a caller without the role a route needs on its scope.
func (a *API) denied(c echo.Context) error {
	return arm.AuthorizationFailed(Caller(c).Email, action(c.Path()), scopeID(c))
}

// notFoundAs answers a scope the store did not find as ARM does, and keeps any other error.
func notFoundAs(c echo.Context, err error) error {
	if errors.Is(err, fault.ErrNotFound) {
		return notFoundScope(c)
	}
	return err
}

// notFoundScope is the 404 of a billing scope that does not exist.
func notFoundScope(c echo.Context) error {
	return arm.NotFound("The billing scope '" + scopeID(c) + "' could not be found.")
}

// action names the ARM action of a route pattern, for AuthorizationFailed.
func action(route string) string {
	if _, rest, ok := strings.Cut(route, consumption+"/"); ok {
		kind, _, _ := strings.Cut(rest, "/")
		return "Microsoft.Consumption/" + kind + "/read"
	}
	if strings.Contains(route, "/billingProfiles") {
		return "Microsoft.Billing/billingAccounts/billingProfiles/read"
	}
	return "Microsoft.Billing/billingAccounts/read"
}

// scopeID is the ARM id of the scope named by the path parameters.
func scopeID(c echo.Context) string {
	acct, _ := url.PathUnescape(c.Param("account"))
	if p := c.Param("profile"); p != "" {
		return arm.ProfileID(acct, p)
	}
	return arm.AccountID(acct)
}

// CanonicalPath runs before routing: it rewrites the literal segments of an ARM path to their
// canonical case, since ARM matches them case-insensitively (contract §1.2). An account name
// sent with ":" or "%3A" is left as sent; resolve unescapes it.
func CanonicalPath(next echo.HandlerFunc) echo.HandlerFunc {
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
