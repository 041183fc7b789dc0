package web_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/creditdesk/creditdesk/internal/azsync"
	"github.com/creditdesk/creditdesk/internal/logtest"
	"github.com/creditdesk/creditdesk/internal/secrets"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// The app registration of the Azure tests, and the CreditDesk that syncs from "Azure".
const (
	testTenant     = "8f3c1a2b-4d5e-4f60-9a7b-1c2d3e4f5a6b"
	testClient     = "2b9d4e6f-8a1c-4e3b-9d5f-7a6b5c4d3e2f"
	testSecret     = "Zq8~xS3cr3t.Value_only-Entra-may-see"
	testSecretsKey = "test-secrets-key-0123456789abcdef-0001"
	localAccount   = "7d1e3a55-2b4c-4d6e-8f90-a1b2c3d4e5f6:0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d_2024-01-01"
	localOwner     = "ana@contoso.example"
	localReader    = "ravi@contoso.example"
	localToken     = "test-token-local-owner-000001"
)

// fakeEntra is Microsoft Entra ID for one app registration, over TLS: it serves the tenant's
// OpenID configuration and a token endpoint that checks the client secret and answers with a
// CreditDesk API token of the source instance, the bearer token that instance accepts.
type fakeEntra struct {
	server  *httptest.Server
	token   atomic.Value // string: the access token it hands out
	issued  atomic.Int32
	secrets []string // every client secret it was sent
	mu      sync.Mutex
}

func newFakeEntra(t testing.TB, token string) *fakeEntra {
	f := &fakeEntra{}
	f.token.Store(token)
	f.server = httptest.NewTLSServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.server.Close)
	return f
}

func (f *fakeEntra) serve(w http.ResponseWriter, r *http.Request) {
	base := f.server.URL + "/" + testTenant
	w.Header().Set("Content-Type", "application/json")
	switch {
	case strings.HasSuffix(r.URL.Path, "/.well-known/openid-configuration"):
		_ = json.NewEncoder(w).Encode(map[string]any{"token_endpoint": base + "/oauth2/v2.0/token",
			"authorization_endpoint": base + "/oauth2/v2.0/authorize", "issuer": base + "/v2.0",
			"jwks_uri": base + "/discovery/v2.0/keys"})
	case strings.HasSuffix(r.URL.Path, "/oauth2/v2.0/token") && r.Method == http.MethodPost:
		_ = r.ParseForm()
		f.mu.Lock()
		f.secrets = append(f.secrets, r.PostForm.Get("client_secret"))
		f.mu.Unlock()
		if r.PostForm.Get("client_id") != testClient || r.PostForm.Get("client_secret") != testSecret ||
			!strings.HasPrefix(r.PostForm.Get("scope"), "https://management.core.windows.net//.default") {
			w.WriteHeader(http.StatusUnauthorized)
			_, _ = io.WriteString(w, `{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided.","error_codes":[7000215]}`)
			return
		}
		f.issued.Add(1)
		_ = json.NewEncoder(w).Encode(map[string]any{"token_type": "Bearer", "expires_in": 3600, "ext_expires_in": 3600,
			"access_token": f.token.Load().(string)})
	default:
		http.NotFound(w, r)
	}
}

// faults sits in front of both servers in the syncer's transport: it can answer a request
// itself (a throttled or failing Azure) and records when each path was requested.
type faults struct {
	next   http.RoundTripper
	mu     sync.Mutex
	answer func(r *http.Request) *http.Response // nil, or nil for a request: pass it on
	hits   map[string][]time.Time
}

func (f *faults) RoundTrip(r *http.Request) (*http.Response, error) {
	f.mu.Lock()
	f.hits[r.URL.Path] = append(f.hits[r.URL.Path], time.Now())
	answer := f.answer
	f.mu.Unlock()
	if answer != nil {
		if resp := answer(r); resp != nil {
			resp.Request = r
			return resp, nil
		}
	}
	return f.next.RoundTrip(r)
}

// set replaces the fault rule and forgets the recorded requests.
func (f *faults) set(answer func(r *http.Request) *http.Response) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.answer, f.hits = answer, map[string][]time.Time{}
}

// hitsOf returns the times a path ending with suffix was requested.
func (f *faults) hitsOf(suffix string) []time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []time.Time
	for p, ts := range f.hits {
		if strings.HasSuffix(p, suffix) {
			out = append(out, ts...)
		}
	}
	return out
}

// armAnswer is an ARM error response.
func armAnswer(status int, code string, header http.Header) *http.Response {
	h := http.Header{"Content-Type": {"application/json"}, "X-Ms-Error-Code": {code}}
	maps.Copy(h, header)
	body := fmt.Sprintf(`{"error":{"code":%q,"message":"injected by the test"}}`, code)
	return &http.Response{StatusCode: status, Status: fmt.Sprintf("%d %s", status, http.StatusText(status)), Header: h,
		Body: io.NopCloser(strings.NewReader(body)), ContentLength: int64(len(body))}
}

// azureEnv is the integration setting of issue 13: a CreditDesk instance serving as "Azure"
// (the source, from testdata/arm.json over TLS), a fake Entra ID, and the CreditDesk that syncs
// from them (local, from testdata/azure_local.json), each on its own database of the dialect.
type azureEnv struct {
	source  *harness
	entra   *fakeEntra
	local   *harness
	syncer  *azsync.Syncer
	faults  *faults
	logs    *logtest.Buffer
	account store.BillingAccount // the local billing account
}

// eachAzureEnv runs fn as a subtest on every database with a new Azure environment.
func eachAzureEnv(t *testing.T, fn func(t *testing.T, e *azureEnv)) {
	t.Helper()
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) { fn(t, newAzureEnv(t, d)) })
}

func newAzureEnv(t testing.TB, d store.Dialect) *azureEnv {
	t.Helper()
	e := &azureEnv{source: newARMHarness(t, d, "testdata/arm.json", armOptions{pageSize: 2}), logs: &logtest.Buffer{}}
	e.entra = newFakeEntra(t, ownerToken)
	pool := x509.NewCertPool()
	pool.AddCert(e.source.server.Certificate())
	pool.AddCert(e.entra.server.Certificate())
	e.faults = &faults{next: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	e.faults.set(nil)

	e.local = newClocks()
	s := storetest.Open(t, d, e.local.clocks())
	loadScenario(t, s, "testdata/azure_local.json")
	sealer, err := secrets.New(testSecretsKey)
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	e.syncer = azsync.New(azsync.Options{Store: s, Sealer: sealer, Clocks: e.local.clocks(), Log: log,
		Transport: &http.Client{Transport: e.faults}, Retry: policy.RetryOptions{MaxRetries: 3, RetryDelay: 10 * time.Millisecond}})
	deps := testDeps(s, e.local.clocks())
	deps.Config.SecureCookie, deps.Config.SecretsKey = true, testSecretsKey
	deps.Logger, deps.Azure = log, e.syncer
	e.local.store, e.local.server = s, httptest.NewTLSServer(newServer(t, deps))
	t.Cleanup(e.local.server.Close)
	if e.account, err = s.AccountByName(context.Background(), localAccount); err != nil {
		t.Fatal(err)
	}
	return e
}

// connect connects the local account to the source as an operator does (creditdesk azure
// connect with the source as a custom endpoint).
func (e *azureEnv) connect(t testing.TB) {
	t.Helper()
	_, _, err := e.syncer.Connect(context.Background(), store.User{Email: "operator (test)"}, e.account, azsync.ConnectInput{
		AzureAccount: accountName, Kind: string(azsync.ClientSecret), TenantID: testTenant, ClientID: testClient,
		ClientSecret: testSecret, ARMEndpoint: e.source.server.URL, AuthorityHost: e.entra.server.URL})
	if err != nil {
		t.Fatal(err)
	}
}

// secretForm is the Azure connection form an owner fills in for the test's app registration with
// the client secret, on Azure's public cloud.
func secretForm(secret string) url.Values {
	return url.Values{"azureAccount": {accountName}, "kind": {"clientSecret"}, "tenantId": {testTenant},
		"clientId": {testClient}, "clientSecret": {secret}, "cloud": {"public"}}
}

// sync syncs the local account now and fails the test unless it succeeds.
func (e *azureEnv) sync(t testing.TB) azsync.Result {
	t.Helper()
	res, err := e.syncer.SyncAccount(context.Background(), e.account)
	if err != nil {
		t.Fatal(err)
	}
	if res.Err != nil || res.Busy {
		t.Fatalf("sync: busy %t, %v\n%s", res.Busy, res.Err, e.logs.String())
	}
	return res
}

// setClock moves both instances' clocks, business and wall, to the same instant.
func (e *azureEnv) setClock(at time.Time) {
	e.source.clock.T, e.source.wall.T, e.local.clock.T, e.local.wall.T = at, at, at, at
}

// localOperator is the author of the operator's changes in the tests.
func (e *azureEnv) localOperator() store.User { return store.User{Email: "operator (test)"} }
