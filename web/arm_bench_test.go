package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// benchToken is the big reader's API token in the benchmarks.
const benchToken = "bench-token-big-reader-0001"

// BenchmarkAPI measures requests per second of the ARM API through the real router (no network)
// on a profile with two years of daily charges, 120 lots and 3,000 refunds (about 3,200 settled
// events): the balance summary (C1) and a 100-event page (E1), first and deep in the history.
// Both read the maintained ledger state and a keyset page, so their cost does not grow with the
// history. SQLite always, PostgreSQL when CREDITDESK_TEST_POSTGRES is set.
func BenchmarkAPI(b *testing.B) {
	for _, d := range storetest.Dialects(b) {
		b.Run(string(d), func(b *testing.B) { benchAPI(b, d) })
	}
}

func benchAPI(b *testing.B, d store.Dialect) {
	now := time.Date(2026, 12, 20, 8, 0, 0, 0, time.UTC)
	s := storetest.Open(b, d, clock.Fixed(now))
	loadScenario(b, s, bigScenario(b, 120, 2*365, 3000))
	ctx := context.Background()
	if _, err := s.ProcessAll(ctx, ledger.DateOf(now)); err != nil {
		b.Fatal(err)
	}
	u, err := s.UserByEmail(ctx, bigReader)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := s.EnsureToken(ctx, u.ID, "bench", benchToken); err != nil {
		b.Fatal(err)
	}
	srv := newServer(b, testDeps(s, clock.Fixed(now)))
	base := "/providers/Microsoft.Billing/billingAccounts/" + bigAccount + "/billingProfiles/" + bigProfile + "/providers/Microsoft.Consumption"
	events := base + "/events?api-version=2021-10-01&startDate=2020-01-01&endDate=2026-12-31"
	deep := events
	for range 20 { // twenty pages on: 2,000 events into the history
		deep = nextOf(b, srv, deep)
	}
	for _, bench := range []struct{ name, path string }{
		{"balanceSummary", base + "/credits/balanceSummary?api-version=2021-10-01"},
		{"events-page-100", events},
		{"events-page-100-deep", deep},
	} {
		b.Run(bench.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, bench.path, nil)
			req.Header.Set("Authorization", "Bearer "+benchToken)
			serveLoop(b, srv, req)
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
		})
	}
}

// nextOf returns the path and query of a page's nextLink, checking that the page holds 100 events.
func nextOf(b *testing.B, srv http.Handler, path string) string {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("Authorization", "Bearer "+benchToken)
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	var p struct {
		Value    []json.RawMessage
		NextLink string
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || len(p.Value) != 100 || p.NextLink == "" {
		b.Fatalf("%s: %d events, next %q, %v", path, len(p.Value), p.NextLink, err)
	}
	_, rest, _ := strings.Cut(p.NextLink, "://")
	return rest[strings.Index(rest, "/"):]
}
