package web_test

import (
	"testing"
	"time"
)

// BenchmarkCreditsPage renders a billing profile's Azure credits page through the real router on
// every configured database (SQLite, and PostgreSQL when CREDITDESK_TEST_POSTGRES is set): 300 lots, three years of daily charges and 9,900 refunds, about 10,000 settled ledger
// events once processed. Each iteration is a whole page: session, authorisation, balance
// summary, both tables; or one of its fragments: the credits list, the balance over time and
// the runway that the page loads after its first paint, the transactions. Its cost follows the pending month and the page sizes, not the
// number of events (the lead's seeding command checks that at 1,000,000).
func BenchmarkCreditsPage(b *testing.B) {
	benchScenario(b, bigScenario(b, 300, 3*365, 9900), benchCreditsPage)
}

// benchCreditsPage is BenchmarkCreditsPage on the harness h.
func benchCreditsPage(b *testing.B, h *harness) {
	h.process(b, time.Date(2026, 12, 20, 8, 0, 0, 0, time.UTC))
	bp := scopeOf(b, h.store, bigAccount, bigProfile).Profile
	h.benchPages(b, bigReader, []benchPage{
		{"page", bigCredits, ""},
		{"lots-fragment", bigCredits, "lots-table"},
		{"charts-fragment", bigCredits + "/charts", "credits-charts"},
		{"transactions-fragment", bigCredits + "?from=2025-01-01&to=2025-12-31&state=settled", "tx-table"},
	}, func(b *testing.B) { b.ReportMetric(float64(bp.EventSeq), "events") })
}
