package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
)

// TestOwnerCancelsACredit: on 05-20 of the worked example, an owner cancels the one credit the
// page offers to cancel: its credit leaves the estimate at once as a pending canceled-credit
// transaction (M12, M13) and it shows as canceled (M8); the May invoice later settles it, dated
// its day. A reader sees no cancel button and is refused (M3); the expired credit and canceling
// twice are refused with 409 and a sentence.
func TestOwnerCancelsACredit(t *testing.T) {
	t.Parallel()
	h := newHarness(t, store.SQLite, "testdata/roles.json", false)
	loadScenario(t, h.store, ledgerFile)
	process := func(day time.Time) {
		h.clock.T = day
		if _, err := h.store.ProcessAll(context.Background(), ledger.DateOf(day)); err != nil {
			t.Fatal(err)
		}
	}
	process(time.Date(2026, 5, 20, 9, 0, 0, 0, time.UTC)) // promo expired on 05-15, not settled yet
	cancelPath := func(lot string) string { return creditsPath + "/lots/" + lot + "/cancel" }
	reader := h.client(t)
	reader.signIn("profile.reader@northwind.example")
	_, page := reader.get(creditsPath)
	if doc(t, page).Find(`[data-testid="lot-cancel"]`).Length() != 0 {
		t.Error("a reader is offered to cancel credit")
	}
	if resp, _ := reader.post(cancelPath("prepaid"), url.Values{}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a reader cancels: status %d, want 403", resp.StatusCode)
	}
	owner := h.client(t)
	owner.signIn("account.owner@northwind.example")
	_, page = owner.get(creditsPath)
	d := doc(t, page)
	if n := d.Find(`[data-testid="lot-cancel"]`).Length(); n != 1 {
		t.Errorf("the owner is offered to cancel %d credits, want 1 (not the expired one)", n)
	}
	current := d.Find(`[data-testid="current-balance"]`).Text()
	if resp, body := owner.post(cancelPath("promo"), url.Values{}); resp.StatusCode != http.StatusConflict ||
		!strings.Contains(body, "Credit promo cannot be canceled: it has expired") {
		t.Errorf("canceling the expired credit: status %d", resp.StatusCode)
	}
	resp, _ := owner.post(cancelPath("prepaid"), url.Values{})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != creditsPath {
		t.Fatalf("cancel: status %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, page = owner.get(creditsPath)
	d = doc(t, page)
	// The current balance is as of the last invoice; the estimate loses prepaid's 2,000.00, and
	// the 400.00 charged on 05-20 (prepaid's cancellation day) is no longer covered.
	if got := d.Find(`[data-testid="current-balance"]`).Text(); got != current {
		t.Errorf("current balance %q, want it unchanged %q", got, current)
	}
	for id, want := range map[string]string{"estimated-balance": "USD 0.00", "canceled-credit": "-USD 2,000.00", "uncovered": "USD 400.00"} {
		if got := d.Find(`[data-testid="` + id + `"]`).Text(); !strings.Contains(got, want) {
			t.Errorf("%s: %q, want %q", id, got, want)
		}
	}
	pending := d.Find(`[data-testid="tx-row"].pending`).Text()
	if !strings.Contains(pending, "Canceled credit") || d.Find(`[data-testid="lot-cancel"]`).Length() != 0 {
		t.Errorf("after canceling: pending rows %q, %d cancel buttons", pending, d.Find(`[data-testid="lot-cancel"]`).Length())
	}
	if !strings.Contains(d.Find(`[data-testid="lots"]`).Text(), "Canceled") {
		t.Error("the credit does not show as canceled")
	}
	if resp, body := owner.post(cancelPath("prepaid"), url.Values{}); resp.StatusCode != http.StatusConflict ||
		!strings.Contains(body, "already canceled") {
		t.Errorf("canceling twice: status %d", resp.StatusCode)
	}
	process(ledgerDay)  // the May invoice settles the cancellation
	owner = h.client(t) // weeks later: a new session
	owner.signIn("account.owner@northwind.example")
	_, page = owner.get(creditsPath)
	d = doc(t, page)
	if got := d.Find(`[data-testid="current-balance"]`).Text(); got != "USD 0.00" {
		t.Errorf("current balance after the May invoice %q, want USD 0.00", got)
	}
	settled := d.Find(`[data-testid="tx-row"]:not(.pending)`).Text()
	if !strings.Contains(settled, "Canceled credit") {
		t.Errorf("no settled canceled-credit transaction in %q", settled)
	}
}
