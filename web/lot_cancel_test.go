package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestOwnerCancelsACredit: on 05-20 of the worked example, an owner selects the one credit the
// page lets them select for Cancel credit, confirms, and its credit leaves the estimate at once
// as a pending canceled-credit transaction (M12, M13) and it shows as canceled (M8); the May
// invoice later settles it, dated its day. A reader sees no Cancel credit and is refused (M3);
// the expired credit and canceling twice are refused with 409 and a sentence.
func TestOwnerCancelsACredit(t *testing.T) {
	t.Parallel()
	h := rolesHarness(t)
	h.addLedger(t, time.Date(2026, 5, 20, 9, 0, 0, 0, time.UTC)) // promo expired on 05-15, not settled yet
	cancelPath := func(lot string) string { return creditsPath + "/lots/" + lot + "/cancel" }
	reader := h.signedIn(t, "profile.reader@northwind.example")
	_, page := reader.get(creditsPath)
	if d := doc(t, page); d.Find(`[data-testid="lot-cancel"], [data-testid="lot-select"]`).Length() != 0 {
		t.Error("a reader is offered to cancel credit")
	}
	if _, page := reader.get(creditsPath + "?cancel=prepaid"); doc(t, page).Find(`#lot-cancel-dialog`).Length() != 0 {
		t.Error("a reader is asked to confirm canceling a credit")
	}
	if resp, _ := reader.post(cancelPath("prepaid"), url.Values{}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a reader cancels: status %d, want 403", resp.StatusCode)
	}
	owner := h.signedIn(t, "account.owner@northwind.example")
	_, page = owner.get(creditsPath)
	d := doc(t, page)
	if n := d.Find(`[data-testid="lot-select"]`).Length(); n != 1 || d.Find(`[data-testid="lot-select"]`).AttrOr("value", "") != "prepaid" {
		t.Errorf("the owner may select %d credits to cancel, want 1, prepaid (not the expired one)", n)
	}
	if d.Find(`[data-testid="lot-cancel"]`).Length() != 1 || d.Find(`#lot-cancel-dialog`).Length() != 0 {
		t.Error("no Cancel credit command, or a confirmation nobody asked for")
	}
	// Cancel credit with prepaid selected asks to confirm, in a dialog that posts to its cancel
	// route; the expired promo has no selection button, and asked for by hand it is refused.
	_, page = owner.get(creditsPath + "?cancel=prepaid")
	confirm := doc(t, page).Find(`#lot-cancel-dialog`)
	if action := confirm.Find(`form[method=post]`).AttrOr("action", ""); action != cancelPath("prepaid") ||
		!strings.Contains(confirm.Text(), "Cancel credit prepaid?") || confirm.Find(`input[name=_csrf]`).Length() != 1 {
		t.Errorf("confirmation of prepaid: action %q, text %q", action, confirm.Text())
	}
	_, page = owner.get(creditsPath + "?cancel=promo")
	if confirm := doc(t, page).Find(`#lot-cancel-dialog`); confirm.Find(`form[method=post]`).Length() != 0 ||
		!strings.Contains(confirm.Text(), "Credit promo cannot be canceled") {
		t.Errorf("confirmation of the expired promo: %q", confirm.Text())
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
	if !strings.Contains(pending, "Canceled credit") || d.Find(`[data-testid="lot-select"]`).Length() != 0 {
		t.Errorf("after canceling: pending rows %q, %d credits to select", pending, d.Find(`[data-testid="lot-select"]`).Length())
	}
	if !strings.Contains(d.Find(`[data-testid="lots"]`).Text(), "Canceled") {
		t.Error("the credit does not show as canceled")
	}
	if resp, body := owner.post(cancelPath("prepaid"), url.Values{}); resp.StatusCode != http.StatusConflict ||
		!strings.Contains(body, "already canceled") {
		t.Errorf("canceling twice: status %d", resp.StatusCode)
	}
	h.process(t, ledgerDay) // the May invoice settles the cancellation
	owner = h.client(t)     // weeks later: a new session
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
