package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/store"
)

// apiToken is the API token TestAPIRoleMatrix gives a caller of the cookie matrix.
func apiToken(email string) string { return "api-matrix-token-" + email }

// accountList is what the API's list of billing accounts says with their profiles expanded.
type accountList struct {
	Value []struct {
		Name       string
		Properties struct {
			HasReadAccess   bool
			BillingProfiles struct{ Value []struct{ Name string } }
		}
	}
}

// giveTokens gives each caller but the anonymous one its token, apiToken(email), named name.
func giveTokens(t *testing.T, h *harness, name string) {
	t.Helper()
	for _, c := range callers[1:] {
		if _, err := h.store.EnsureToken(context.Background(), h.user(t, c.email).ID, name, apiToken(c.email)); err != nil {
			t.Fatal(err)
		}
	}
}

// apiMatrix lists every API route for the callers of the cookie matrix (testdata/roles.json:
// anonymous, account owner, contributor, reader, profile owner, contributor, reader, invoice
// manager, outsider), each calling with a token of their own (M3, contract §1.7). Anonymous
// callers get 401; a scope the caller holds no role on is 403 AuthorizationFailed, as ARM
// answers; roles on a profile reach it but not its account (except the profiles list, which
// shows them what they reach); an account role reaches every profile.
var apiMatrix = map[string]struct {
	path string
	want [9]int
}{
	"GET " + armAccountsRP: {armAccountsRP + "?api-version=2020-05-01", [9]int{unauth, ok, ok, ok, ok, ok, ok, ok, ok}},
	"GET " + armRP:         {armAcc + "?api-version=2020-05-01", [9]int{unauth, ok, ok, ok, no, no, no, no, no}},
	"GET " + armRP + "/billingProfiles": {armAcc + "/billingProfiles?api-version=2024-04-01",
		[9]int{unauth, ok, ok, ok, ok, ok, ok, ok, no}},
	"GET " + armPP: {profilePathARM + "?api-version=2024-04-01", [9]int{unauth, ok, ok, ok, ok, ok, ok, ok, no}},
	"GET " + armPP + cons + "/credits/balanceSummary": {profilePathARM + cons + "/credits/balanceSummary?api-version=2019-10-01",
		[9]int{unauth, ok, ok, ok, ok, ok, ok, ok, no}},
	"GET " + armPP + cons + "/lots": {profilePathARM + cons + "/lots?api-version=2021-10-01",
		[9]int{unauth, ok, ok, ok, ok, ok, ok, ok, no}},
	"GET " + armRP + cons + "/lots": {armAcc + cons + "/lots?api-version=2021-10-01",
		[9]int{unauth, ok, ok, ok, no, no, no, no, no}},
	"GET " + armRP + "/customers/:customer" + cons + "/lots": {armAcc + "/customers/c1" + cons + "/lots?api-version=2021-10-01",
		[9]int{unauth, gone, gone, gone, no, no, no, no, no}},
	"GET " + armPP + cons + "/events": {profilePathARM + cons + "/events?api-version=2021-10-01&startDate=2026-01-01&endDate=2026-12-31",
		[9]int{unauth, ok, ok, ok, ok, ok, ok, ok, no}},
	"GET " + armRP + cons + "/events": {armAcc + cons + "/events?api-version=2021-10-01",
		[9]int{unauth, ok, ok, ok, no, no, no, no, no}},
}

// The route patterns of the ARM scopes.
const (
	armRP = "/providers/Microsoft.Billing/billingAccounts/:account"
	armPP = armRP + "/billingProfiles/:profile"
)

// TestAPIRoleMatrix calls every API route as every billing role with a token and checks the
// status (M3); the matrix must list every route of the API's table, and exactly those routes
// are under /providers/ (where the API's group answers with its own middleware).
func TestAPIRoleMatrix(t *testing.T) {
	t.Parallel()
	h := newARMHarness(t, store.SQLite, "testdata/roles.json", armOptions{})
	giveTokens(t, h, "matrix")
	listed := map[string]bool{}
	for _, r := range h.web.APIRoutes() {
		key := r.Method + " " + r.Path
		if _, ok := apiMatrix[key]; !ok {
			t.Errorf("API route %q is not in the API matrix: add a row for it", key)
		}
		listed[key] = true
	}
	for _, key := range h.web.Registered() {
		key = strings.Replace(key, http.MethodHead+" ", http.MethodGet+" ", 1) // the twin of a GET route
		if _, path, _ := strings.Cut(key, " "); strings.HasPrefix(path, "/providers/") && !listed[key] {
			t.Errorf("route %s is under /providers/ but not in the API's route table", key)
		}
	}
	for _, r := range h.web.Routes() {
		if strings.HasPrefix(r.Path, "/providers/") {
			t.Errorf("portal route %s %s is under the API's prefix", r.Method, r.Path)
		}
	}
	for key, row := range apiMatrix {
		if !listed[key] {
			t.Errorf("API matrix row %q matches no route", key)
		}
		for i, caller := range callers {
			tok := ""
			if caller.email != "" {
				tok = apiToken(caller.email)
			}
			resp, body := apiGet(t, h, tok, row.path)
			if resp.StatusCode != row.want[i] {
				t.Errorf("%s as %s: %d, want %d\n%.300s", row.path, caller.name, resp.StatusCode, row.want[i], body)
				continue
			}
			switch resp.StatusCode {
			case unauth:
				wantARMError(t, resp, body, unauth, "AuthenticationFailed", "Authorization")
				if !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
					t.Errorf("%s: 401 without WWW-Authenticate: Bearer", row.path)
				}
			case no:
				wantARMError(t, resp, body, no, "AuthorizationFailed", "does not have authorization")
			}
		}
	}
}

// TestAPIEachRoleSeesItsScopes: the accounts list and the profiles list show each caller exactly
// the scopes its roles reach (M3), with hasReadAccess only for a role on the account itself; a
// reader of one profile gets 403 on another (contract §1.7).
func TestAPIEachRoleSeesItsScopes(t *testing.T) {
	t.Parallel()
	h := newARMHarness(t, store.SQLite, "testdata/arm.json", armOptions{})
	all := []string{profileName, marketingName, researchName}
	for _, tt := range []struct {
		caller, token string
		account       string
		read          bool
		profiles      []string
	}{
		{"account owner", ownerToken, accountName, true, all},
		{"account reader", readerToken, accountName, true, all},
		{"profile reader", profileToken, accountName, false, []string{profileName}},
		{"invoice manager", invoiceToken, accountName, false, []string{profileName}},
		{"outsider", outsiderToken, "8608480", true, nil},
	} {
		var list accountList
		_, body := apiGet(t, h, tt.token, "/providers/Microsoft.Billing/billingAccounts?api-version=2020-05-01&%24expand=billingProfiles")
		if err := json.Unmarshal(body, &list); err != nil || len(list.Value) != 1 {
			t.Fatalf("%s: %v %s", tt.caller, err, body)
		}
		a := list.Value[0]
		var got []string
		for _, p := range a.Properties.BillingProfiles.Value {
			got = append(got, p.Name)
		}
		slices.Sort(got)
		want := slices.Sorted(slices.Values(tt.profiles))
		if a.Name != tt.account || a.Properties.HasReadAccess != tt.read || !slices.Equal(got, want) {
			t.Errorf("%s sees %s (read %t) with %v, want %s (read %t) with %v", tt.caller, a.Name, a.Properties.HasReadAccess, got, tt.account, tt.read, want)
		}
		if tt.account != accountName {
			continue
		}
		var profiles struct{ Value []struct{ Name string } }
		_, body = apiGet(t, h, tt.token, armAcc+"/billingProfiles?api-version=2024-04-01")
		_ = json.Unmarshal(body, &profiles)
		got = got[:0]
		for _, p := range profiles.Value {
			got = append(got, p.Name)
		}
		slices.Sort(got)
		if !slices.Equal(got, want) {
			t.Errorf("%s lists profiles %v, want %v", tt.caller, got, want)
		}
	}
	other := "/providers/Microsoft.Billing/billingAccounts/" + accountName + "/billingProfiles/" + marketingName
	for _, token := range []string{profileToken, invoiceToken} {
		for _, p := range []string{other + "?api-version=2020-05-01", other + cons + "/credits/balanceSummary?api-version=2021-10-01",
			other + cons + "/lots?api-version=2021-10-01", other + cons + "/events?api-version=2021-10-01&startDate=2026-01-01&endDate=2026-06-30"} {
			resp, body := apiGet(t, h, token, p)
			wantARMError(t, resp, body, http.StatusForbidden, "AuthorizationFailed", "/billingProfiles/"+marketingName)
		}
	}
	var c struct {
		Properties struct {
			BalanceSummary struct{ CurrentBalance struct{ Value float64 } }
		}
	}
	_, body := apiGet(t, h, invoiceToken, profilePathARM+cons+"/credits/balanceSummary?api-version=2021-10-01")
	if err := json.Unmarshal(body, &c); err != nil || c.Properties.BalanceSummary.CurrentBalance.Value <= 0 {
		t.Errorf("invoice manager's credit balance: %v %s", err, body) // M3: every role sees the credit balance
	}
}

// TestAPITokenStates: a revoked or expired token is 401 AuthenticationFailed; the session cookie
// is never accepted on the API; a token's last use is recorded at most once a minute.
func TestAPITokenStates(t *testing.T) {
	t.Parallel()
	h := newARMHarness(t, store.SQLite, "testdata/arm.json", armOptions{})
	ctx := context.Background()
	path := profilePathARM + cons + "/credits/balanceSummary?api-version=2021-10-01"
	owner := h.user(t, "owner@northwind.example")
	exp := h.wall.T.Add(time.Hour)
	secret, tok, err := h.store.CreateToken(ctx, owner, owner, "expiring", &exp)
	if err != nil {
		t.Fatal(err)
	}
	if resp, body := apiGet(t, h, secret, path); resp.StatusCode != ok {
		t.Fatalf("fresh token: %d %s", resp.StatusCode, body)
	}
	h.wall.T = h.wall.T.Add(30 * time.Second)
	apiGet(t, h, secret, path)
	list, _ := h.store.TokensOfUser(ctx, owner.ID)
	for _, x := range list {
		if x.ID == tok.ID && (x.LastUsedAt == nil || !x.LastUsedAt.Equal(exp.Add(-time.Hour))) {
			t.Errorf("last used %v, want the first use (throttled to once a minute)", x.LastUsedAt)
		}
	}
	h.wall.T = exp
	resp, body := apiGet(t, h, secret, path)
	wantARMError(t, resp, body, unauth, "AuthenticationFailed", "expired")
	if err := h.store.RevokeToken(ctx, owner, mustTokenID(t, h, ownerToken)); err != nil {
		t.Fatal(err)
	}
	resp, body = apiGet(t, h, ownerToken, path)
	wantARMError(t, resp, body, unauth, "AuthenticationFailed", "revoked")
	resp, body = apiGet(t, h, "cdt_not-a-token", path)
	wantARMError(t, resp, body, unauth, "AuthenticationFailed", "not valid")
	if resp.Header.Get("WWW-Authenticate") != `Bearer realm="CreditDesk", error="invalid_token"` {
		t.Errorf("WWW-Authenticate %q", resp.Header.Get("WWW-Authenticate"))
	}
	// Signed in with a cookie, but no bearer token: 401 (the cookie is never read on the API).
	c := h.signedIn(t, "reader@northwind.example")
	r2, b2 := c.get(path)
	if r2.StatusCode != unauth || !strings.Contains(b2, "AuthenticationFailed") {
		t.Errorf("cookie on the API: %d %s", r2.StatusCode, b2)
	}
}

// mustTokenID finds a token's id by its secret.
func mustTokenID(t *testing.T, h *harness, secret string) int64 {
	t.Helper()
	tok, _, err := h.store.TokenBySecret(context.Background(), secret)
	if err != nil {
		t.Fatal(err)
	}
	return tok.ID
}

// Paths of the API tests: the billing accounts list (B1), the account of testdata/roles.json and
// testdata/arm.json, and the consumption provider's prefix.
const (
	armAccountsRP = "/providers/Microsoft.Billing/billingAccounts"
	armAcc        = armAccountsRP + "/" + accountName
	cons          = "/providers/Microsoft.Consumption"
	unauth        = http.StatusUnauthorized
)

// noToken is the cookie matrix's row of every API route: 401 for all, signed in or not.
var noToken = [9]int{unauth, unauth, unauth, unauth, unauth, unauth, unauth, unauth, unauth}
