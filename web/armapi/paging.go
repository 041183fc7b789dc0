package armapi

import (
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/arm"
)

// page is what a list handler needs to page: the cursor it resumes from and how to link on.
type page struct {
	cursor arm.Cursor
	bind   string
	keep   url.Values // the query every page repeats: api-version, dates, $filter
	size   int
}

// paging reads $skiptoken for the list at this path with this query (keep), opening it against
// the binding so a token from another list or query is refused.
func (a *API) paging(c echo.Context, keep url.Values) (page, error) {
	parts := []string{strings.ToLower(c.Request().URL.Path)}
	for _, k := range []string{"$filter", "startDate", "endDate"} {
		parts = append(parts, keep.Get(k))
	}
	p := page{bind: arm.Binding(parts...), keep: keep, size: a.pageSize}
	p.cursor.Bind = p.bind
	if tok, ok := arm.Param(c.QueryParams(), arm.SkipToken); ok {
		cur, err := a.cursors.Open(tok, p.bind)
		if err != nil {
			return p, err
		}
		p.cursor = cur
	}
	return p, nil
}

// nextLink is the absolute URL of the page after cur so that the SDK follows it back here
// (contract §1.6): under -public-url when it is set, otherwise from the request's own scheme and
// host, which the client (and any proxy) chose.
func (a *API) nextLink(c echo.Context, p page, cur arm.Cursor) string {
	q := url.Values{}
	for k, vs := range p.keep {
		if len(vs) > 0 && vs[0] != "" {
			q.Set(k, vs[0])
		}
	}
	cur.Bind = p.bind
	q.Set(arm.SkipToken, a.cursors.Seal(cur))
	r := c.Request()
	if a.publicURL != nil {
		return a.publicURL.String() + r.URL.EscapedPath() + "?" + q.Encode()
	}
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
