package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// estimateToday is the estimated balance that the balance over time draws for today.
func estimateToday(d *goquery.Document) string {
	return d.Find(testid("balance-history-table")+` tr[data-look="estimate"] td[data-amount]`).AttrOr("data-amount", "")
}

// TestCreditsChartsFollowTheLedger: the credits page leaves its balance over time and runway to
// a fragment loaded after the first paint (and linked without JavaScript), whose estimated
// balance today is the page's (M12); the portal keeps them for the next reader, and a write of
// the profile's ledger (a pending refund) shows at once in both.
func TestCreditsChartsFollowTheLedger(t *testing.T) {
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) {
		h := newLedgerHarness(t, d)
		c := h.signedIn(t, reader)
		p := c.page(creditsPath, http.StatusOK)
		if p.Find(testid("runway")).Length() != 0 || p.Find(testid("balance-history")).Length() != 0 {
			t.Error("the credits page renders its charts before the first paint")
		}
		same := func(when string, p *goquery.Document) {
			t.Helper()
			page := p.Find(testid("estimated-balance")).Text()
			for i := range 2 { // the second is the kept one
				got, err := money.Parse(estimateToday(c.charts(p)))
				want, err2 := money.Parse(strings.ReplaceAll(strings.TrimPrefix(page, "USD "), ",", ""))
				if err != nil || err2 != nil || got != want {
					t.Errorf("%s, request %d: the balance over time ends at %q today, the page says %q", when, i+1, got, page)
				}
			}
		}
		same("before the refund", p)
		// htmx asks for the fragment alone.
		resp, body := c.do(http.MethodGet, creditsPath+"/charts", nil, map[string]string{"HX-Request": "true", "HX-Target": "credits-charts"})
		if resp.StatusCode != http.StatusOK || strings.Contains(body, "<html") || !strings.Contains(body, `id="credits-charts"`) {
			t.Errorf("charts fragment: %d %.200s", resp.StatusCode, body)
		}
		refund := store.AdjustmentRow{Date: ledger.DateOf(ledgerDay), Amount: money.MustParse("500"), Description: "Goodwill refund"}
		if _, err := h.store.SaveAdjustment(t.Context(), engineering(t, h.store), refund); err != nil {
			t.Fatal(err)
		}
		after := c.page(creditsPath, http.StatusOK)
		if after.Find(testid("estimated-balance")).Text() == p.Find(testid("estimated-balance")).Text() {
			t.Fatal("the refund did not move the estimated balance")
		}
		same("after the refund", after)
	})
}
