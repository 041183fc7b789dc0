// Package status maps errors to HTTP statuses: the one place where a fault kind becomes a
// status and a message a user may see, for the portal (web's error handler and forms) and the
// Azure-compatible API (armapi) alike.
package status

import (
	"cmp"
	"errors"
	"net/http"

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

// Of maps an error to its HTTP status and the message a user may see: its kind's status
// (kinds), with the error's own message when it has one for users. A database that does not
// answer is 503; any other error is a 500 with a generic message. Echo's own errors (no such
// route, wrong method, a body too large) keep their status.
func Of(err error) (int, string) {
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
			return k.status, cmp.Or(Message(err), k.message)
		}
	}
	if store.IsUnavailable(err) {
		return http.StatusServiceUnavailable, unavailableMessage
	}
	return http.StatusInternalServerError, internalMessage
}

// Message is the message an error of a kind carries for the user who caused it, or "".
func Message(err error) string {
	var (
		fe *fault.Error
		r  fault.Refusal
		re *benefits.RuleError
		ie *ledger.InputError
		ae *arm.Error
	)
	switch {
	case errors.As(err, &r): // before *fault.Error: a refusal among field errors is what the user must read
		return views.RefusalText(r)
	case errors.As(err, &re):
		return views.Text(re.Message)
	case errors.As(err, &fe):
		return views.Text(fe.Said)
	case errors.As(err, &ie):
		return views.Text(ie.Said())
	case errors.As(err, &ae):
		return ae.Message
	}
	if v, ok := fault.AsInvalid(err); ok {
		return v.Error()
	}
	return ""
}

// Said is what an error tells the user who caused it, as a message the views word for the
// reader: a rule's refusal as the rule says it (its dates and amounts formatted), any other
// error's message (Message) as plain text; nothing for an error without one.
func Said(err error) fault.Message {
	var (
		r  fault.Refusal
		re *benefits.RuleError
		ie *ledger.InputError
	)
	switch {
	case errors.As(err, &r):
		return r.Said
	case errors.As(err, &re):
		return re.Message
	case errors.As(err, &ie):
		return ie.Said()
	}
	var fe *fault.Error
	if errors.As(err, &fe) {
		return fe.Said
	}
	return fault.Text(Message(err))
}

// unavailableMessage answers a request made while the database does not answer: the request
// changed nothing (its transaction never began or was rolled back), and the user may retry.
const unavailableMessage = "CreditDesk cannot reach its database at the moment, so nothing you sent was saved. " +
	"Try again in a few seconds."

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
