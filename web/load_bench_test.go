package web_test

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/store"
)

// BenchmarkLoadPages measures, on a database seeded by the load benchmark (`cmd/loadtest suite`,
// named by CREDITDESK_BENCH_DATABASE, a copy: the benchmark adds an API token), the two pages of
// issue 10 whose p99 was longest: the account credits summary of the widest account and the
// first page of the API's events of the busiest profile, through the real router without a
// network. Besides time and allocations it reports the statements per request and, on a local
// PostgreSQL, the CPU time of the database's backends per request (pg-µs/op).
func BenchmarkLoadPages(b *testing.B) {
	dsn := os.Getenv("CREDITDESK_BENCH_DATABASE")
	if dsn == "" {
		b.Skip("CREDITDESK_BENCH_DATABASE is not set: a copy of the load benchmark's database")
	}
	ctx := context.Background()
	now := time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)
	s, err := store.Open(ctx, dsn, clock.Fixed(now))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	var n atomic.Int64
	if err := s.CountStatements(&n); err != nil {
		b.Fatal(err)
	}
	// The seed's widest account and busiest profile (200 profiles, 24 months), unless named.
	wide, busyAcct, busyProf := envOr("CREDITDESK_BENCH_WIDE", "00000000-0000-4000-8000-000000000000:00000000-0000-4000-8000-000000000000_2020-01-01"),
		envOr("CREDITDESK_BENCH_BUSY_ACCOUNT", "00000001-0000-4000-8000-000000000001:00000001-0000-4000-8000-000000000001_2020-01-01"),
		envOr("CREDITDESK_BENCH_BUSY_PROFILE", "SD57-0057-057-057")
	owner, err := s.UserByEmail(ctx, "owner@load.example")
	if err != nil {
		b.Fatal(err)
	}
	const token = "bench-token-load-owner-0001"
	if _, err := s.EnsureToken(ctx, owner.ID, "bench", token); err != nil {
		b.Fatal(err)
	}
	srv := newServer(b, testDeps(s, clock.Fixed(now)))
	ts := httptest.NewServer(srv)
	b.Cleanup(ts.Close)
	cookies := loadSignIn(b, ts.URL, "owner@load.example", "creditdesk-load-test")
	arm := "/providers/Microsoft.Billing/billingAccounts/" + busyAcct + "/billingProfiles/" + busyProf +
		"/providers/Microsoft.Consumption"
	for _, bench := range []struct{ name, path string }{
		{"summary", "/accounts/" + url.PathEscape(wide) + "/credits"},
		{"events", arm + "/events?api-version=2021-10-01&startDate=2024-10-20&endDate=2026-11-20"},
	} {
		b.Run(bench.name, func(b *testing.B) {
			req := benchRequest(bench.path, cookies)
			req.Header.Set("Authorization", "Bearer "+token)
			st, pg := n.Load(), backendCPU(b, dsn)
			size := serveLoop(b, srv, req)
			b.ReportMetric(float64(n.Load()-st)/float64(b.N), "stmts/op")
			b.ReportMetric(float64(backendCPU(b, dsn)-pg)/float64(b.N), "pg-µs/op")
			b.ReportMetric(float64(size), "bytes")
		})
	}
}

// loadSignIn signs in at base with email and password and returns the session's cookies.
func loadSignIn(b *testing.B, base, email, password string) []*http.Cookie {
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := hc.Get(base + "/signin")
	if err != nil {
		b.Fatal(err)
	}
	resp.Body.Close()
	u, _ := url.Parse(base)
	var csrf string
	for _, ck := range jar.Cookies(u) {
		if ck.Name == "creditdesk_csrf" {
			csrf = ck.Value
		}
	}
	resp, err = hc.PostForm(base+"/signin", url.Values{"email": {email}, "password": {password}, "_csrf": {csrf}})
	if err != nil || resp.StatusCode != http.StatusSeeOther {
		b.Fatalf("sign in: %v %v", resp, err)
	}
	resp.Body.Close()
	return jar.Cookies(u)
}

// backendCPU is the CPU time, in microseconds, of the local PostgreSQL backends serving the
// database of dsn (by their process titles), 0 when there are none to see.
func backendCPU(b *testing.B, dsn string) int64 {
	u, err := url.Parse(dsn)
	if err != nil || u.Scheme != "postgres" {
		return 0
	}
	name := " " + strings.TrimPrefix(u.Path, "/") + " "
	procs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	var ticks int64
	for _, p := range procs {
		cmd, err := os.ReadFile(p)
		if err != nil || !strings.HasPrefix(string(cmd), "postgres:") || !strings.Contains(string(cmd), name) {
			continue
		}
		stat, err := os.ReadFile(filepath.Join(filepath.Dir(p), "stat"))
		if err != nil {
			continue
		}
		f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+2:]))
		ut, _ := strconv.ParseInt(f[11], 10, 64)
		st, _ := strconv.ParseInt(f[12], 10, 64)
		ticks += ut + st
	}
	return ticks * 10000 // 100 ticks a second
}

// envOr is the environment variable k, or def when it is empty.
func envOr(k, def string) string {
	if v := os.Getenv(k); v != "" {
		return v
	}
	return def
}
