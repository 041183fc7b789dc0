package web_test

import (
	"net/http"
	"net/url"
	"testing"
)

// TestHeadAnswersAsGet (RFC 9110 9.3.2): every GET route answers HEAD with GET's status and
// headers and no body, by the same rule: the probes a load balancer or monitor asks, a page
// signed in and not, the API with and without a token.
func TestHeadAnswersAsGet(t *testing.T) {
	t.Parallel()
	h, owner := rolesAs(t, "account.owner@northwind.example")
	giveTokens(t, h, "head")
	anonymous := h.client(t)
	bearer := map[string]string{"Authorization": "Bearer " + apiToken("account.owner@northwind.example")}
	lots := "/providers/Microsoft.Billing/billingAccounts/" + url.PathEscape(accountName) + "/billingProfiles/" +
		profileName + "/providers/Microsoft.Consumption/lots?api-version=2021-10-01"
	for _, tt := range []struct {
		name    string
		c       *client
		path    string
		headers map[string]string
		status  int
	}{
		{"liveness probe", anonymous, "/healthz", nil, http.StatusOK},
		{"readiness probe", anonymous, "/readyz", nil, http.StatusOK},
		{"page signed in", owner, "/scopes", nil, http.StatusOK},
		{"page signed out", anonymous, "/scopes", nil, http.StatusSeeOther},
		{"API with a token", anonymous, lots, bearer, http.StatusOK},
		{"API without a token", anonymous, lots, nil, http.StatusUnauthorized},
	} {
		get, _ := tt.c.do(http.MethodGet, tt.path, nil, tt.headers)
		head, body := tt.c.do(http.MethodHead, tt.path, nil, tt.headers)
		if get.StatusCode != tt.status || head.StatusCode != tt.status || body != "" ||
			head.Header.Get("Content-Type") != get.Header.Get("Content-Type") {
			t.Errorf("%s: GET %d, HEAD %d with %d bytes and Content-Type %q (GET's %q); want %d and no body", tt.name,
				get.StatusCode, head.StatusCode, len(body), head.Header.Get("Content-Type"), get.Header.Get("Content-Type"), tt.status)
		}
	}
}
