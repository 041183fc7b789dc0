package web

import (
	"bytes"
	"net/http"
	"sync"

	"github.com/a-h/templ"
	"github.com/labstack/echo/v4"
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
	buf := s.buffers.Get().(*bytes.Buffer)
	defer s.putBuffer(buf)
	if err := component.Render(c.Request().Context(), buf); err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.HTMLBlob(status, buf.Bytes()) // written before the buffer goes back
}

// maxPooledBuffer is the largest render buffer kept for the next page: a rare huge page does not
// keep its memory.
const maxPooledBuffer = 1 << 20

// newRenderBuffers is the pool of render's buffers. A page rendered into a buffer that earlier
// pages have grown is written without growing one from nothing each time: that growth was a
// third of the bytes the credits page allocated (issue 10).
func newRenderBuffers() *sync.Pool {
	return &sync.Pool{New: func() any { return new(bytes.Buffer) }}
}

// putBuffer gives a render buffer back to the pool, emptied.
func (s *Server) putBuffer(buf *bytes.Buffer) {
	if buf.Cap() > maxPooledBuffer {
		return
	}
	buf.Reset()
	s.buffers.Put(buf)
}

// seeOther redirects after a successful form post (post/redirect/get).
func seeOther(c echo.Context, to string) error { return c.Redirect(http.StatusSeeOther, to) }
