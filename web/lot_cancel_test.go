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

// TestOwnerCancelsACredit: an owner cancels a lot from the credits list; its balance leaves the
// ledger as a canceled-credit transaction (M13) and it shows as canceled (M8); a reader sees no
// cancel button and is refused (M3); canceling twice is refused.
func TestOwnerCancelsACredit(t *testing.T) {
	h := newHarness(t, store.SQLite, "testdata/roles.json", false)
	loadScenario(t, h.store, ledgerFile)
	h.clock.T = ledgerDay
	if _, err := h.store.ProcessAll(context.Background(), ledger.DateOf(ledgerDay)); err != nil {
		t.Fatal(err)
	}
	cancel := creditsPath + "/lots/prepaid/cancel"
	reader := h.client(t)
	reader.signIn("profile.reader@northwind.example")
	_, page := reader.get(creditsPath)
	if doc(t, page).Find(`[data-testid="lot-cancel"]`).Length() != 0 {
		t.Error("a reader is offered to cancel credit")
	}
	if resp, _ := reader.post(cancel, url.Values{}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a reader cancels: status %d, want 403", resp.StatusCode)
	}
	owner := h.client(t)
	owner.signIn("account.owner@northwind.example")
	_, page = owner.get(creditsPath)
	if doc(t, page).Find(`[data-testid="lot-cancel"]`).Length() != 1 {
		t.Error("the owner is not offered to cancel the one live credit")
	}
	resp, _ := owner.post(cancel, url.Values{})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != creditsPath {
		t.Fatalf("cancel: status %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, page = owner.get(creditsPath)
	d := doc(t, page)
	if got := d.Find(`[data-testid="current-balance"]`).Text(); got != "USD 0.00" {
		t.Errorf("current balance after canceling the last credit %q, want USD 0.00", got)
	}
	if !strings.Contains(d.Find(`[data-testid="transactions"]`).Text(), "Canceled credit") {
		t.Error("no canceled-credit transaction")
	}
	if resp, _ := owner.post(cancel, url.Values{}); resp.StatusCode != http.StatusConflict {
		t.Errorf("canceling twice: status %d, want 409", resp.StatusCode)
	}
}
