package main

import (
	"bytes"
	"net/url"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/scenario"
)

// TestLoadScenarioIsValid: the suite's users and partner pass the real scenario validation (P8
// provisioning, P9 bulk credits, P10 company domains), with every benefit asked for.
func TestLoadScenarioIsValid(t *testing.T) {
	b, err := loadScenario(1000, time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	sc, err := scenario.Parse(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the generated scenario is refused:\n%v", err)
	}
	if len(sc.Partners) != 1 || len(sc.Partners[0].Benefits) != 1000 || len(sc.Users) != 2+loadMembers {
		t.Errorf("%d partners, %d users", len(sc.Partners), len(sc.Users))
	}
}

// TestSuiteHelpers: medians over rounds, the ceiling's database beside the portal's, and the
// loopback rule.
func TestSuiteHelpers(t *testing.T) {
	rounds := []stats{{ok: 30, elapsed: time.Second}, {ok: 10, elapsed: time.Second}, {ok: 20, elapsed: time.Second}}
	if got := median(rounds, stats.rate); got != 20 {
		t.Errorf("median of 30, 10, 20 = %v", got)
	}
	if got := median(rounds[:2], stats.rate); got != 20 {
		t.Errorf("median of 30, 10 = %v", got)
	}
	for dsn, want := range map[string]string{
		"data/load.db": "data/load_ceiling.db",
		"postgres://postgres@127.0.0.1:5432/load?sslmode=disable": "postgres://postgres@127.0.0.1:5432/load_ceiling?sslmode=disable",
	} {
		if got := ceilingDatabase(dsn); got != want {
			t.Errorf("ceilingDatabase(%s) = %s, want %s", dsn, got, want)
		}
	}
	for addr, ok := range map[string]bool{"http://127.0.0.1:8080": true, "http://localhost:1": true, "http://[::1]:80": true,
		"http://10.0.0.1:8080": false, "http://example.com": false} {
		u, _ := url.Parse(addr)
		if err := loopbackOnly(u); (err == nil) != ok {
			t.Errorf("loopbackOnly(%s) = %v", addr, err)
		}
	}
}
