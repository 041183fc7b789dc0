package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// statusOf maps an error to its HTTP status and the message a user may see. Internal errors
// get a generic message: no detail of the server ever reaches a user.
func statusOf(err error) (int, string) {
	var he *echo.HTTPError
	switch {
	case errors.As(err, &he):
		msg, _ := he.Message.(string)
		if he.Code >= 500 || msg == "" || msg == http.StatusText(he.Code) {
			msg = plainMessage(he.Code)
		}
		return he.Code, msg
	case errors.Is(err, fault.ErrNotFound):
		return http.StatusNotFound, "This page does not exist, or you have no access to it."
	case errors.Is(err, fault.ErrForbidden):
		return http.StatusForbidden, "Your role does not allow this."
	case errors.Is(err, fault.ErrUnauthenticated):
		return http.StatusUnauthorized, "Sign in to continue."
	case errors.Is(err, fault.ErrTooManyRequests):
		return http.StatusTooManyRequests, "Too many requests. Wait a few minutes and try again."
	case errors.Is(err, fault.ErrConflict):
		return http.StatusConflict, conflictMessage(err)
	case store.IsUnavailable(err):
		return http.StatusServiceUnavailable, unavailableMessage
	}
	if v, ok := fault.AsInvalid(err); ok {
		return http.StatusUnprocessableEntity, v.Error()
	}
	return http.StatusInternalServerError, "Something went wrong on our side. It has been logged; try again in a moment."
}

// unavailableMessage answers a request made while the database does not answer: the request
// changed nothing (its transaction never began or was rolled back), and the user may retry.
const unavailableMessage = "CreditDesk cannot reach its database at the moment, so nothing you sent was saved. " +
	"Try again in a few seconds."

// retryAfter is the Retry-After of a 503, in seconds: the longest wait between the pool's
// attempts to reconnect.
var retryAfter = strconv.Itoa(int(store.RetryAfter.Seconds()))

// conflictMessage is the user-facing part of a conflict: the rule that refused the change.
func conflictMessage(err error) string {
	var r fault.Refusal
	if errors.As(err, &r) {
		return r.Message
	}
	return "This conflicts with the current state. Reload the page and try again."
}

// plainMessage explains a status that echo raised on its own (no such route, wrong method).
func plainMessage(code int) string {
	switch code {
	case http.StatusNotFound:
		return "This page does not exist. Check the address, or start again from your billing scopes."
	case http.StatusMethodNotAllowed:
		return "This address does not take that kind of request."
	case http.StatusRequestEntityTooLarge:
		return "What was sent is too large."
	}
	if code >= 500 {
		return "Something went wrong on our side. It has been logged; try again in a moment."
	}
	return http.StatusText(code)
}

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
	status, msg := statusOf(err)
	if status >= 500 {
		s.log.Error("request failed", "request_id", requestID(c), "path", c.Request().URL.Path, "error", err)
	}
	if status == http.StatusServiceUnavailable {
		c.Response().Header().Set(echo.HeaderRetryAfter, retryAfter)
	}
	var out error
	switch {
	case c.Request().Method == http.MethodHead:
		out = c.NoContent(status)
	case htmxOf(c.Request()).Enabled:
		out = c.String(status, msg)
	default:
		title := titles[status]
		if title == "" {
			title = "Error"
		}
		out = s.render(c, status, views.ErrorPage(views.ErrorProps{Shell: s.shell(c, title), Status: status, Title: title, Message: msg,
			Back: errorBack(c, s.links, status)}), nil)
	}
	if out != nil {
		s.log.Error("write error response", "request_id", requestID(c), "error", out)
	}
}
