package web

import (
	"bytes"
	"crypto/rand"
	"crypto/subtle"
	"io"
	"mime"
	"mime/multipart"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// The portal's CSRF protection: a double-submit cookie, with the browser's Sec-Fetch-Site
// header trusted when it is sent.
const (
	csrfCookie    = "creditdesk_csrf"            // the cookie that keeps the token
	csrfField     = "_csrf"                      // the form field that sends it back
	csrfHeader    = "X-CSRF-Token"               // the header that sends it back (htmx's hx-headers)
	csrfCookieAge = 24 * 3600                    // seconds a browser keeps the cookie (Max-Age: no clock)
	csrfFetchSite = "sec-fetch-site-same-origin" // the token of a browser vouched for by Sec-Fetch-Site
	// csrfPrefixMax bounds what is read of a multipart body to find the token field: the parts
	// before it and the field itself. A form puts the field first, before any file.
	csrfPrefixMax = 16 << 10
	csrfTokenMax  = 256 // the longest token field read
)

// errCSRF refuses a state-changing request without the form's CSRF token.
var errCSRF = fault.New(fault.ErrForbidden, "The form expired or did not come from CreditDesk. Reload the page and try again.")

// csrf is the portal's CSRF middleware (echo's policy, with a streamed form lookup). A browser
// that sends Sec-Fetch-Site passes when the request is safe (GET, HEAD, OPTIONS, TRACE),
// same-origin or typed in (none), and is refused when another origin's request would change
// data, a sibling subdomain's (same-site) included. A client that sends no such header needs
// the token of the CSRF cookie to change data: in the X-CSRF-Token header, else in the _csrf form field. A
// multipart body is read only up to that field (csrfPrefixMax at most) and handed on whole, so
// a large upload with a bad token is refused before it is read. A request that passes gets the
// cookie (a new token when it had none) and leaves the token in the context for the page's
// forms.
func (s *Server) csrf(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if needsNoUser(c.Path()) {
			return next(c)
		}
		safe := isSafeMethod(req.Method)
		if site := req.Header.Get(echo.HeaderSecFetchSite); site != "" {
			if safe || site == "same-origin" || site == "none" {
				csrfKey.Set(c, csrfFetchSite)
				return next(c)
			}
			// Another origin, even of the same site: a sibling subdomain could have planted a
			// cookie of its own for the double submit.
			return errCSRF
		}
		token := ""
		if ck, err := c.Cookie(csrfCookie); err == nil && ck.Value != "" {
			token = ck.Value
		} else {
			token = rand.Text()
		}
		if !safe && !sameToken(token, req.Header.Get(csrfHeader)) && !sameToken(token, formToken(req)) {
			return errCSRF
		}
		c.SetCookie(&http.Cookie{Name: csrfCookie, Value: token, Path: "/", MaxAge: csrfCookieAge,
			Secure: s.secureCookies(), HttpOnly: true, SameSite: http.SameSiteStrictMode})
		csrfKey.Set(c, token)
		c.Response().Header().Add(echo.HeaderVary, echo.HeaderCookie) // the page carries the token
		return next(c)
	}
}

// isSafeMethod reports whether a method changes nothing (RFC 9110).
func isSafeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions || m == http.MethodTrace
}

// sameToken compares a sent token with the cookie's in constant time; nothing sent never matches.
func sameToken(token, sent string) bool {
	return sent != "" && subtle.ConstantTimeCompare([]byte(token), []byte(sent)) == 1
}

// formToken is the _csrf field of the request's form body, "" when there is none. A urlencoded
// body is parsed whole (the body limit bounds it); a multipart body is streamed: see
// multipartToken.
func formToken(req *http.Request) string {
	media, params, err := mime.ParseMediaType(req.Header.Get(echo.HeaderContentType))
	if err != nil {
		return ""
	}
	if media == echo.MIMEMultipartForm {
		return multipartToken(req, params["boundary"])
	}
	return req.PostFormValue(csrfField)
}

// multipartToken reads a multipart body's parts up to the first one named _csrf, within its
// first csrfPrefixMax bytes, and returns that field ("" when it is not there, or too long). What
// it read is put back in front of the rest of the body, so the handler reads the body whole as
// it was sent, with its own limits.
func multipartToken(req *http.Request, boundary string) string {
	if boundary == "" {
		return ""
	}
	var read bytes.Buffer
	mr := multipart.NewReader(io.TeeReader(io.LimitReader(req.Body, csrfPrefixMax), &read), boundary)
	token := ""
	for {
		part, err := mr.NextPart()
		if err != nil {
			break
		}
		if part.FormName() == csrfField {
			b, err := io.ReadAll(io.LimitReader(part, csrfTokenMax+1))
			if err == nil && len(b) <= csrfTokenMax {
				token = string(b)
			}
			break
		}
	}
	req.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(&read, req.Body), req.Body}
	return token
}
