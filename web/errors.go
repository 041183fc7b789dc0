package web

import (
	"cmp"
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/arm"
	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// kinds maps each error kind to its HTTP status and the message a user sees when the error
// carries none of its own: the one place where a kind becomes a status, for the portal and the
// API alike. The order decides between kinds an error matches at once: a refusal by a rule among
// input errors (benefits.RuleError joined) is a conflict.
var kinds = []struct {
	kind    error
	status  int
	message string
}{
	{fault.ErrNotFound, http.StatusNotFound, "This page does not exist, or you have no access to it."},
	{fault.ErrForbidden, http.StatusForbidden, "Your role does not allow this."},
	{fault.ErrUnauthenticated, http.StatusUnauthorized, "Sign in to continue."},
	{fault.ErrTooManyRequests, http.StatusTooManyRequests, "Too many requests. Wait a few minutes and try again."},
	{fault.ErrConflict, http.StatusConflict, "This conflicts with the current state. Reload the page and try again."},
	{fault.ErrInvalid, http.StatusUnprocessableEntity, "Check the form and try again."},
	{fault.ErrBadRequest, http.StatusBadRequest, http.StatusText(http.StatusBadRequest)},
	{fault.ErrUnavailable, http.StatusServiceUnavailable, unavailableMessage},
}

// internalMessage answers every error of no kind: no detail of the server ever reaches a user.
const internalMessage = "Something went wrong on our side. It has been logged; try again in a moment."

// statusOf maps an error to its HTTP status and the message a user may see: its kind's status
// (kinds), with the error's own message when it has one for users. A database that does not
// answer is 503; any other error is a 500 with a generic message. Echo's own errors (no such
// route, wrong method, a body too large) keep their status.
func statusOf(err error) (int, string) {
	var he *echo.HTTPError
	if errors.As(err, &he) {
		msg, _ := he.Message.(string)
		if he.Code >= 500 || msg == "" || msg == http.StatusText(he.Code) {
			msg = plainMessage(he.Code)
		}
		return he.Code, msg
	}
	for _, k := range kinds {
		if errors.Is(err, k.kind) {
			if k.kind == fault.ErrUnavailable {
				return k.status, k.message
			}
			return k.status, cmp.Or(userMessage(err), k.message)
		}
	}
	if store.IsUnavailable(err) {
		return http.StatusServiceUnavailable, unavailableMessage
	}
	return http.StatusInternalServerError, internalMessage
}

// formStatus reports whether a form shows err to the user who sent it (bad input, a refusal by
// a rule: of kind fault.ErrInvalid or fault.ErrConflict), with its status from statusOf.
func formStatus(err error) (int, bool) {
	if !errors.Is(err, fault.ErrInvalid) && !errors.Is(err, fault.ErrConflict) {
		return 0, false
	}
	status, _ := statusOf(err)
	return status, true
}

// userMessage is the message an error of a kind carries for the user who caused it, or "".
func userMessage(err error) string {
	var (
		fe *fault.Error
		r  fault.Refusal
		re *benefits.RuleError
		ie *ledger.InputError
		ae *arm.Error
	)
	switch {
	case errors.As(err, &r): // before *fault.Error: a refusal among field errors is what the user must read
		return refusalText(r)
	case errors.As(err, &re):
		return re.Message
	case errors.As(err, &fe):
		return fe.Message
	case errors.As(err, &ie):
		return ie.Field + ": " + ie.Msg
	case errors.As(err, &ae):
		return ae.Message
	}
	if v, ok := fault.AsInvalid(err); ok {
		return v.Error()
	}
	return ""
}

// refusalText is a refusal in words: the sentence it says as data, or its own.
func refusalText(r fault.Refusal) string {
	if r.Message == "" {
		return views.Text(r.Said)
	}
	return r.Message
}

// unavailableMessage answers a request made while the database does not answer: the request
// changed nothing (its transaction never began or was rolled back), and the user may retry.
const unavailableMessage = "CreditDesk cannot reach its database at the moment, so nothing you sent was saved. " +
	"Try again in a few seconds."

// retryAfter is the Retry-After of a 503, in seconds: the longest wait between the pool's
// attempts to reconnect.
var retryAfter = strconv.Itoa(int(store.RetryAfter.Seconds()))

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
		return internalMessage
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
