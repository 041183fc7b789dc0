package status

import (
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/arm"
	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
)

// TestOf: each error kind has one status, for the portal and the API (X2: bad input is a
// 4xx naming the field, never a 500), and a domain error gets its kind's status with its own
// message; an error of no kind is a 500 that tells nothing of the server.
func TestOf(t *testing.T) {
	input := benefits.Input(benefits.FieldEmail, benefits.KeyEmailRequired)
	rule := &benefits.RuleError{Rule: "P6", Field: benefits.FieldUser, Message: fault.Say(benefits.KeyLimitReached, 5)}
	tests := []struct {
		name    string
		err     error
		status  int
		message string // "" for the kind's own message
	}{
		{"not found", fault.ErrNotFound, http.StatusNotFound, ""},
		{"forbidden", fault.ErrForbidden, http.StatusForbidden, ""},
		{"not signed in", fault.ErrUnauthenticated, http.StatusUnauthorized, ""},
		{"too many requests", fault.ErrTooManyRequests, http.StatusTooManyRequests, ""},
		{"conflict", fault.ErrConflict, http.StatusConflict, ""},
		{"invalid", fault.ErrInvalid, http.StatusUnprocessableEntity, ""},
		{"bad request", fault.ErrBadRequest, http.StatusBadRequest, ""},
		{"unavailable", fmt.Errorf("store: lots: %w", fault.ErrUnavailable), http.StatusServiceUnavailable, unavailableMessage},
		{"no kind", errors.New("disk full at /var/lib"), http.StatusInternalServerError, internalMessage},
		{"kind with a message", fault.New(fault.ErrNotFound, "No such credit."), http.StatusNotFound, "No such credit."},
		{"wrapped kind with a message", fmt.Errorf("x: %w", fault.New(fault.ErrBadRequest, "q: too long.")), http.StatusBadRequest, "q: too long."},
		{"field errors", fault.Field("name", "Required."), http.StatusUnprocessableEntity, "name: Required."},
		{"refusal", fault.Refusal{Rule: "M8", Said: fault.Say("store.cancel_used", fault.ID("b-1"))}, http.StatusConflict,
			"Credit b-1 cannot be canceled: it is used: it has no balance left."},
		{"last owner (M4)", fmt.Errorf("store: remove role: %w", access.ErrLastOwner), http.StatusConflict,
			"The last owner of a billing scope cannot be removed. Grant the owner role to someone else first."},
		{"not assigned", access.ErrNotAssigned, http.StatusNotFound, "no such role assignment on this scope"},
		{"benefit input (X2)", input, http.StatusUnprocessableEntity, "Enter an email address."},
		{"benefit rule (P6)", rule, http.StatusConflict,
			"This credit has used all 5 of its 5 reassignments; no further reassignment is possible, and no exception can be granted."},
		{"input and rule joined", errors.Join(input, rule), http.StatusConflict, "Enter an email address."},
		{"ledger input", &ledger.InputError{Field: "lots[2].currency", Err: ledger.ErrCurrency, Message: fault.Say(ledger.KeyLotCurrencyDiffers, "EUR", "USD")},
			http.StatusUnprocessableEntity, `lots[2].currency: lot in "EUR", profile in "USD"`},
		{"ARM error", arm.BadParameter("$top", "must be a number"), http.StatusBadRequest, arm.BadParameter("$top", "must be a number").Message},
		{"ARM 429", arm.TooManyRequests(7), http.StatusTooManyRequests, arm.TooManyRequests(7).Message},
		{"echo's own 405", echo.ErrMethodNotAllowed, http.StatusMethodNotAllowed, "This address does not take that kind of request."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, msg := Of(tt.err)
			want := tt.message
			if want == "" {
				want = kindMessage(t, tt.err)
			}
			if status != tt.status || msg != want {
				t.Errorf("Of(%v) = %d %q, want %d %q", tt.err, status, msg, tt.status, want)
			}
		})
	}
}

// TestOfEveryKind: every fault kind has a status of its own, not a 500.
func TestOfEveryKind(t *testing.T) {
	seen := map[int]error{}
	for _, k := range fault.Kinds {
		status, msg := Of(fmt.Errorf("wrapped: %w", k))
		if status < 400 || status >= 500 && status != http.StatusServiceUnavailable || msg == "" {
			t.Errorf("kind %v: status %d %q", k, status, msg)
		}
		if other, ok := seen[status]; ok {
			t.Errorf("kinds %v and %v share status %d", k, other, status)
		}
		seen[status] = k
	}
}

// kindMessage is the message of the kind err matches first.
func kindMessage(t *testing.T, err error) string {
	t.Helper()
	for _, k := range kinds {
		if errors.Is(err, k.kind) {
			return k.message
		}
	}
	t.Fatalf("%v matches no kind", err)
	return ""
}
