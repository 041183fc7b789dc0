package web_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/metrics"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// newInstance serves the router over s as one instance of CreditDesk, with metrics of its own
// and an API rate limit of perMinute requests per token.
func newInstance(t testing.TB, s *store.Store, perMinute int) (*harness, *metrics.Metrics) {
	t.Helper()
	h := newClocks()
	m := metrics.New()
	m.WatchPool(s.PoolStats)
	deps := testDeps(s, h.clocks())
	deps.Config.APIRateLimit, deps.Metrics = perMinute, m
	h.store, h.server = s, httptest.NewServer(newServer(t, deps))
	t.Cleanup(h.server.Close)
	return h, m
}

// loadProcessed loads a scenario file and runs the processing once (M15), as serve does.
func loadProcessed(t testing.TB, s *store.Store, file string) {
	t.Helper()
	loadScenario(t, s, file)
	if _, err := s.ProcessAll(context.Background(), ledger.NewDate(2026, 6, 15)); err != nil {
		t.Fatal(err)
	}
}

// scrape reads the metrics as Prometheus does and parses them with its text parser.
func scrape(t testing.TB, m *metrics.Metrics) map[string]*dto.MetricFamily {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("scrape: %d", rec.Code)
	}
	p := expfmt.NewTextParser(model.UTF8Validation)
	families, err := p.TextToMetricFamilies(rec.Body)
	if err != nil {
		t.Fatalf("parse the scrape: %v", err)
	}
	return families
}

// sample returns the value of the family's sample with the labels (a histogram's count), and
// whether there is one.
func sample(families map[string]*dto.MetricFamily, name string, labels map[string]string) (float64, bool) {
	f := families[name]
	if f == nil {
		return 0, false
	}
next:
	for _, m := range f.GetMetric() {
		have := map[string]string{}
		for _, l := range m.GetLabel() {
			have[l.GetName()] = l.GetValue()
		}
		for k, v := range labels {
			if have[k] != v {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.GetCounter().GetValue(), true
		case m.Gauge != nil:
			return m.GetGauge().GetValue(), true
		case m.Histogram != nil:
			return float64(m.GetHistogram().GetSampleCount()), true
		}
	}
	return 0, false
}

// TestMetricsScrape: after sign-ins, a missing page and an API caller over its limit, a scrape
// parses and counts each: requests by route pattern, method and status class, logins by
// outcome, 429s; the database pool is there.
func TestMetricsScrape(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		loadProcessed(t, s, "testdata/arm.json")
		h, m := newInstance(t, s, 1)
		h.client(t).signIn("owner@northwind.example")
		if resp, _ := h.client(t).post("/signin", url.Values{"email": {"owner@northwind.example"}, "password": {"wrong password"}}); resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("wrong password: %d", resp.StatusCode)
		}
		if resp, _ := h.client(t).get("/no/such/page"); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("missing page: %d", resp.StatusCode)
		}
		path := profilePathARM + cons + "/credits/balanceSummary?api-version=2021-10-01"
		for _, want := range []int{http.StatusOK, http.StatusTooManyRequests} {
			if resp, _ := apiGet(t, h, readerToken, path); resp.StatusCode != want {
				t.Fatalf("API: %d, want %d", resp.StatusCode, want)
			}
		}
		families := scrape(t, m)
		const requests = "creditdesk_http_request_duration_seconds"
		balance := "/providers/Microsoft.Billing/billingAccounts/:account/billingProfiles/:profile/providers/Microsoft.Consumption/credits/balanceSummary"
		tests := []struct {
			name   string
			labels map[string]string
			want   float64
		}{
			{requests, map[string]string{"route": "/signin", "method": "POST", "code": "3xx"}, 1},
			{requests, map[string]string{"route": "/signin", "method": "POST", "code": "4xx"}, 1},
			{requests, map[string]string{"route": "unmatched", "method": "GET", "code": "4xx"}, 1},
			{requests, map[string]string{"route": balance, "method": "GET", "code": "2xx"}, 1},
			{requests, map[string]string{"route": balance, "method": "GET", "code": "4xx"}, 1},
			{"creditdesk_logins_total", map[string]string{"outcome": "succeeded"}, 1},
			{"creditdesk_logins_total", map[string]string{"outcome": "refused"}, 1},
			{"creditdesk_api_throttled_total", nil, 1},
			{"creditdesk_process_runs_total", map[string]string{"outcome": "failed"}, 0},
		}
		for _, tt := range tests {
			if got, ok := sample(families, tt.name, tt.labels); !ok || got != tt.want {
				t.Errorf("%s%v = %v (found %t), want %v", tt.name, tt.labels, got, ok, tt.want)
			}
		}
		if open, ok := sample(families, "creditdesk_db_connections_open", nil); !ok || open < 1 {
			t.Errorf("open connections %v (found %t)", open, ok)
		}
		for _, name := range []string{"creditdesk_db_connections_in_use", "creditdesk_db_connections_idle", "creditdesk_db_wait_seconds_total", "go_goroutines"} {
			if _, ok := sample(families, name, nil); !ok {
				t.Errorf("no %s", name)
			}
		}
	})
}

// TestAPIRateLimitSharedByInstances: two instances on one PostgreSQL database, one token, its
// requests spread over both at once: the 200s add up to the limit (plus what the bucket refilled
// meanwhile), not twice it; every other answer is a 429 with Retry-After, counted by the metrics.
func TestAPIRateLimitSharedByInstances(t *testing.T) {
	t.Parallel()
	storetest.RequirePostgres(t, "SQLite serves one process")
	_, stores := storetest.OpenMany(t, store.Postgres, 2, clock.Real())
	loadProcessed(t, stores[0], "testdata/arm.json")
	const limit, requests = 10, 40
	a, ma := newInstance(t, stores[0], limit)
	b, mb := newInstance(t, stores[1], limit)
	path := profilePathARM + cons + "/credits/balanceSummary?api-version=2021-10-01"
	var (
		mu     sync.Mutex
		status = map[int]int{}
		wg     sync.WaitGroup
	)
	start := time.Now()
	for i := range requests {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h := a
			if i%2 == 1 {
				h = b
			}
			resp, _ := apiGet(t, h, readerToken, path)
			if resp.StatusCode == http.StatusTooManyRequests && resp.Header.Get("Retry-After") == "" {
				t.Error("429 without Retry-After")
			}
			mu.Lock()
			status[resp.StatusCode]++
			mu.Unlock()
		}()
	}
	wg.Wait()
	refilled := int(time.Since(start) / (time.Minute / limit))
	if ok := status[http.StatusOK]; ok < limit || ok > limit+refilled || ok+status[http.StatusTooManyRequests] != requests {
		t.Errorf("answers %v to %d requests; want %d (+%d refilled) 200s, the rest 429", status, requests, limit, refilled)
	}
	throttled := 0.0
	for _, m := range []*metrics.Metrics{ma, mb} {
		n, _ := sample(scrape(t, m), "creditdesk_api_throttled_total", nil)
		throttled += n
	}
	if int(throttled) != status[http.StatusTooManyRequests] {
		t.Errorf("metrics count %v 429s, the clients got %d", throttled, status[http.StatusTooManyRequests])
	}
}

// TestReadyzNeedsTheSchema: an instance whose database lacks this binary's migrations answers
// /readyz with 503; once migrated, 200.
func TestReadyzNeedsTheSchema(t *testing.T) {
	storetest.EachEmpty(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		h, _ := newInstance(t, s, 0)
		if resp, body := h.client(t).get("/readyz"); resp.StatusCode != http.StatusServiceUnavailable || !strings.Contains(body, "schema") {
			t.Errorf("unmigrated: %d %q", resp.StatusCode, body)
		}
		if _, err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if resp, body := h.client(t).get("/readyz"); resp.StatusCode != http.StatusOK {
			t.Errorf("migrated: %d %q", resp.StatusCode, body)
		}
	})
}
