package web

import (
	"crypto/subtle"
	"errors"
	"io"
	"net/http"
	"os"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/creditdesk/creditdesk/internal/costcsv"
)

// csrfCookie is the cookie the CSRF middleware keeps its token in.
const csrfCookie = "creditdesk_csrf"

// maxUploadBody bounds an upload request: the largest export plus room for the form's other
// parts and the multipart framing.
const maxUploadBody = costcsv.MaxBytes + 1<<20

var (
	errUploadTooLarge = errors.New("upload larger than the limit")
	errNoUpload       = errors.New("no file in the upload")
)

// spooled is an uploaded file in a temporary file, read from its start.
type spooled struct {
	file *os.File
	name string // the file name the browser gave
}

// remove closes and deletes the temporary file, if any.
func (sp spooled) remove() {
	if sp.file != nil {
		_ = sp.file.Close()
		_ = os.Remove(sp.file.Name())
	}
}

// spoolUpload reads the upload form as a stream and copies its file to a temporary file as it
// arrives. The route is exempt from the CSRF middleware (skipCSRF), whose form lookup would
// parse the whole body before any check; uploadGuard applies the middleware's policy here
// instead, before a byte of the file is kept.
func (s *Server) spoolUpload(c echo.Context) (spooled, error) {
	req := c.Request()
	guard, err := newUploadGuard(c)
	if err != nil {
		return spooled{}, err
	}
	if req.ContentLength > maxUploadBody {
		return spooled{}, errUploadTooLarge
	}
	req.Body = http.MaxBytesReader(c.Response(), req.Body, maxUploadBody)
	mr, err := req.MultipartReader()
	if err != nil {
		return spooled{}, errNoUpload
	}
	for {
		part, err := mr.NextPart()
		switch {
		case errors.Is(err, io.EOF):
			return spooled{}, errNoUpload
		case err != nil:
			return spooled{}, uploadError(err)
		}
		switch part.FormName() {
		case "_csrf":
			b, err := io.ReadAll(io.LimitReader(part, 256))
			if err != nil {
				return spooled{}, uploadError(err)
			}
			guard.token = string(b)
		case "file":
			if !guard.passes() {
				return spooled{}, errCSRF
			}
			if part.FileName() == "" {
				return spooled{}, errNoUpload
			}
			return spool(part, part.FileName())
		}
	}
}

// uploadGuard is the CSRF middleware's policy (echo's CSRFWithConfig as useMiddleware sets it
// up) for a body read as a stream. A browser that sends Sec-Fetch-Site passes when the request
// is same-origin or typed in (none), is refused when cross-site, and otherwise, like a client
// that sends no such header, needs the token of the CSRF cookie: in the X-CSRF-Token header or
// in the _csrf field, which the form puts before its file.
type uploadGuard struct {
	sameOrigin bool
	cookie     string // the CSRF cookie's token; "" when there is none
	token      string // the token the request sent
}

func newUploadGuard(c echo.Context) (*uploadGuard, error) {
	g := &uploadGuard{token: c.Request().Header.Get("X-CSRF-Token")}
	switch c.Request().Header.Get(echo.HeaderSecFetchSite) {
	case "same-origin", "none":
		g.sameOrigin = true
		c.Set(csrfContextKey, middleware.CSRFUsingSecFetchSite) // what the middleware leaves for forms
		return g, nil
	case "cross-site":
		return nil, errCSRF
	}
	if ck, err := c.Cookie(csrfCookie); err == nil {
		g.cookie = ck.Value
		c.Set(csrfContextKey, ck.Value) // a form rendered again carries the same token
	}
	return g, nil
}

// passes reports whether the request may change data.
func (g *uploadGuard) passes() bool {
	return g.sameOrigin || g.cookie != "" && subtle.ConstantTimeCompare([]byte(g.token), []byte(g.cookie)) == 1
}

// spool copies r into a new temporary file and rewinds it.
func spool(r io.Reader, name string) (spooled, error) {
	f, err := os.CreateTemp("", "creditdesk-upload-*.csv")
	if err != nil {
		return spooled{}, err
	}
	sp := spooled{file: f, name: name}
	if _, err := io.Copy(f, r); err != nil {
		return sp, uploadError(err)
	}
	_, err = f.Seek(0, io.SeekStart)
	return sp, err
}

// uploadError maps a body over the limit to errUploadTooLarge.
func uploadError(err error) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return errUploadTooLarge
	}
	return err
}
