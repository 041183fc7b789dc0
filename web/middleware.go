package web

import (
	"context"
	"log/slog"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/creditdesk/creditdesk/internal/arm"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/web/armapi"
	"github.com/creditdesk/creditdesk/web/detach"
)

// useMiddleware installs the middleware every request passes, the API's included, in this
// order. Before routing: the static files' version taken out of their path (staticVersion),
// the ARM path's literal segments in their canonical case, then a trailing slash redirected
// away (not on the API, whose paths are exact). Then: request id,
// request metrics, access log, panic recovery, security headers. Each group adds its own after
// these: the portal's in uiMiddleware, the API's in armapi.Mount; last, each route's own rule.
func (s *Server) useMiddleware() {
	e := s.echo
	e.Pre(staticVersion)
	e.Pre(armapi.CanonicalPath) // ARM path segments are case-insensitive: fix them before routing
	// /scopes/ and /scopes are one page: redirect rather than answer 404.
	e.Pre(middleware.RemoveTrailingSlashWithConfig(middleware.TrailingSlashConfig{RedirectCode: http.StatusMovedPermanently,
		Skipper: func(c echo.Context) bool { return arm.IsAPIPath(c.Request().URL.Path) }}))
	e.Use(middleware.RequestID())
	e.Use(s.observeRequests) // outside the access log, which hands errors to the error handler
	e.Use(s.accessLog())
	e.Use(middleware.RecoverWithConfig(middleware.RecoverConfig{
		DisableStackAll:   true,
		DisablePrintStack: true,
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			s.log.Error("panic", "request_id", requestID(c), "error", err, "stack", string(stack))
			return err
		},
	}))
	e.Use(middleware.SecureWithConfig(middleware.SecureConfig{
		XSSProtection:         "0",
		ContentTypeNosniff:    "nosniff",
		XFrameOptions:         "DENY",
		HSTSMaxAge:            hstsMaxAge(s.cfg.TLS()),
		ReferrerPolicy:        "same-origin",
		ContentSecurityPolicy: "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
	}))
}

// uiMiddleware is the portal's own middleware, in this order: page reads finished when their
// reader leaves (detach; not the CSV downloads, which may stream longer than its limit, nor
// the writes), the signed-in user from the session cookie, the body limit (not on cost
// uploads, which set their own), and CSRF (not on the probes; csrf.go), which reads no more of
// an upload than its token field. The route's rule (authorize) follows.
func (s *Server) uiMiddleware() []echo.MiddlewareFunc {
	return []echo.MiddlewareFunc{
		detach.Reads(func(c echo.Context) bool {
			m := c.Request().Method
			return (m != http.MethodGet && m != http.MethodHead) || strings.HasSuffix(c.Path(), ".csv")
		}),
		s.loadUser,
		// Bodies are small but for cost uploads, whose handler sets its own, larger limit and
		// answers an over-large file on its form.
		middleware.BodyLimitWithConfig(middleware.BodyLimitConfig{Limit: "1M",
			Skipper: func(c echo.Context) bool { return strings.HasSuffix(c.Path(), "/charges/upload") }}),
		s.csrf,
	}
}

// hstsMaxAge asks browsers to keep to HTTPS for a year, when the server serves HTTPS itself.
func hstsMaxAge(tls bool) int {
	if tls {
		return 365 * 24 * 3600
	}
	return 0
}

// secureCookies reports whether cookies carry the Secure attribute: under TLS, or when the
// operator says a TLS proxy stands in front.
func (s *Server) secureCookies() bool { return s.cfg.TLS() || s.cfg.SecureCookie }

// accessLog writes one structured line per request, with its request id.
func (s *Server) accessLog() echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogStatus: true, LogURIPath: true, LogMethod: true, LogLatency: true, LogRequestID: true, LogError: true,
		HandleError: true,
		Skipper:     func(c echo.Context) bool { return strings.HasPrefix(c.Path(), "/static") },
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			level := slog.LevelInfo
			if v.Status >= 500 {
				level = slog.LevelError
			}
			attrs := []slog.Attr{slog.String("request_id", v.RequestID), slog.String("method", v.Method),
				slog.String("path", v.URIPath), slog.Int("status", v.Status), slog.Duration("latency", v.Latency)}
			if u := caller(c); u != nil {
				attrs = append(attrs, slog.Int64("user_id", u.ID))
			}
			if v.Error != nil && v.Status >= 500 {
				attrs = append(attrs, slog.String("error", v.Error.Error()))
			}
			s.log.LogAttrs(context.Background(), level, "request", attrs...)
			return nil
		},
	})
}

// caller is who made a request, for the access log: the signed-in user of a page, or the user
// whose token called the API.
func caller(c echo.Context) *store.User {
	if u := currentUser(c); u != nil {
		return u
	}
	return armapi.Caller(c)
}

// requestID returns the id the RequestID middleware gave the request.
func requestID(c echo.Context) string { return c.Response().Header().Get(echo.HeaderXRequestID) }

// authorize enforces a route's rule: anonymous callers of a signed-in route are sent to sign in;
// on a scope route the scope is resolved from the path and the caller's roles must grant the
// permission. A scope the caller has no role on answers 404 exactly like a missing one (M3). A
// partner route is the same with the organisation and partner roles (authorizePartner, P1).
func (s *Server) authorize(rule Rule) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			if !rule.SignedIn {
				return next(c)
			}
			if currentUser(c) == nil {
				return s.requireSignIn(c)
			}
			if rule.Partner != 0 {
				return s.authorizePartner(c, rule.Partner, next)
			}
			if rule.Permission == 0 {
				return next(c)
			}
			sc, err := s.resolveScope(c)
			if err != nil {
				return err
			}
			if !sc.Grants.Can(rule.Permission) {
				return errForbidden
			}
			scopeKey.Set(c, sc)
			s.rememberScope(c, sc)
			return next(c)
		}
	}
}

// requireSignIn sends an anonymous caller to the sign-in page, back to where they were going
// after it; htmx requests get a redirect header instead of a page.
func (s *Server) requireSignIn(c echo.Context) error {
	target := s.links.to(routeSignIn)
	if m := c.Request().Method; (m == http.MethodGet || m == http.MethodHead) && c.Request().URL.Path != "/" {
		target += "?next=" + urlQueryEscape(c.Request().URL.RequestURI())
	}
	if htmxOf(c.Request()).Enabled {
		hxResponse{Redirect: target}.Apply(c)
		return c.NoContent(http.StatusUnauthorized)
	}
	return c.Redirect(http.StatusSeeOther, target)
}
