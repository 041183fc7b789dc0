package azsync

import (
	"context"
	"errors"
	"fmt"
	"net"
	"regexp"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/secrets"
	"github.com/creditdesk/creditdesk/views"
)

// Problem is why a sync failed, as a key: the connection page and `creditdesk azure list` say
// it in plain words (views.SyncProblemText), with the detail Azure gave for the operator.
type Problem string

// The problems of a sync, from the error Azure, Entra ID, the network or CreditDesk gave.
const (
	ProblemNoKey          Problem = "noSecretsKey"        // this instance has no -secrets-key
	ProblemWrongKey       Problem = "wrongSecretsKey"     // sealed under another -secrets-key
	ProblemDamaged        Problem = "credentialDamaged"   // the sealed credential does not open
	ProblemBadSecret      Problem = "badClientSecret"     // AADSTS7000215
	ProblemExpiredSecret  Problem = "expiredClientSecret" // AADSTS7000222
	ProblemBadCertificate Problem = "badCertificate"      // AADSTS700027, AADSTS700023
	ProblemUnknownApp     Problem = "unknownApp"          // AADSTS700016
	ProblemUnknownTenant  Problem = "unknownTenant"       // AADSTS90002, AADSTS900023
	ProblemSignIn         Problem = "signInFailed"        // any other refusal by Entra ID
	ProblemNoIdentity     Problem = "noIdentity"          // no managed or workload identity here
	ProblemNoRole         Problem = "noBillingReaderRole" // 403 AuthorizationFailed
	ProblemTokenRefused   Problem = "tokenRefused"        // 401 AuthenticationFailed, InvalidAuthenticationToken
	ProblemNoAccount      Problem = "billingAccountNotFound"
	ProblemNotMCA         Problem = "notMCA"
	ProblemThrottled      Problem = "throttled"        // 429 after every retry
	ProblemUnavailable    Problem = "azureUnavailable" // 5xx after every retry
	ProblemUnreachable    Problem = "unreachable"      // no answer: DNS, TLS, connection
	ProblemTimeout        Problem = "timeout"
	ProblemRefused        Problem = "requestRefused" // another ARM error
	ProblemData           Problem = "unexpectedData" // an amount or date CreditDesk cannot store
	ProblemConflict       Problem = "conflict"       // CreditDesk refused what Azure holds
	ProblemInternal       Problem = "internal"
)

// Problems lists every problem, for the test that each has its sentence.
var Problems = []Problem{ProblemNoKey, ProblemWrongKey, ProblemDamaged, ProblemBadSecret, ProblemExpiredSecret,
	ProblemBadCertificate, ProblemUnknownApp, ProblemUnknownTenant, ProblemSignIn, ProblemNoIdentity, ProblemNoRole,
	ProblemTokenRefused, ProblemNoAccount, ProblemNotMCA, ProblemThrottled, ProblemUnavailable, ProblemUnreachable,
	ProblemTimeout, ProblemRefused, ProblemData, ProblemConflict, ProblemInternal}

// SyncError is a failed sync: the problem and what Azure or CreditDesk said.
type SyncError struct {
	Problem Problem
	Detail  string
	Err     error
}

// Error says the problem and its detail.
func (e *SyncError) Error() string { return fmt.Sprintf("azure sync: %s: %s", e.Problem, e.Detail) }

// Unwrap returns the cause.
func (e *SyncError) Unwrap() error { return e.Err }

// entraCode finds Entra ID's AADSTS error code in an error's text.
var entraCode = regexp.MustCompile(`AADSTS(\d+)`)

// entraProblems maps Entra ID's error codes to problems.
var entraProblems = map[string]Problem{
	"7000215": ProblemBadSecret, "7000222": ProblemExpiredSecret, "700027": ProblemBadCertificate,
	"700023": ProblemBadCertificate, "700016": ProblemUnknownApp, "90002": ProblemUnknownTenant, "900023": ProblemUnknownTenant,
}

// classify says why err stopped a sync. An ARM error is read from its code first (the
// x-ms-error-code header or the body's error.code, as the SDK parses it), then its status.
func classify(err error) *SyncError {
	var se *SyncError
	if errors.As(err, &se) {
		return se
	}
	out := &SyncError{Err: err, Detail: err.Error()}
	var (
		re  *azcore.ResponseError
		ae  *azidentity.AuthenticationFailedError
		ne  net.Error
		ref fault.Refusal
	)
	switch {
	case errors.Is(err, secrets.ErrNoKey):
		out.Problem = ProblemNoKey
	case errors.Is(err, secrets.ErrWrongKey):
		out.Problem = ProblemWrongKey
	case errors.Is(err, secrets.ErrCorrupt):
		out.Problem = ProblemDamaged
	case errors.As(err, &re):
		out.Problem, out.Detail = armProblem(re), fmt.Sprintf("HTTP %d %s", re.StatusCode, re.ErrorCode)
	case errors.As(err, &ae):
		out.Problem, out.Detail = ProblemSignIn, "Entra ID refused the sign-in"
		if m := entraCode.FindStringSubmatch(ae.Error()); m != nil {
			out.Detail = "AADSTS" + m[1]
			if p, ok := entraProblems[m[1]]; ok {
				out.Problem = p
			}
		}
	case strings.Contains(err.Error(), "ManagedIdentityCredential") || strings.Contains(err.Error(), "WorkloadIdentityCredential"):
		out.Problem = ProblemNoIdentity
	case errors.Is(err, context.DeadlineExceeded):
		out.Problem, out.Detail = ProblemTimeout, "no answer within "+syncTimeout.String()
	case errors.As(err, &ne):
		out.Problem = ProblemUnreachable
	case errors.As(err, &ref):
		out.Problem, out.Detail = ProblemConflict, views.RefusalText(ref)
	default:
		out.Problem = ProblemInternal
	}
	return out
}

// armProblem reads an ARM error.
func armProblem(re *azcore.ResponseError) Problem {
	switch strings.ToLower(re.ErrorCode) {
	case "authorizationfailed":
		return ProblemNoRole
	case "authenticationfailed", "invalidauthenticationtoken", "expiredauthenticationtoken":
		return ProblemTokenRefused
	}
	switch {
	case re.StatusCode == 403:
		return ProblemNoRole
	case re.StatusCode == 401:
		return ProblemTokenRefused
	case re.StatusCode == 404:
		return ProblemNoAccount
	case re.StatusCode == 429:
		return ProblemThrottled
	case re.StatusCode >= 500:
		return ProblemUnavailable
	}
	return ProblemRefused
}

// dataError is a value from Azure that CreditDesk cannot store, naming where it is.
func dataError(format string, args ...any) error {
	return &SyncError{Problem: ProblemData, Detail: fmt.Sprintf(format, args...)}
}

// isNotFound reports whether err is a not-found of the store.
func isNotFound(err error) bool { return errors.Is(err, fault.ErrNotFound) }
