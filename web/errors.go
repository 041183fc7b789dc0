package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
	"github.com/creditdesk/creditdesk/web/status"
)

// formStatus reports whether a form shows err to the user who sent it (bad input, a refusal by
// a rule: of kind fault.ErrInvalid or fault.ErrConflict), with its status from status.Of.
func formStatus(err error) (int, bool) {
	if !errors.Is(err, fault.ErrInvalid) && !errors.Is(err, fault.ErrConflict) {
		return 0, false
	}
	code, _ := status.Of(err)
	return code, true
}

// showInvalid puts each field's message of invalid into a form's errors, under the field's name.
func showInvalid(errs map[string]string, invalid fault.Invalid) {
	for _, fe := range invalid {
		errs[fe.Field] = fe.Message
	}
}

// retryAfter is the Retry-After of a 503, in seconds: the longest wait between the pool's
// attempts to reconnect.
var retryAfter = strconv.Itoa(int(store.RetryAfter.Seconds()))

// titles are the headings of error pages.
var titles = map[int]string{
	http.StatusBadRequest:          "Bad request",
	http.StatusUnauthorized:        "Sign in required",
	http.StatusForbidden:           "Not allowed",
	http.StatusNotFound:            "Not found",
	http.StatusMethodNotAllowed:    "Not allowed",
	http.StatusConflict:            "Not possible",
	http.StatusUnprocessableEntity: "Check the form",
	http.StatusTooManyRequests:     "Too many requests",
	http.StatusServiceUnavailable:  "Service unavailable",
}

// handleError is echo's one error handler: it logs server errors with the request id and
// answers an error page, or a short text for htmx, which shows it in a banner. The API answers
// its own errors (armapi), so it finds them committed.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	code, msg := status.Of(err)
	if code >= 500 {
		s.log.Error("request failed", "request_id", requestID(c), "path", c.Request().URL.Path, "error", err)
	}
	if code == http.StatusServiceUnavailable {
		c.Response().Header().Set(echo.HeaderRetryAfter, retryAfter)
	}
	var out error // on a HEAD request net/http sends the headers alone
	switch {
	case htmxOf(c.Request()).Enabled:
		out = c.String(code, msg)
	default:
		title := titles[code]
		if title == "" {
			title = "Error"
		}
		out = s.render(c, code, views.ErrorPage(views.ErrorProps{Shell: s.shell(c, title), Status: code, Title: title, Message: msg,
			Back: errorBack(c, s.links, code)}), nil)
	}
	if out != nil {
		s.log.Error("write error response", "request_id", requestID(c), "error", out)
	}
}
