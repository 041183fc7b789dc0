package web

import (
	"bytes"
	"net/http"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/web/buffers"
)

// render writes the whole page, or only fragment for an htmx request that asks for one (both
// made from the same props so they cannot drift). It renders into a buffer first, so a failing
// template yields a clean error page rather than half a page.
func (s *Server) render(c echo.Context, status int, page, fragment templ.Component) error {
	c.Response().Header().Add("Vary", hxRequestHeader)
	component := page
	if fragment != nil && htmxOf(c.Request()).Fragment() {
		component = fragment
	}
	bp := buffers.Get()
	defer buffers.Put(bp)
	buf := bytes.NewBuffer(*bp)
	if err := component.Render(c.Request().Context(), buf); err != nil {
		return err
	}
	*bp = buf.Bytes()
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.HTMLBlob(status, *bp) // written before the buffer goes back
}

// seeOther redirects after a successful form post (post/redirect/get).
func seeOther(c echo.Context, to string) error { return c.Redirect(http.StatusSeeOther, to) }
