package armapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	"github.com/creditdesk/creditdesk/internal/arm"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/web/buffers"
	"github.com/creditdesk/creditdesk/web/status"
)

// writeJSON writes a 200 response with v as JSON, as ARM does: application/json, no BOM, the
// request id in x-ms-request-id. The encoding is encoding/json's with SetEscapeHTML(false)
// (nextLinks keep their '&' readable) and its trailing newline; a list is written by
// arm.List.AppendJSON (or a page kept encoded, arm.EncodedList), the same bytes without
// reflection, into a pooled buffer.
func writeJSON(c echo.Context, v any) error {
	bp := buffers.Get()
	defer buffers.Put(bp)
	b, err := encode(*bp, v)
	if err != nil {
		return err
	}
	*bp = b
	h := c.Response().Header()
	h.Set("Cache-Control", "no-store")
	h.Set("x-ms-request-id", requestID(c))
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, b)
}

// encode appends v's JSON and a newline to b.
func encode(b []byte, v any) ([]byte, error) {
	switch l := v.(type) {
	case arm.List:
		b, err := l.AppendJSON(b)
		return append(b, '\n'), err
	case arm.EncodedList:
		return append(l.AppendJSON(b), '\n'), nil
	}
	buf := bytes.NewBuffer(b)
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(v)
	return buf.Bytes(), err
}

// emptyList answers an empty list, or err.
func emptyList(c echo.Context, err error) error {
	if err != nil {
		return err
	}
	return writeJSON(c, arm.NewList(nil, ""))
}

// answerErrors answers every error of the group, no route included, with ARM's JSON (contract
// §1.7), then hands the error on for the access log (the response is committed, so the server's
// error handler writes nothing more).
func (a *API) answerErrors(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		err := next(c)
		if err == nil || c.Response().Committed {
			return err
		}
		ae := errorOf(c, err)
		if ae.Status >= 500 {
			a.log.Error("request failed", "request_id", requestID(c), "path", c.Request().URL.Path, "error", err)
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
		// On a HEAD request net/http sends the headers alone.
		if out := c.Blob(ae.Status, echo.MIMEApplicationJSON, ae.Body()); out != nil {
			a.log.Error("write error response", "request_id", requestID(c), "error", out)
		}
		return err
	}
}

// recoverPanics turns a panic of a handler into a 500, logged with its stack, which answerErrors
// then answers as ARM JSON.
func (a *API) recoverPanics() echo.MiddlewareFunc {
	return middleware.RecoverWithConfig(middleware.RecoverConfig{DisableStackAll: true, DisablePrintStack: true,
		LogErrorFunc: func(c echo.Context, err error, stack []byte) error {
			a.log.Error("panic", "request_id", requestID(c), "error", err, "stack", string(stack))
			return err
		}})
}

// errorOf maps an error to its ARM error: its own when it is one, else the status and message
// of its kind (status.Of, as the portal answers), with ARM's wording for a path no operation
// serves and the Retry-After of a database that does not answer.
func errorOf(c echo.Context, err error) *arm.Error {
	var ae *arm.Error
	if errors.As(err, &ae) {
		return ae
	}
	code, msg := status.Of(err)
	switch code {
	case http.StatusServiceUnavailable:
		return arm.ServiceUnavailable(int(store.RetryAfter.Seconds()))
	case http.StatusNotFound:
		msg = "No API operation matches the path '" + c.Request().URL.Path + "'."
	}
	return arm.FromStatus(code, msg)
}
