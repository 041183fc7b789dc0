package web_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	azarm "github.com/Azure/azure-sdk-for-go/sdk/azcore/arm"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// The tokens of testdata/arm.json, one per caller of the API tests.
const (
	ownerToken    = "test-token-account-owner-0001"
	readerToken   = "test-token-account-reader-0001"
	profileToken  = "test-token-profile-reader-0001"
	invoiceToken  = "test-token-invoice-manager-001"
	outsiderToken = "test-token-outsider-00000001"
)

// The other profiles of testdata/arm.json.
const (
	marketingName = "QW7R-KM45-TY6-UP8"
	researchName  = "ZX9C-VB87-NM6-LK5"
)

// armOptions are the test-only settings of an API harness.
type armOptions struct {
	pageSize  int    // 0: the default
	rateLimit int    // requests per minute per token; 0: none
	plain     bool   // serve plain HTTP (the README example's InsecureAllowCredentialWithHTTP)
	publicURL string // -public-url; "": none
}

// newARMHarness serves the router over TLS (the SDK sends credentials over https only; plain
// HTTP on request) on the dialect's database loaded with a scenario, processed on the clock's
// date (M15).
func newARMHarness(t testing.TB, d store.Dialect, scenarioFile string, o armOptions) *harness {
	t.Helper()
	h := newClocks()
	s := storetest.Open(t, d, h.clocks())
	loadScenario(t, s, scenarioFile)
	if _, err := s.ProcessAll(context.Background(), ledger.DateOf(h.clock.T)); err != nil {
		t.Fatal(err)
	}
	deps := testDeps(s, h.clocks())
	deps.Config.SecureCookie, deps.Config.APIRateLimit, deps.APIPageSize = true, o.rateLimit, o.pageSize
	if o.publicURL != "" {
		u, err := url.Parse(o.publicURL)
		if err != nil {
			t.Fatal(err)
		}
		deps.Config.PublicURL = u
	}
	srv := newServer(t, deps)
	h.store, h.server, h.web = s, httptest.NewTLSServer(srv), srv
	if o.plain {
		h.server.Close()
		h.server = httptest.NewServer(srv)
	}
	t.Cleanup(h.server.Close)
	return h
}

// staticToken is a TokenCredential handing out one CreditDesk API token (contract §8.4).
type staticToken string

// GetToken returns the token, valid for an hour.
func (s staticToken) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{Token: string(s), ExpiresOn: time.Now().Add(time.Hour)}, nil
}

// sdkOptions points the official SDK's clients at the harness (contract §8.2): its URL as the
// Resource Manager endpoint, its client (which trusts the test certificate) as transport.
func sdkOptions(h *harness) *azarm.ClientOptions {
	return &azarm.ClientOptions{
		ClientOptions: policy.ClientOptions{
			Cloud: cloud.Configuration{Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
				cloud.ResourceManager: {Endpoint: h.server.URL, Audience: "https://management.core.windows.net/"},
			}},
			Transport: h.server.Client(),
			Retry:     policy.RetryOptions{MaxRetries: -1},
		},
		DisableRPRegistration: true,
	}
}

// apiGet sends a raw GET with a bearer token ("" for none) and returns the response and body.
func apiGet(t testing.TB, h *harness, token, path string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, h.server.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := h.server.Client().Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// armErr is the ARM error body.
type armErr struct {
	Error struct{ Code, Message string }
}

// wantARMError checks an ARM error response: status, code, and a message containing msg.
func wantARMError(t testing.TB, resp *http.Response, body []byte, status int, code, msg string) {
	t.Helper()
	var e armErr
	if resp.StatusCode != status || json.Unmarshal(body, &e) != nil || e.Error.Code != code ||
		!strings.Contains(e.Error.Message, msg) || resp.Header.Get("x-ms-error-code") != code ||
		!strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		t.Errorf("%s: %d %s, want %d %s with %q", resp.Request.URL.Path, resp.StatusCode, body, status, code, msg)
	}
}

// profilePathARM is the ARM id of the Engineering profile, the scope prefix of C1, L1 and E1.
const profilePathARM = "/providers/Microsoft.Billing/billingAccounts/" + accountName + "/billingProfiles/" + profileName
