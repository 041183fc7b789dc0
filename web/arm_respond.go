package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/arm"
	"github.com/creditdesk/creditdesk/internal/store"
)

// armJSON writes a 200 response with v as JSON, as ARM does: application/json, no BOM, the
// request id in x-ms-request-id.
func armJSON(c echo.Context, v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // nextLinks keep their '&' readable
	if err := enc.Encode(v); err != nil {
		return err
	}
	h := c.Response().Header()
	h.Set("Cache-Control", "no-store")
	h.Set("x-ms-request-id", requestID(c))
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, buf.Bytes())
}

// armError answers an error on an API route with ARM's JSON (contract §1.7); handleError calls
// it, so the portal and the API share one error handler.
func (s *Server) armError(c echo.Context, err error) {
	ae := s.armErrorOf(c, err)
	if ae.Status >= 500 {
		s.log.Error("request failed", "request_id", requestID(c), "path", c.Request().URL.Path, "error", err)
	}
	h := c.Response().Header()
	h.Set("x-ms-error-code", ae.Code) // what the SDK reads first for ResponseError.ErrorCode
	h.Set("x-ms-request-id", requestID(c))
	h.Set("Cache-Control", "no-store")
	if ae.Status == http.StatusUnauthorized {
		challenge := `Bearer realm="CreditDesk"`
		if c.Request().Header.Get(echo.HeaderAuthorization) != "" {
			challenge += `, error="invalid_token"`
		}
		h.Set(echo.HeaderWWWAuthenticate, challenge)
	}
	if ae.RetryAfter > 0 {
		h.Set(echo.HeaderRetryAfter, strconv.Itoa(ae.RetryAfter))
	}
	if ae.Status == http.StatusTooManyRequests {
		h.Set("x-ms-ratelimit-microsoft.consumption-retry-after", strconv.Itoa(ae.RetryAfter))
	}
	var out error
	if c.Request().Method == http.MethodHead {
		out = c.NoContent(ae.Status)
	} else {
		out = c.Blob(ae.Status, echo.MIMEApplicationJSON, ae.Body())
	}
	if out != nil {
		s.log.Error("write error response", "request_id", requestID(c), "error", out)
	}
}

// armErrorOf maps an error to its ARM error: a scope the caller holds no role on is 403
// AuthorizationFailed and a missing one 404, as ARM answers (unlike the portal, M3).
func (s *Server) armErrorOf(c echo.Context, err error) *arm.Error {
	var ae *arm.Error
	switch {
	case errors.As(err, &ae):
		return ae
	case errors.Is(err, errNoRole), errors.Is(err, errForbidden):
		who := ""
		if u := currentUser(c); u != nil {
			who = u.Email
		}
		return arm.AuthorizationFailed(who, armAction(c.Path()), armScopeID(c))
	case errors.Is(err, errNoScope):
		return arm.NotFound("The billing scope '" + armScopeID(c) + "' could not be found.")
	case store.IsUnavailable(err):
		return arm.ServiceUnavailable(int(store.RetryAfter.Seconds()))
	}
	status, msg := statusOf(err)
	if status == http.StatusNotFound {
		msg = "No API operation matches the path '" + c.Request().URL.Path + "'."
	}
	return arm.FromStatus(status, msg)
}

// armAction names the ARM action of a route pattern, for AuthorizationFailed.
func armAction(route string) string {
	if _, rest, ok := strings.Cut(route, armConsumption+"/"); ok {
		kind, _, _ := strings.Cut(rest, "/")
		return "Microsoft.Consumption/" + kind + "/read"
	}
	if strings.Contains(route, "/billingProfiles") {
		return "Microsoft.Billing/billingAccounts/billingProfiles/read"
	}
	return "Microsoft.Billing/billingAccounts/read"
}

// armScopeID is the ARM id of the scope named by the path parameters.
func armScopeID(c echo.Context) string {
	account, _ := url.PathUnescape(c.Param("account"))
	if profile := c.Param("profile"); profile != "" {
		return arm.ProfileID(account, profile)
	}
	return arm.AccountID(account)
}

// armPage is what a list handler needs to page: the cursor it resumes from and how to link on.
type armPage struct {
	cursor arm.Cursor
	bind   string
	keep   url.Values // the query every page repeats: api-version, dates, $filter
	size   int
}

// armPaging reads $skiptoken for the list at this path with this query (keep), opening it
// against the binding so a token from another list or query is refused.
func (s *Server) armPaging(c echo.Context, keep url.Values) (armPage, error) {
	parts := []string{strings.ToLower(c.Request().URL.Path)}
	for _, k := range []string{"$filter", "startDate", "endDate"} {
		parts = append(parts, keep.Get(k))
	}
	p := armPage{bind: arm.Binding(parts...), keep: keep, size: s.api.pageSize}
	p.cursor.Bind = p.bind
	if tok, ok := arm.Param(c.QueryParams(), arm.SkipToken); ok {
		cur, err := s.api.cursors.Open(tok, p.bind)
		if err != nil {
			return p, err
		}
		p.cursor = cur
	}
	return p, nil
}

// nextLink is the absolute URL of the page after cur, built from the request's own scheme and
// host so that the SDK follows it back here (contract §1.6).
func (s *Server) nextLink(c echo.Context, p armPage, cur arm.Cursor) string {
	q := url.Values{}
	for k, vs := range p.keep {
		if len(vs) > 0 && vs[0] != "" {
			q.Set(k, vs[0])
		}
	}
	cur.Bind = p.bind
	q.Set(arm.SkipToken, s.api.cursors.Seal(cur))
	r := c.Request()
	return c.Scheme() + "://" + r.Host + r.URL.EscapedPath() + "?" + q.Encode()
}

// keepQuery is the query a list repeats in its nextLink: the api-version, and the named
// parameters as sent (dates cut at a stray '?', as the how-to's URL needs; a filter sent without
// its '$' kept as $filter, the name arm.LotFilterOf and arm.EventFilterOf read first).
func keepQuery(c echo.Context, version string, names ...string) url.Values {
	keep := url.Values{"api-version": {version}}
	for _, n := range names {
		v, ok := arm.Param(c.QueryParams(), n)
		if !ok && n == "$filter" {
			v, ok = arm.Param(c.QueryParams(), "filter")
		}
		if ok && n != "$filter" {
			v, _, _ = strings.Cut(v, "?")
		}
		if ok {
			keep.Set(n, v)
		}
	}
	return keep
}
