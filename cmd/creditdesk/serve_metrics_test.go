package main

import (
	"net"
	"net/http"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// TestServeMetrics: serve answers /metrics on -metrics-addr and not on the public address; a
// scrape parses, and shows the first processing run, this instance leading, and the pool.
func TestServeMetrics(t *testing.T) {
	addr, metricsAddr := freeAddr(t), freeAddr(t)
	out, stop := serveDemo(t, addr, metricsAddr)
	// The demo loads and processes in seconds on a quiet machine, in more than 30 on a busy
	// one: the deadline only ends a server that never gets there.
	deadline := time.Now().Add(3 * time.Minute)
	for {
		families, err := scrapeMetrics("http://" + metricsAddr + "/metrics")
		if err == nil && value(families, "creditdesk_process_runs_total", "succeeded") == 1 {
			if value(families, "creditdesk_process_leader", "") != 1 || value(families, "creditdesk_process_profiles_total", "") < 1 ||
				value(families, "creditdesk_process_last_success_timestamp_seconds", "") == 0 || families["creditdesk_db_connections_open"] == nil {
				t.Errorf("metrics after the first run: leader %v, profiles %v, last success %v, pool %v",
					value(families, "creditdesk_process_leader", ""), value(families, "creditdesk_process_profiles_total", ""),
					value(families, "creditdesk_process_last_success_timestamp_seconds", ""), families["creditdesk_db_connections_open"])
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no processing run in the metrics: %v\n%s", err, out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if resp, err := http.Get("http://" + addr + "/metrics"); err != nil || resp.StatusCode != http.StatusNotFound {
		t.Errorf("the public listener serves /metrics: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
	stop()
}

// freeAddr returns a loopback address with a port free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// scrapeMetrics reads a metrics endpoint and parses it with Prometheus's text parser.
func scrapeMetrics(url string) (map[string]*dto.MetricFamily, error) {
	resp, err := http.Get(url)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	p := expfmt.NewTextParser(model.UTF8Validation)
	return p.TextToMetricFamilies(resp.Body)
}

// value is a counter's or gauge's value, of the sample whose only label has the value (""
// for an unlabelled one); 0 when there is none.
func value(families map[string]*dto.MetricFamily, name, label string) float64 {
	for _, m := range families[name].GetMetric() {
		if (label == "" && len(m.GetLabel()) == 0) || (len(m.GetLabel()) == 1 && m.GetLabel()[0].GetValue() == label) {
			return m.GetCounter().GetValue() + m.GetGauge().GetValue()
		}
	}
	return 0
}
