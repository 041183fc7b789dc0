package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
)

// TestAzureConnectionForm: each bad field of the connection form is named, with nothing stored
// and no secret sent back (X2); a new kind of credential needs its secret.
func TestAzureConnectionForm(t *testing.T) {
	t.Parallel()
	e := newAzureEnv(t, store.SQLite)
	owner := e.local.signedIn(t, localOwner)
	with := func(k, v string) url.Values {
		f := secretForm(testSecret)
		f.Set(k, v)
		return f
	}
	tests := []struct {
		name  string
		form  url.Values
		field string
	}{
		{"no account", with("azureAccount", ""), "azureAccount"},
		{"account with a slash", with("azureAccount", "a/b"), "azureAccount"},
		{"account not an MCA id", with("azureAccount", "bad"), "azureAccount"},
		{"unknown kind", with("kind", "password"), "kind"},
		{"tenant not a GUID", with("tenantId", "not a tenant"), "tenantId"},
		{"client not a GUID", with("clientId", "1234"), "clientId"},
		{"no secret", with("clientSecret", ""), "clientSecret"},
		{"bad certificate", with("kind", "certificate"), "certificate"},
		{"unknown cloud", with("cloud", "mars"), "cloud"},
		{"custom cloud never set", with("cloud", "custom"), "cloud"},
	}
	for _, tt := range tests {
		resp, body := owner.post(localPath+"/azure", tt.form)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `class="field-error"`) {
			t.Errorf("%s: status %d", tt.name, resp.StatusCode)
			continue
		}
		if strings.Contains(body, testSecret) {
			t.Errorf("%s: the form sends the secret back", tt.name)
		}
		d := doc(t, body)
		if got := d.Find(`[name="` + tt.field + `"]`).Parent().Find(".field-error").Text(); got == "" {
			t.Errorf("%s: no error on field %s", tt.name, tt.field)
		}
	}
	if _, err := e.local.store.AzureConnectionOf(context.Background(), e.account.ID); err == nil {
		t.Fatal("a refused form stored a connection")
	}
	if resp, _ := owner.post(localPath+"/azure", secretForm(testSecret)); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("connect: %d", resp.StatusCode)
	}
	// Another kind of credential needs its own secret; the same kind keeps the stored one.
	if resp, _ := owner.post(localPath+"/azure", with("kind", "certificate")); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a certificate connection without a certificate: %d", resp.StatusCode)
	}
	if resp, _ := owner.post(localPath+"/azure", with("clientSecret", "")); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("a change keeping the secret: %d", resp.StatusCode)
	}
	page := owner.page(localPath+"/azure", http.StatusOK)
	if got := page.Find(`[data-testid="azure-credential"]`).Text(); !strings.Contains(got, "never shown again") {
		t.Errorf("credential shown as %q", got)
	}
	if got := page.Find(`[data-testid="sync-status"]`).Text(); !strings.Contains(got, "Waiting for the first sync") {
		t.Errorf("status %q", got)
	}
}

// TestAzureSyncedProfileIsAzures: on a synced profile the ledger is Azure's: a credit cannot be
// canceled nor charges uploaded locally (X1), and once disconnected the profile keeps its
// history, still untouched by the processing run; connecting again resumes.
func TestAzureSyncedProfileIsAzures(t *testing.T) {
	t.Parallel()
	e := newAzureEnv(t, store.SQLite)
	e.connect(t)
	e.sync(t)
	owner := e.local.signedIn(t, localOwner)
	credits := localPath + "/profiles/" + profileName + "/credits"
	if resp, body := owner.post(credits+"/lots/c81e5b07-2d94-4a6f-b3e8-6f0a9d7c5e12/cancel", url.Values{}); resp.StatusCode != http.StatusConflict ||
		!strings.Contains(body, "synced from Azure") {
		t.Errorf("cancel a synced credit: %d\n%.300s", resp.StatusCode, body)
	}
	resp, body := owner.uploadCSV(localPath+"/profiles/"+profileName+"/charges/upload", "costs.csv",
		"billingProfileId,date,costInBillingCurrency,billingCurrency,productName\n"+profileName+",2026-06-10,12.50,USD,Virtual Machines\n")
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "synced from Azure") {
		t.Errorf("upload to a synced profile: %d\n%.300s", resp.StatusCode, body)
	}
	before := readView(t, e.local, localToken, localAccount, profileName)
	if resp, _ := owner.post(localPath+"/azure/delete", url.Values{}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("disconnect: %d", resp.StatusCode)
	}
	e.local.clock.T = e.local.clock.T.AddDate(0, 2, 0)
	if r, err := e.local.store.ProcessAll(context.Background(), ledger.DateOf(e.local.clock.T)); err != nil || r.Invoices != 0 {
		t.Errorf("processing a disconnected synced profile: %+v, %v", r, err)
	}
	e.local.clock.T = e.local.clock.T.AddDate(0, -2, 0)
	sameView(t, "disconnected", readView(t, e.local, localToken, localAccount, profileName), before)
	page := owner.page(credits, http.StatusOK)
	if got := page.Find(`[data-testid="synced-from-azure"]`).Text(); !strings.Contains(got, "connection to Azure was removed") {
		t.Errorf("notice %q", got)
	}
	if got := owner.page(localPath+"/azure", http.StatusOK).Find(`[data-testid="not-connected"]`).Length(); got != 1 {
		t.Error("the page still shows a connection")
	}
	e.connect(t)
	e.sync(t)
	e.sameAsSource(t, "connected again")
}
