package azsync

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/secrets"
	"github.com/creditdesk/creditdesk/internal/store"
)

// armError is the error the SDK returns for an ARM answer.
func armError(status int, code string) error {
	return &azcore.ResponseError{StatusCode: status, ErrorCode: code}
}

// entraError is the error azidentity returns when Entra ID refuses a sign-in.
func entraError(body string) error {
	resp := &http.Response{StatusCode: 401, Status: "401 Unauthorized", Body: io.NopCloser(strings.NewReader(body)), Header: http.Header{}}
	return &azidentity.AuthenticationFailedError{RawResponse: resp}
}

// TestClassify: every failure a sync meets becomes a problem key (the page's plain words) and
// a detail for the operator; ARM errors are read by their code first, then their status.
func TestClassify(t *testing.T) {
	tests := []struct {
		err    error
		want   Problem
		detail string
	}{
		{fmt.Errorf("open: %w", secrets.ErrNoKey), ProblemNoKey, ""},
		{secrets.ErrWrongKey, ProblemWrongKey, ""},
		{secrets.ErrCorrupt, ProblemDamaged, ""},
		{armError(403, "AuthorizationFailed"), ProblemNoRole, "HTTP 403 AuthorizationFailed"},
		{armError(400, "authorizationfailed"), ProblemNoRole, "HTTP 400 authorizationfailed"},
		{armError(403, ""), ProblemNoRole, "HTTP 403 "},
		{armError(401, "InvalidAuthenticationToken"), ProblemTokenRefused, "HTTP 401 InvalidAuthenticationToken"},
		{armError(404, "ResourceNotFound"), ProblemNoAccount, "HTTP 404 ResourceNotFound"},
		{armError(429, "TooManyRequests"), ProblemThrottled, "HTTP 429 TooManyRequests"},
		{armError(503, "ServiceUnavailable"), ProblemUnavailable, "HTTP 503 ServiceUnavailable"},
		{armError(400, "InvalidApiVersionParameter"), ProblemRefused, "HTTP 400 InvalidApiVersionParameter"},
		{entraError(`{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}`), ProblemBadSecret, "AADSTS7000215"},
		{entraError(`{"error_description":"AADSTS7000222: The provided client secret keys are expired."}`), ProblemExpiredSecret, "AADSTS7000222"},
		{entraError(`{"error_description":"AADSTS700016: Application not found in the directory."}`), ProblemUnknownApp, "AADSTS700016"},
		{entraError(`{"error_description":"AADSTS90002: Tenant not found."}`), ProblemUnknownTenant, "AADSTS90002"},
		{entraError(`{"error_description":"AADSTS50000: something else"}`), ProblemSignIn, "AADSTS50000"},
		{entraError(`not json`), ProblemSignIn, "Entra ID refused the sign-in"},
		{fmt.Errorf("read: %w", context.DeadlineExceeded), ProblemTimeout, "no answer within 10m0s"},
		{&net.OpError{Op: "dial", Net: "tcp", Err: errors.New("connection refused")}, ProblemUnreachable, "dial tcp: connection refused"},
		{fmt.Errorf("store: %w", fault.Refusal{Rule: "M2", Said: fault.Say(store.KeyAzureProfileTaken, fault.ID("P1"))}), ProblemConflict,
			"Azure billing profile P1 already exists in another CreditDesk billing account."},
		{dataError("lot x originalAmount is not a number"), ProblemData, "lot x originalAmount is not a number"},
		{errors.New("ManagedIdentityCredential: no default identity is assigned"), ProblemNoIdentity, "ManagedIdentityCredential: no default identity is assigned"},
		{errors.New("something else"), ProblemInternal, "something else"},
	}
	for _, tt := range tests {
		got := classify(tt.err)
		if got.Problem != tt.want || tt.detail != "" && got.Detail != tt.detail {
			t.Errorf("classify(%v) = %s %q, want %s %q", tt.err, got.Problem, got.Detail, tt.want, tt.detail)
		}
		if !errors.Is(got, tt.err) && got.Err != nil {
			t.Errorf("classify(%v) loses its cause", tt.err)
		}
	}
}
