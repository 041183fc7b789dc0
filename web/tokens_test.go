package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/creditdesk/creditdesk/internal/store"
)

// TestTokensPage: a user creates a token (the secret shown once, only its hash stored), uses it
// on the API, sees it listed with its last use, revokes it, and the API refuses it from then on;
// every change is audited (X1).
func TestTokensPage(t *testing.T) {
	t.Parallel()
	h := newARMHarness(t, store.SQLite, "testdata/arm.json", armOptions{})
	c := h.signedIn(t, "engreader@northwind.example")
	resp, body := c.get("/tokens")
	if resp.StatusCode != http.StatusOK || doc(t, body).Find(`[data-testid="token-row"]`).Length() != 1 {
		t.Fatalf("tokens page: %d, want the scenario's one token\n%.500s", resp.StatusCode, body)
	}
	resp, body = c.post("/tokens", url.Values{"name": {"  "}, "expires": {"30"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Give the token a name") {
		t.Errorf("empty name: %d", resp.StatusCode)
	}
	// X2: a name with a control character, an expiry the form does not offer.
	resp, body = c.post("/tokens", url.Values{"name": {"t\x00x"}, "expires": {"30"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "without control characters") {
		t.Errorf("a NUL in the name: %d", resp.StatusCode)
	}
	resp, body = c.post("/tokens", url.Values{"name": {"one day"}, "expires": {"1"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "Choose one of the expiries offered") {
		t.Errorf("a one-day expiry: %d", resp.StatusCode)
	}
	resp, body = c.post("/tokens", url.Values{"name": {"finops script"}, "expires": {"90"}})
	secret := strings.TrimSpace(doc(t, body).Find(`[data-testid="token-secret"]`).Text())
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(secret, store.TokenPrefix) || len(secret) < 40 {
		t.Fatalf("create: %d, secret %q", resp.StatusCode, secret)
	}
	if resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("the page with a secret may be cached: %q", resp.Header.Get("Cache-Control"))
	}
	tok, _, err := h.store.TokenBySecret(context.Background(), secret)
	if err != nil || tok.TokenHash != store.HashToken(secret) || tok.ExpiresAt == nil || !tok.ExpiresAt.Equal(h.wall.T.AddDate(0, 0, 90)) {
		t.Fatalf("stored token: %+v %v", tok, err)
	}
	if r, b := apiGet(t, h, secret, profilePathARM+cons+"/lots?api-version=2021-10-01"); r.StatusCode != http.StatusOK {
		t.Errorf("the new token on the API: %d %s", r.StatusCode, b)
	}
	_, body = c.get("/tokens")
	if strings.Contains(body, secret) {
		t.Error("the secret is shown again")
	}
	var row *goquery.Selection
	doc(t, body).Find(`[data-testid="token-row"]`).Each(func(_ int, s *goquery.Selection) {
		if strings.Contains(s.Text(), "finops script") {
			row = s
		}
	})
	if row == nil || !strings.Contains(row.Text(), "2026-06-15 10:00 UTC") || !strings.Contains(row.Text(), "2026-09-13") {
		t.Fatalf("row of the new token: %v", row)
	}
	action, _ := row.Find("form").Attr("action")
	other := h.signedIn(t, "owner@northwind.example")
	if resp, _ := other.post(action, nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("another user revokes it: %d", resp.StatusCode)
	}
	if resp, _ := c.post(action, nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke: %d", resp.StatusCode)
	}
	_, body = c.get("/tokens")
	if !strings.Contains(body, "Revoked") || !strings.Contains(body, "The token is revoked") {
		t.Errorf("after revoking: %.800s", body)
	}
	r, b := apiGet(t, h, secret, profilePathARM+cons+"/lots?api-version=2021-10-01")
	wantARMError(t, r, b, http.StatusUnauthorized, "AuthenticationFailed", "revoked")
	audit, _ := h.store.AuditOf(context.Background(), "", 0, 20)
	var actions []string
	for _, e := range audit {
		if strings.HasPrefix(e.Action, "token.") && e.ActorEmail == "engreader@northwind.example" {
			actions = append(actions, e.Action)
		}
	}
	if strings.Join(actions, ",") != "token.revoked,token.created" {
		t.Errorf("audit %v", actions)
	}
}
