package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/azsync"
	"github.com/creditdesk/creditdesk/internal/secrets"
)

// TestAzureSecretsNeverShown: the client secret an owner enters is sealed (X1 holds for it as
// for any change: the audit log records the connection, never the secret) and appears in no
// log line, page, API answer or audit entry; changing the connection without it keeps it; a
// CreditDesk on that database without -secrets-key, or with another key, cannot use it and
// says so in plain words (issue 13). On both databases.
func TestAzureSecretsNeverShown(t *testing.T) {
	eachAzureEnv(t, func(t *testing.T, e *azureEnv) {
		owner := e.local.signedIn(t, localOwner)
		form := secretForm(testSecret)
		if resp, body := owner.post(localPath+"/azure", form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("connect: %d\n%.500s", resp.StatusCode, body)
		}
		// The operator points it at the test's "Azure"; the stored secret is kept.
		_, _, err := e.syncer.Connect(context.Background(), e.localOperator(), e.account, azsync.ConnectInput{
			AzureAccount: accountName, Kind: "clientSecret", TenantID: testTenant, ClientID: testClient,
			ARMEndpoint: e.source.server.URL, AuthorityHost: e.entra.server.URL})
		if err != nil {
			t.Fatal(err)
		}
		// The owner changes it without the secret, keeping the custom endpoint.
		form.Del("clientSecret")
		form.Set("cloud", "custom")
		if resp, body := owner.post(localPath+"/azure", form); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("change: %d\n%.500s", resp.StatusCode, body)
		}
		if resp, _ := owner.post(localPath+"/azure/sync", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("Sync now: %d", resp.StatusCode)
		}
		conn, err := e.local.store.AzureConnectionOf(context.Background(), e.account.ID)
		if err != nil || conn.LastSuccessAt == nil || conn.Problem != "" {
			t.Fatalf("the sync with the kept secret: %+v, %v\n%s", conn, err, e.logs.String())
		}
		if strings.Contains(conn.Credential, testSecret) || !strings.HasPrefix(conn.Credential, "v1.") {
			t.Error("the database holds the secret in clear")
		}
		e.secretSeenNowhere(t, conn.Credential)

		// A CreditDesk on this database without the key, or with another, cannot use it.
		other, _ := secrets.New("another-secrets-key-0123456789abcdef-9")
		for _, tc := range []struct {
			sealer *secrets.Sealer
			want   azsync.Problem
			words  string
		}{
			{nil, azsync.ProblemNoKey, "started without its secrets key"},
			{other, azsync.ProblemWrongKey, "sealed with another secrets key"},
		} {
			keyless := azsync.New(azsync.Options{Store: e.local.store, Sealer: tc.sealer, Clocks: e.local.clocks()})
			res, err := keyless.SyncAccount(context.Background(), e.account)
			if err != nil || res.Err == nil || res.Err.Problem != tc.want {
				t.Fatalf("without the key: %+v, %v", res.Err, err)
			}
			if got := owner.page(localPath+"/azure", http.StatusOK).Find(`[data-testid="sync-problem"]`).Text(); !strings.Contains(got, tc.words) {
				t.Errorf("the page says %q, want %q", got, tc.words)
			}
		}
		if e.entra.issued.Load() != 1 {
			t.Errorf("Entra ID issued %d tokens, want 1: the keyless instances must not sign in", e.entra.issued.Load())
		}
		e.keylessForm(t)
	})
}

// secretSeenNowhere fails if the client secret, or its sealed form, is in the logs, a page, an
// API answer or the audit log.
func (e *azureEnv) secretSeenNowhere(t *testing.T, sealed string) {
	t.Helper()
	leaks := func(where, text string) {
		t.Helper()
		for _, s := range []string{testSecret, sealed} {
			if strings.Contains(text, s) {
				t.Errorf("%s shows the secret (%.12s…)", where, s)
			}
		}
	}
	leaks("the log", e.logs.String())
	for _, email := range []string{localOwner, localReader} {
		c := e.local.signedIn(t, email)
		for _, p := range []string{localPath, localPath + "/azure", localPath + "/audit", localPath + "/credits",
			localPath + "/profiles/" + profileName + "/credits", localPath + "/profiles/" + profileName + "/audit"} {
			_, body := c.get(p)
			leaks(email+" "+p, body)
		}
	}
	arm := "/providers/Microsoft.Billing/billingAccounts/" + localAccount
	for _, p := range []string{"/providers/Microsoft.Billing/billingAccounts?api-version=2020-05-01", arm + "?api-version=2020-05-01",
		arm + "/billingProfiles?api-version=2020-05-01", arm + "/billingProfiles/" + profileName + cons + "/credits/balanceSummary?api-version=2021-10-01",
		arm + "/billingProfiles/" + profileName + cons + "/lots?api-version=2021-10-01",
		arm + "/billingProfiles/" + profileName + cons + "/events?api-version=2021-10-01&startDate=2020-01-01&endDate=2030-12-31"} {
		resp, body := apiGet(t, e.local, localToken, p)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s: %d", p, resp.StatusCode)
		}
		leaks("the API "+p, string(body))
	}
	entries, err := e.local.store.AuditOf(context.Background(), "/providers/Microsoft.Billing/billingAccounts/"+localAccount, 0, 1000)
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]int{}
	for _, a := range entries {
		actions[a.Action]++
		leaks("the audit entry "+a.Action, a.Target+a.Before+a.After+a.Detail)
	}
	if actions["azure.connected"] != 1 || actions["azure.changed"] != 2 || actions["azure.synced"] == 0 {
		t.Errorf("audit actions %v", actions)
	}
}

// keylessForm: a CreditDesk without -secrets-key offers no secret field and refuses one, naming
// the field.
func (e *azureEnv) keylessForm(t *testing.T) {
	t.Helper()
	deps := testDeps(e.local.store, e.local.clocks())
	deps.Config.SecureCookie = true
	h := &harness{store: e.local.store, clock: e.local.clock, wall: e.local.wall, server: httptest.NewTLSServer(newServer(t, deps))}
	defer h.server.Close()
	c := h.signedIn(t, localOwner)
	page := c.page(localPath+"/azure", http.StatusOK)
	if page.Find(`[data-testid="no-secrets-key"]`).Length() != 1 || page.Find(`[data-testid="form-secret"]`).Length() != 0 {
		t.Error("a keyless CreditDesk offers to store a secret")
	}
	resp, body := c.post(localPath+"/azure", secretForm("another secret"))
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "started without -secrets-key") {
		t.Errorf("a secret given to a keyless CreditDesk: %d\n%.300s", resp.StatusCode, body)
	}
}
