package web_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/creditdesk/creditdesk/internal/alerts"
	"github.com/creditdesk/creditdesk/internal/store"
)

// TestBrowserOwnerCreatesAnExpiryAlertAndWebhook: an owner adds an expiry alert and a webhook
// on the Alerts page, the run fires, the webhook receives a signed event, and the delivery log
// on the page shows it delivered; the owner then chooses the weekly digest (issue 12).
func TestBrowserOwnerCreatesAnExpiryAlertAndWebhook(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("browser test: skipped with -short")
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("browser test: %s is missing", chromiumPath)
	}
	h := newAlertsHarness(t, store.SQLite)
	var mu sync.Mutex
	var bodies, signatures []string
	hook := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		bodies, signatures = append(bodies, string(body)), append(signatures, r.Header.Get(alerts.SignatureHeader))
		mu.Unlock()
	}))
	t.Cleanup(hook.Close)
	b := startBrowser(t, h.server.URL)

	b.signIn("profile.owner@northwind.example")
	b.open(profilePath + "/credits")
	b.load("open Alerts from the scope menu", chromedp.Click(chromedp.CSS(`nav.scopemenu a[href$="/alerts"]`)))
	b.do("fill the rule form",
		chromedp.SetValue(chromedp.CSS(`[data-testid=alert-kind]`), "credit.expiring"),
		chromedp.SetValue(chromedp.CSS(`[data-testid=alert-days]`), "30"),
		chromedp.SetValue(chromedp.CSS(`[data-testid=alert-amount]`), "1000"))
	b.load("save the rule", chromedp.Click(chromedp.CSS(`[data-testid=alert-save]`)))
	if got := b.text(`[data-testid=alert-rule]`); !strings.Contains(got, "A credit expires within 30 days with at least USD 1,000.00 left") {
		t.Fatalf("rule row %q", got)
	}
	b.do("fill the webhook form", chromedp.SendKeys(chromedp.CSS(`[data-testid=webhook-url]`), hook.URL+"/creditdesk"))
	b.load("add the webhook", chromedp.Click(chromedp.CSS(`[data-testid=webhook-save]`)))
	secret := b.text(`[data-testid=webhook-secret]`)
	if !strings.HasPrefix(secret, "whsec_") {
		t.Fatalf("secret %q", secret)
	}
	b.screenshot("alerts-webhook")

	if rep, err := h.alerts.Run(context.Background()); err != nil || rep.Fired != 1 {
		t.Fatalf("run: %+v %v", rep, err)
	}
	mu.Lock()
	if len(bodies) != 1 || !alerts.Verify(secret, []byte(bodies[0]), signatures[0]) || !strings.Contains(bodies[0], `"type":"com.creditdesk.credit.expiring"`) {
		t.Errorf("webhook got %q signed %q", bodies, signatures)
	}
	mu.Unlock()

	b.open(profilePath + "/alerts")
	if got := b.text(`[data-testid=alert-state]`); got != "Firing (1)" {
		t.Errorf("state %q", got)
	}
	var webhookRow string
	for _, row := range eval[[]string](b, `[...document.querySelectorAll('[data-testid=delivery]')].map(r => r.innerText.replace(/\s+/g, ' ').trim())`) {
		if strings.Contains(row, hook.URL) {
			webhookRow = row
		}
	}
	if !strings.Contains(webhookRow, "com.creditdesk.credit.expiring") || !strings.Contains(webhookRow, "Delivered") || !strings.HasSuffix(webhookRow, "200") {
		t.Errorf("delivery log row of the webhook: %q", webhookRow)
	}
	b.screenshot("alerts-log")

	// The weekly digest is chosen under Notifications (issue 12).
	b.open("/notifications")
	b.do("choose the weekly digest", chromedp.Click(chromedp.CSS(`[data-testid=digest-on]`)))
	b.load("save the digest choice", chromedp.Click(chromedp.CSS(`[data-testid=digest-save]`)))
	if got := b.text(`[data-testid=flash]`); !strings.Contains(got, "You receive the weekly digest") {
		t.Errorf("flash after choosing the digest: %q", got)
	}
}
