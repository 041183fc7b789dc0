package arm

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// Error is an ARM error response: the status and {"error": {"code", "message"}} (contract §1.7).
type Error struct {
	Status     int
	Code       string
	Message    string
	RetryAfter int // seconds, for 429 and 503
}

// Error returns "code: message".
func (e *Error) Error() string { return e.Code + ": " + e.Message }

// Is makes an Error match the fault kind of its status, so that the one mapping of kinds to
// statuses gives it back.
func (e *Error) Is(target error) bool { return target == kinds[e.Status] }

// kinds is the fault kind of each status an Error carries; a server error has none.
var kinds = map[int]error{
	http.StatusBadRequest:          fault.ErrBadRequest,
	http.StatusUnauthorized:        fault.ErrUnauthenticated,
	http.StatusForbidden:           fault.ErrForbidden,
	http.StatusNotFound:            fault.ErrNotFound,
	http.StatusConflict:            fault.ErrConflict,
	http.StatusUnprocessableEntity: fault.ErrInvalid,
	http.StatusTooManyRequests:     fault.ErrTooManyRequests,
	http.StatusServiceUnavailable:  fault.ErrUnavailable,
}

// Body is the JSON the response carries.
func (e *Error) Body() []byte {
	b, _ := json.Marshal(map[string]map[string]string{"error": {"code": e.Code, "message": e.Message}})
	return b
}

// The error codes CreditDesk sends, the ones ARM uses (contract §1.7). None of them is one that
// makes the SDK register a resource provider.
const (
	CodeMissingAPIVersion    = "MissingApiVersionParameter"
	CodeInvalidAPIVersion    = "InvalidApiVersionParameter"
	CodeBadRequest           = "BadRequest"
	CodeAuthenticationFailed = "AuthenticationFailed"
	CodeAuthorizationFailed  = "AuthorizationFailed"
	CodeResourceNotFound     = "ResourceNotFound"
	CodeNotFound             = "NotFound"
	CodeTooManyRequests      = "TooManyRequests"
	CodeServiceUnavailable   = "ServiceUnavailable"
	CodeInternal             = "InternalServerError"
)

// MissingAPIVersion is a request without ?api-version=.
func MissingAPIVersion() *Error {
	return &Error{Status: http.StatusBadRequest, Code: CodeMissingAPIVersion,
		Message: "The api-version query parameter (?api-version=) is required for all requests."}
}

// InvalidAPIVersion is an api-version this endpoint does not serve.
func InvalidAPIVersion(got string, supported []string) *Error {
	return &Error{Status: http.StatusBadRequest, Code: CodeInvalidAPIVersion,
		Message: fmt.Sprintf("The api-version '%s' is invalid. The supported versions are '%s'.", fault.Clip(got), strings.Join(supported, ","))}
}

// BadParameter is a query parameter with a bad value; the message names the parameter (X2).
func BadParameter(name, problem string) *Error {
	return &Error{Status: http.StatusBadRequest, Code: CodeBadRequest,
		Message: fmt.Sprintf("The query parameter '%s' is invalid: %s", name, problem)}
}

// AuthenticationFailed is a request without a valid bearer token.
func AuthenticationFailed(why string) *Error {
	return &Error{Status: http.StatusUnauthorized, Code: CodeAuthenticationFailed, Message: "Authentication failed. " + why}
}

// AuthorizationFailed is a scope the caller holds no role on, worded as ARM does.
func AuthorizationFailed(who, action, scope string) *Error {
	return &Error{Status: http.StatusForbidden, Code: CodeAuthorizationFailed, Message: fmt.Sprintf(
		"The client '%s' does not have authorization to perform action '%s' over scope '%s' or the scope is invalid.",
		who, action, scope)}
}

// NotFound is a resource that does not exist.
func NotFound(what string) *Error {
	return &Error{Status: http.StatusNotFound, Code: CodeResourceNotFound, Message: what}
}

// TooManyRequests is a caller over its rate limit; RetryAfter says when to come back.
func TooManyRequests(retryAfter int) *Error {
	return &Error{Status: http.StatusTooManyRequests, Code: CodeTooManyRequests, RetryAfter: retryAfter,
		Message: fmt.Sprintf("The request rate of this API token is over its limit. Retry after %d seconds.", retryAfter)}
}

// ServiceUnavailable is a request the server could not serve for now (its database does not
// answer); nothing was done, and the client retries after RetryAfter seconds, as the SDK's
// retry policy does for a 503.
func ServiceUnavailable(retryAfter int) *Error {
	return &Error{Status: http.StatusServiceUnavailable, Code: CodeServiceUnavailable, RetryAfter: retryAfter,
		Message: fmt.Sprintf("The service is temporarily unavailable. Retry after %d seconds.", retryAfter)}
}

// statusCodes are the ARM codes of the statuses FromStatus does not name from their text.
var statusCodes = map[int]string{
	http.StatusNotFound:           CodeNotFound,
	http.StatusUnauthorized:       CodeAuthenticationFailed,
	http.StatusForbidden:          CodeAuthorizationFailed,
	http.StatusTooManyRequests:    CodeTooManyRequests,
	http.StatusServiceUnavailable: CodeServiceUnavailable,
}

// FromStatus is the ARM error of any other status, with the message a user may see.
func FromStatus(status int, message string) *Error {
	code, ok := statusCodes[status]
	if !ok {
		code = CodeInternal
		if status < 500 {
			code = strings.ReplaceAll(http.StatusText(status), " ", "")
		}
	}
	if message == "" {
		message = http.StatusText(status)
	}
	return &Error{Status: status, Code: code, Message: message}
}
