package web_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// BenchmarkCreditsPage renders a billing profile's Azure credits page through the real router on
// every configured database (SQLite, and PostgreSQL when CREDITDESK_TEST_POSTGRES is set): 300 lots, three years of daily charges and 9,900 refunds, about 10,000 settled ledger
// events once processed. Each iteration is a whole page: session, authorisation, balance
// summary, both tables; or one of its fragments: the credits list, the balance over time and
// the runway that the page loads after its first paint, the transactions. Its cost follows the pending month and the page sizes, not the
// number of events (the lead's seeding command checks that at 1,000,000).
func BenchmarkCreditsPage(b *testing.B) {
	file := bigScenario(b, 300, 3*365, 9900)
	for _, d := range storetest.Dialects(b) {
		b.Run(string(d), func(b *testing.B) { benchCreditsPage(b, d, file) })
	}
}

// benchCreditsPage is BenchmarkCreditsPage on the dialect d with the scenario file.
func benchCreditsPage(b *testing.B, d store.Dialect, file string) {
	h := newHarness(b, d, file, false)
	h.process(b, time.Date(2026, 12, 20, 8, 0, 0, 0, time.UTC))
	ctx := context.Background()
	a, err := h.store.AccountByName(ctx, bigAccount)
	if err != nil {
		b.Fatal(err)
	}
	bp, err := h.store.ProfileByName(ctx, a.ID, bigProfile)
	if err != nil {
		b.Fatal(err)
	}
	srv := h.web // the harness's server, called without a network in between
	c := h.client(b)
	c.signIn(bigReader)
	u, _ := url.Parse(h.server.URL)
	cookies := c.http.Jar.Cookies(u)
	for _, bench := range []struct{ name, path, target string }{
		{"page", bigCredits, ""},
		{"lots-fragment", bigCredits, "lots-table"},
		{"charts-fragment", bigCredits + "/charts", "credits-charts"},
		{"transactions-fragment", bigCredits + "?from=2025-01-01&to=2025-12-31&state=settled", "tx-table"},
	} {
		b.Run(bench.name, func(b *testing.B) {
			req := benchRequest(bench.path, cookies)
			if bench.target != "" {
				req.Header.Set("HX-Request", "true")
				req.Header.Set("HX-Target", bench.target)
			}
			serveLoop(b, srv, req)
			b.ReportMetric(float64(bp.EventSeq), "events")
		})
	}
}
