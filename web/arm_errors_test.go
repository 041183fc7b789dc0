package web_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/consumption/armconsumption"

	"github.com/creditdesk/creditdesk/internal/store"
)

// TestAPIErrors: every bad request gets the ARM error status and code, with a message naming
// the parameter at fault (contract §1.7, X2).
func TestAPIErrors(t *testing.T) {
	t.Parallel()
	h := newARMHarness(t, store.SQLite, "testdata/arm.json", armOptions{pageSize: 2})
	events := profilePathARM + cons + "/events?api-version=2021-10-01"
	lots := profilePathARM + cons + "/lots?api-version=2021-10-01"
	_, first := apiGet(t, h, ownerToken, lots)
	otherList := nextSkipToken(t, first)
	for _, tt := range []struct {
		path         string
		status       int
		code, naming string
	}{
		{"/providers/Microsoft.Billing/billingAccounts", 400, "MissingApiVersionParameter", "api-version"},
		{profilePathARM + cons + "/credits/balanceSummary", 400, "MissingApiVersionParameter", "api-version"},
		{armAcc + "?api-version=2021-10-01", 400, "InvalidApiVersionParameter", "2019-10-01-preview,2020-05-01,2024-04-01"},
		{profilePathARM + cons + "/lots?api-version=2019-10-01-preview", 400, "InvalidApiVersionParameter", "'2019-10-01-preview' is invalid"},
		{armAcc + cons + "/lots?api-version=2019-10-01", 400, "InvalidApiVersionParameter", "2021-10-01"}, // account scope: 2021-10-01+
		{events, 400, "BadRequest", "'startDate'"},
		{events + "&startDate=2026-01-01", 400, "BadRequest", "'endDate' is invalid: it is required"},
		{events + "&startDate=2026-01-01&endDate=31.12.2026", 400, "BadRequest", "'endDate' is invalid: \"31.12.2026\" is not a date"},
		{events + "&startDate=2026-06-01&endDate=2026-05-01", 400, "BadRequest", "before startDate"},
		{armAcc + cons + "/lots?api-version=2021-10-01&%24filter=" + url.QueryEscape("status eq 'active' or status eq 'expired'"), 400, "BadRequest", "'$filter' is invalid: at character 20: 'or' is not supported"},
		{armAcc + cons + "/events?api-version=2021-10-01&%24filter=" + url.QueryEscape("amount gt 5"), 400, "BadRequest", "'$filter'"},
		{lots + "&%24skiptoken=forged", 400, "BadRequest", "'$skiptoken'"},
		{events + "&startDate=2026-01-01&endDate=2026-12-31&%24skiptoken=" + url.QueryEscape(otherList), 400, "BadRequest", "'$skiptoken'"},
		{"/providers/Microsoft.Billing/billingAccounts/no-such-account?api-version=2020-05-01", 404, "ResourceNotFound", "no-such-account"},
		{armAcc + "/billingProfiles/NOPE-0000-000-000?api-version=2020-05-01", 404, "ResourceNotFound", "NOPE-0000-000-000"},
		{armAcc + "/invoices?api-version=2020-05-01", 404, "NotFound", "No API operation"},
		{"/providers/Microsoft.Compute/virtualMachines?api-version=2024-01-01", 404, "NotFound", "No API operation"},
	} {
		resp, body := apiGet(t, h, ownerToken, tt.path)
		wantARMError(t, resp, body, tt.status, tt.code, tt.naming)
	}
	// Another method on an API path is refused with ARM's JSON too, and no CSRF token is asked for.
	req, _ := http.NewRequest(http.MethodPost, h.server.URL+armAcc+"?api-version=2020-05-01", nil)
	req.Header.Set("Authorization", "Bearer "+ownerToken)
	resp, err := h.server.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed || resp.Header.Get("x-ms-error-code") != "MethodNotAllowed" {
		t.Errorf("POST on the API: %d %s", resp.StatusCode, resp.Header.Get("x-ms-error-code"))
	}
}

// nextSkipToken returns the $skiptoken of a page's nextLink.
func nextSkipToken(t *testing.T, body []byte) string {
	t.Helper()
	_, after, ok := strings.Cut(string(body), `"nextLink":"`)
	link, _, _ := strings.Cut(after, `"`)
	u, err := url.Parse(link)
	if !ok || err != nil || u.Query().Get("$skiptoken") == "" {
		t.Fatalf("no nextLink in %s", body)
	}
	return u.Query().Get("$skiptoken")
}

// TestAPIPathsAndQueries: literal segments in any case, ":" or "%3A" in the account name, a
// query parameter name in any case, and nextLinks built from the request's own host (contract
// §1.2, §1.3, §1.6).
func TestAPIPathsAndQueries(t *testing.T) {
	t.Parallel()
	h := newARMHarness(t, store.SQLite, "testdata/arm.json", armOptions{pageSize: 2})
	escaped := strings.Replace(accountName, ":", "%3A", 1)
	for _, p := range []string{
		"/PROVIDERS/microsoft.billing/BILLINGACCOUNTS/" + escaped + "/billingprofiles/pbfv-ab12-cd3-ef4/providers/microsoft.consumption/credits/balancesummary?api-version=2021-10-01",
		"/providers/Microsoft.Billing/billingAccounts/" + escaped + "/billingProfiles/" + profileName + "/providers/Microsoft.Consumption/credits/balanceSummary?API-Version=2019-10-01",
		"/providers/microsoft.billing/billingaccounts/" + strings.ToUpper(accountName) + "?api-version=2019-10-01-Preview",
	} {
		if resp, body := apiGet(t, h, readerToken, p); resp.StatusCode != http.StatusOK {
			t.Errorf("%s: %d %s", p, resp.StatusCode, body)
		}
	}
	// A filter sent as "filter" (no $) still applies on every page the nextLinks lead to.
	link := h.server.URL + armAcc + cons + "/lots?api-version=2021-10-01&filter=" + url.QueryEscape("source eq 'promotionalcredit'")
	for pages := 0; link != ""; pages++ {
		resp, body := apiGet(t, h, readerToken, strings.TrimPrefix(link, h.server.URL))
		var p struct {
			Value []struct {
				Properties struct{ Source string }
			}
			NextLink string
		}
		if err := json.Unmarshal(body, &p); err != nil || resp.StatusCode != http.StatusOK || pages > 5 {
			t.Fatalf("page %d: %d %s", pages, resp.StatusCode, body)
		}
		for _, l := range p.Value {
			if l.Properties.Source != "PromotionalCredit" {
				t.Errorf("page %d has a %s lot", pages, l.Properties.Source)
			}
		}
		link = p.NextLink
	}
	_, body := apiGet(t, h, readerToken, strings.Replace(profilePathARM, "billingProfiles", "BillingProfiles", 1)+cons+"/lots?api-version=2019-10-01")
	_, after, _ := strings.Cut(string(body), `"nextLink":"`)
	if !strings.HasPrefix(after, h.server.URL+"/providers/Microsoft.Billing/billingAccounts/"+accountName+"/billingProfiles/") ||
		!strings.Contains(after, "api-version=2019-10-01") {
		t.Errorf("nextLink %.300s", after)
	}
}

// TestAPIRateLimit: past its per-token limit a caller gets 429 with Retry-After (which the SDK
// honours) and the consumption-specific header; other tokens are not affected.
func TestAPIRateLimit(t *testing.T) {
	t.Parallel()
	h := newARMHarness(t, store.SQLite, "testdata/arm.json", armOptions{rateLimit: 2})
	path := profilePathARM + cons + "/credits/balanceSummary?api-version=2021-10-01"
	for i := 0; i < 2; i++ {
		if resp, _ := apiGet(t, h, readerToken, path); resp.StatusCode != http.StatusOK {
			t.Fatalf("request %d: %d", i, resp.StatusCode)
		}
	}
	resp, body := apiGet(t, h, readerToken, path)
	wantARMError(t, resp, body, http.StatusTooManyRequests, "TooManyRequests", "Retry after 30 seconds")
	if resp.Header.Get("Retry-After") != "30" || resp.Header.Get("x-ms-ratelimit-microsoft.consumption-retry-after") != "30" {
		t.Errorf("retry headers %v", resp.Header)
	}
	if resp, _ := apiGet(t, h, ownerToken, path); resp.StatusCode != http.StatusOK {
		t.Errorf("another token: %d", resp.StatusCode)
	}
	client, _ := armconsumption.NewCreditsClient(staticToken(readerToken), sdkOptions(h))
	_, err := client.Get(context.Background(), accountName, profileName, nil)
	var re *azcore.ResponseError
	if !errors.As(err, &re) || re.StatusCode != http.StatusTooManyRequests || re.ErrorCode != "TooManyRequests" {
		t.Errorf("SDK error: %v", err)
	}
}
