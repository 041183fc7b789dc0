package main

import (
	"bytes"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
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

// TestParseSuite: -quick lowers the defaults a flag given explicitly overrides; two history
// sizes get a database each (issue 10: the cost against history length); -pages names pages of
// the suite, and bad values are refused naming the flag.
func TestParseSuite(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "creditdesk")
	if err := os.WriteFile(bin, nil, 0o700); err != nil {
		t.Fatal(err)
	}
	c, err := parseSuite([]string{"-bin", bin, "-quick", "-rounds", "2", "-pages", "scopes, benefits"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.dsn != "data/loadtest-quick.db" || c.profiles != 100 || !slices.Equal(c.months, []int{3}) || c.duration != 3*time.Second ||
		c.rounds != 2 || !slices.Equal(c.pages, []string{"scopes", "benefits"}) || c.dsnFor(3) != c.dsn {
		t.Errorf("-quick -rounds 2: %+v", c)
	}
	c, err = parseSuite([]string{"-bin", bin, "-database", "postgres://postgres@127.0.0.1:5432/load?sslmode=disable", "-months", "6,24"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if c.profiles != 1000 || c.duration != 10*time.Second || c.dsnFor(6) != "postgres://postgres@127.0.0.1:5432/load_m6?sslmode=disable" {
		t.Errorf("-months 6,24: %+v, database %s", c, c.dsnFor(6))
	}
	c.dsn = "data/load.db"
	if got := c.dsnFor(24); got != "data/load_m24.db" {
		t.Errorf("SQLite database of 24 months: %s", got)
	}
	for _, bad := range [][]string{{"-months", "6,x"}, {"-months", "6,6"}, {"-months", "0"}, {"-pages", "scopes,nope"}, {"-rounds", "10"}} {
		if _, err := parseSuite(append([]string{"-bin", bin}, bad...), io.Discard); err == nil || !strings.Contains(err.Error(), bad[0]) {
			t.Errorf("%v: %v, want an error naming %s", bad, err, bad[0])
		}
	}
}
