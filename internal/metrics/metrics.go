// Package metrics holds CreditDesk's Prometheus metrics: HTTP requests, the database pool, the
// periodic run, sign-ins and the API rate limit. Each process builds one Metrics with its own
// registry (nothing is registered globally) and serves it with Handler on the -metrics-addr
// listener, apart from the public one.
package metrics

import (
	"fmt"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/creditdesk/creditdesk/internal/store"
)

// Metrics is the set of metrics one process exports. It is safe for concurrent use.
type Metrics struct {
	reg            *prometheus.Registry
	requests       *prometheus.HistogramVec
	logins         *prometheus.CounterVec
	throttled      prometheus.Counter
	runs           *prometheus.CounterVec
	runDuration    prometheus.Histogram
	runProfiles    prometheus.Counter
	runFailures    prometheus.Counter
	runLastSuccess prometheus.Gauge
	leader         prometheus.Gauge
}

// New returns the metrics of a process, with the Go runtime's and the process's own.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "creditdesk_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route pattern, method and status class (its _count counts the requests).",
			Buckets: prometheus.DefBuckets,
		}, []string{"route", "method", "code"}),
		logins: newOutcomes("creditdesk_logins_total",
			"Sign-ins with a password, by outcome: succeeded, or refused (wrong email or password, or too many failures).",
			"succeeded", "refused"),
		throttled: newCounter("creditdesk_api_throttled_total", "API requests refused with 429 by the per-token rate limit."),
		runs: newOutcomes("creditdesk_process_runs_total",
			"Periodic processing runs made by this instance, by outcome: succeeded (every profile processed) or failed.",
			"succeeded", "failed"),
		runDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "creditdesk_process_run_duration_seconds",
			Help:    "Duration of the periodic processing runs made by this instance.",
			Buckets: []float64{0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800},
		}),
		runProfiles: newCounter("creditdesk_process_profiles_total", "Billing profiles processed by the periodic runs of this instance."),
		runFailures: newCounter("creditdesk_process_profile_failures_total",
			"Billing profiles whose processing failed in the periodic runs of this instance."),
		runLastSuccess: newGauge("creditdesk_process_last_success_timestamp_seconds",
			"Unix time at which a periodic run last succeeded: this instance's, or the cluster's as recorded when this instance took the lead; 0 when unknown."),
		leader: newGauge("creditdesk_process_leader", "1 while this instance holds the runner lock and so runs the periodic work, 0 otherwise."),
	}
	m.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.requests, m.logins, m.throttled, m.runs, m.runDuration, m.runProfiles, m.runFailures, m.runLastSuccess, m.leader)
	return m
}

// newCounter makes an unlabelled counter.
func newCounter(name, help string) prometheus.Counter {
	return prometheus.NewCounter(prometheus.CounterOpts{Name: name, Help: help})
}

// newGauge makes an unlabelled gauge.
func newGauge(name, help string) prometheus.Gauge {
	return prometheus.NewGauge(prometheus.GaugeOpts{Name: name, Help: help})
}

// newOutcomes makes a counter labelled by outcome, with each of outcomes present at 0 from the
// start, so that rates work at once.
func newOutcomes(name, help string, outcomes ...string) *prometheus.CounterVec {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, []string{"outcome"})
	for _, outcome := range outcomes {
		c.WithLabelValues(outcome)
	}
	return c
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// WatchPool exports the database connection pool, read from stats at each scrape.
func (m *Metrics) WatchPool(stats func() store.PoolStats) {
	gauge := func(name, help string, f func(store.PoolStats) float64) prometheus.Collector {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, func() float64 { return f(stats()) })
	}
	counter := func(name, help string, f func(store.PoolStats) float64) prometheus.Collector {
		return prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help}, func() float64 { return f(stats()) })
	}
	m.reg.MustRegister(
		gauge("creditdesk_db_connections_max_open", "Most connections the pool may open.",
			func(s store.PoolStats) float64 { return float64(s.MaxOpenConnections) }),
		gauge("creditdesk_db_connections_open", "Connections open, in use or idle.",
			func(s store.PoolStats) float64 { return float64(s.OpenConnections) }),
		gauge("creditdesk_db_connections_in_use", "Connections in use.",
			func(s store.PoolStats) float64 { return float64(s.InUse) }),
		gauge("creditdesk_db_connections_idle", "Idle connections.",
			func(s store.PoolStats) float64 { return float64(s.Idle) }),
		counter("creditdesk_db_wait_total", "Times a query waited for a free connection.",
			func(s store.PoolStats) float64 { return float64(s.WaitCount) }),
		counter("creditdesk_db_wait_seconds_total", "Time spent waiting for a free connection.",
			func(s store.PoolStats) float64 { return s.WaitDuration.Seconds() }),
		counter("creditdesk_db_connect_attempts_total", "Connections the pool tried to open (not counting refusals while the database is down).",
			func(s store.PoolStats) float64 { return float64(s.Attempts) }),
		counter("creditdesk_db_connect_failures_total", "Connections the pool failed to open.",
			func(s store.PoolStats) float64 { return float64(s.FailedAttempts) }),
	)
}

// ObserveRequest records one answered HTTP request. route is the route pattern ("" when none
// matched), so that the label set stays as small as the route table.
func (m *Metrics) ObserveRequest(route, method string, status int, took time.Duration) {
	if route == "" {
		route = "unmatched"
	}
	m.requests.WithLabelValues(route, knownMethod(method), fmt.Sprintf("%dxx", status/100)).Observe(took.Seconds())
}

// knownMethod keeps the method label to the methods HTTP defines.
func knownMethod(method string) string {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodOptions, http.MethodConnect, http.MethodTrace:
		return method
	}
	return "other"
}

// Login records a sign-in attempt with a password.
func (m *Metrics) Login(succeeded bool) {
	outcome := "refused"
	if succeeded {
		outcome = "succeeded"
	}
	m.logins.WithLabelValues(outcome).Inc()
}

// Throttled records an API request refused by the rate limit.
func (m *Metrics) Throttled() { m.throttled.Inc() }

// Run is what one periodic run reports.
type Run struct {
	Took     time.Duration
	Finished time.Time // wall clock
	Profiles int       // billing profiles processed
	Failures int       // billing profiles that failed
	Err      error     // the run as a whole failed
}

// ObserveRun records a periodic run made by this instance. It succeeded when it ran through and
// no profile failed.
func (m *Metrics) ObserveRun(r Run) {
	m.runDuration.Observe(r.Took.Seconds())
	m.runProfiles.Add(float64(r.Profiles))
	m.runFailures.Add(float64(r.Failures))
	if r.Err != nil || r.Failures > 0 {
		m.runs.WithLabelValues("failed").Inc()
		return
	}
	m.runs.WithLabelValues("succeeded").Inc()
	m.LastSuccess(r.Finished)
}

// LastSuccess records when a periodic run last succeeded, by whichever instance.
func (m *Metrics) LastSuccess(at time.Time) {
	m.runLastSuccess.Set(float64(at.UnixNano()) / 1e9)
}

// Leading records whether this instance holds the runner lock.
func (m *Metrics) Leading(held bool) {
	if held {
		m.leader.Set(1)
	} else {
		m.leader.Set(0)
	}
}
