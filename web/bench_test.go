package web_test

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// benchScenario runs bench as a sub-benchmark on every configured database (SQLite, and
// PostgreSQL when CREDITDESK_TEST_POSTGRES is set), each with a new harness serving the scenario
// file over plain HTTP.
func benchScenario(b *testing.B, file string, bench func(b *testing.B, h *harness)) {
	for _, d := range storetest.Dialects(b) {
		b.Run(string(d), func(b *testing.B) { bench(b, newHarness(b, d, file, false)) })
	}
}

// benchPage is a page a benchmark has the router answer: its name, its path, and the id of the
// element an htmx request for its fragment targets ("" for the whole page).
type benchPage struct{ name, path, target string }

// benchPages signs email in on h and measures, one sub-benchmark each, the router answering the
// pages without a network in between, reporting the size of an answer and the statements it
// takes; each then calls report, when not nil, for metrics of its own.
func (h *harness) benchPages(b *testing.B, email string, pages []benchPage, report func(b *testing.B)) {
	b.Helper()
	var statements atomic.Int64
	if err := h.store.CountStatements(&statements); err != nil {
		b.Fatal(err)
	}
	cookies := h.signedIn(b, email).cookies()
	for _, p := range pages {
		b.Run(p.name, func(b *testing.B) {
			req := benchRequest(p.path, cookies)
			if p.target != "" {
				req.Header.Set("HX-Request", "true")
				req.Header.Set("HX-Target", p.target)
			}
			before := statements.Load()
			size := serveLoop(b, h.web, req)
			b.ReportMetric(float64(size), "bytes")
			b.ReportMetric(float64(statements.Load()-before)/float64(b.N), "statements/op")
			if report != nil {
				report(b)
			}
		})
	}
}

// benchRequest is a GET of path with the cookies, for a benchmark that calls the router
// without a network in between.
func benchRequest(path string, cookies []*http.Cookie) *http.Request {
	req := httptest.NewRequest(http.MethodGet, path, nil)
	for _, ck := range cookies {
		req.AddCookie(ck)
	}
	return req
}

// serveLoop has srv answer req in each iteration of b, reporting allocations, and fails on any
// status but 200; it returns the size of the last answer.
func serveLoop(b *testing.B, srv http.Handler, req *http.Request) int {
	b.Helper()
	b.ReportAllocs()
	var size int
	for b.Loop() {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %.300s", rec.Code, rec.Body.String())
		}
		size = rec.Body.Len()
	}
	return size
}
