package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/store"
)

// TestPartnerAlertsPage (issue 12): the workspace's menu has Alerts; its partner admin adds a
// rule of a partner kind (a billing kind and bad days are refused naming the field, nothing
// stored), the run fires it for each benefit not assigned or not redeemed within 240 days of
// its end (P3, P4: b-001, b-002, b-003 and b-004 on 2026-06-15; b-005 ends later, b-006 has
// ended, b-007 is redeemed), the admin gets the emails and the page shows the state and the
// delivery log; the audit log records the rule (X1); it is under the admin's Notifications.
func TestPartnerAlertsPage(t *testing.T) {
	t.Parallel()
	h := newAlertsHarness(t, store.SQLite)
	c := h.signedIn(t, partnerAdmin)
	alertsPath := partPath + "/alerts"
	if _, body := c.get(partPath + "/benefits"); !strings.Contains(body, `href="`+alertsPath+`"`) {
		t.Fatal("the workspace's menu has no Alerts")
	}
	_, page := c.get(alertsPath)
	if !strings.Contains(page, `value="benefit.unused"`) || strings.Contains(page, `value="credit.expiring"`) || strings.Contains(page, `name="amount"`) {
		t.Fatal("the partner form offers billing kinds or thresholds")
	}
	for _, tt := range []struct {
		form        url.Values
		field, says string
	}{
		{url.Values{"kind": {"credit.expiring"}, "days": {"30"}}, "kind", "Choose what the alert watches"},
		{url.Values{"kind": {"membership.ending"}}, "days", "whole number of days"},
		{url.Values{"kind": {"benefit.unredeemed"}, "days": {"0"}}, "days", "between 1 and 3650"},
	} {
		resp, body := c.post(alertsPath, tt.form)
		if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `name="`+tt.field+`"`) || !strings.Contains(body, tt.says) {
			t.Errorf("%v: status %d, want 422 saying %q beside %s", tt.form, resp.StatusCode, tt.says, tt.field)
		}
	}
	ctx := context.Background()
	p, err := h.store.PartnerByExternalID(ctx, partnerID)
	if err != nil {
		t.Fatal(err)
	}
	if rules, _ := h.store.AlertRulesOf(ctx, p); len(rules) != 0 {
		t.Fatalf("bad input stored %d rules", len(rules))
	}
	if resp, body := c.post(alertsPath, url.Values{"kind": {"benefit.unused"}, "days": {"240"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("admin creates: %d\n%.400s", resp.StatusCode, body)
	}
	rep, err := h.alerts.Run(ctx)
	if err != nil || rep.Fired != 4 || rep.Sent != 4 {
		t.Fatalf("run: %+v, %v; want 4 benefits firing, 4 emails", rep, err)
	}
	for range 4 {
		if m := h.mail.Next(t); m.EnvelopeTo[0] != partnerAdmin || !strings.HasPrefix(m.Subject, "Benefit unused before its end · Fabrikam Solutions") {
			t.Errorf("email to %v: %q", m.EnvelopeTo, m.Subject)
		}
	}
	doc := c.page(alertsPath, http.StatusOK)
	if got := strings.TrimSpace(doc.Find(`[data-testid="alert-state"]`).Text()); got != "Firing (4)" {
		t.Errorf("state %q, want Firing (4)", got)
	}
	if n := doc.Find(`[data-testid="delivery"]`).Length(); n != 4 {
		t.Errorf("%d rows in the delivery log, want 4", n)
	}
	if _, body := c.get(partPath + "/audit"); !strings.Contains(body, "Alert created") || !strings.Contains(body, "benefit.unused within 240 days") {
		t.Error("the organisation's audit log does not record the rule (X1)")
	}
	if _, body := c.get("/notifications"); !strings.Contains(body, "Fabrikam Solutions") || !strings.Contains(body, "Partner organisation") ||
		!strings.Contains(body, "not assigned or not redeemed 240 days before its end") {
		t.Error("the admin's Notifications page does not list the organisation's rule")
	}
}

// TestNotificationsDigestChoice (issue 12): a user turns the weekly digest on and off on the
// Notifications page; any other value is refused with 422 beside the field, nothing changed.
func TestNotificationsDigestChoice(t *testing.T) {
	t.Parallel()
	h := newAlertsHarness(t, store.SQLite)
	c := h.signedIn(t, "profile.reader@northwind.example")
	u := h.user(t, "profile.reader@northwind.example")
	wants := func() bool {
		on, err := h.store.WantsDigest(context.Background(), u.ID)
		if err != nil {
			t.Fatal(err)
		}
		return on
	}
	if doc := c.page("/notifications", http.StatusOK); doc.Find(`[data-testid="digest-off"][checked]`).Length() != 1 || wants() {
		t.Fatal("the digest is on before it was asked for")
	}
	if resp, _ := c.post("/notifications/digest", url.Values{"digest": {"on"}}); resp.StatusCode != http.StatusSeeOther || !wants() {
		t.Fatalf("turning it on: %d", resp.StatusCode)
	}
	doc := c.page("/notifications", http.StatusOK)
	if doc.Find(`[data-testid="digest-on"][checked]`).Length() != 1 || !strings.Contains(doc.Text(), "You receive the weekly digest") {
		t.Error("the page does not show the digest on")
	}
	resp, body := c.post("/notifications/digest", url.Values{"digest": {"weekly"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `name="digest"`) ||
		!strings.Contains(body, "Choose whether to receive the weekly digest.") || !wants() {
		t.Errorf("bad value: status %d, want 422 beside the field and the choice kept", resp.StatusCode)
	}
	if resp, _ := c.post("/notifications/digest", url.Values{"digest": {"off"}}); resp.StatusCode != http.StatusSeeOther || wants() {
		t.Errorf("turning it off: %d", resp.StatusCode)
	}
}
