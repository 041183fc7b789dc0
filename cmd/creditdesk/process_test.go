package main

import (
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/creditdesk/creditdesk/internal/azsync"
	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/logtest"
	"github.com/creditdesk/creditdesk/internal/metrics"
	"github.com/creditdesk/creditdesk/internal/notify"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// threeProfiles is a scenario of three profiles, each with an April charge to invoice in May.
const threeProfiles = "../../internal/scenario/testdata/three_profiles.json"

// brokenDatabase is an SQLite database holding threeProfiles, the second of which no run can
// process (a damaged next period).
func brokenDatabase(t *testing.T) string {
	t.Helper()
	db := loadedDB(t, threeProfiles)
	storetest.Exec(t, db, "UPDATE billing_profiles SET next_period = 'not-a-month' WHERE name = 'BBBB-2222-BBB-222'")
	return db
}

// TestProcessNamesTheProfileItSkips (issue 8, item 6): `creditdesk process` processes every
// profile it can, names the one it cannot, and exits with an error.
func TestProcessNamesTheProfileItSkips(t *testing.T) {
	t.Parallel()
	db := brokenDatabase(t)
	out, err := runCmd(t, "", "process", "-database", db, "-now", "2026-05-10")
	if err == nil || !strings.Contains(err.Error(), "1 of 3 billing profiles could not be processed") {
		t.Errorf("process: err = %v, want one naming the failed count", err)
	}
	if !strings.Contains(out, "processed 2 billing profiles as of 2026-05-10") || !strings.Contains(out, "2 invoices issued") {
		t.Errorf("the two other profiles were not processed:\n%s", out)
	}
	if !strings.Contains(out, "skipped billing profile 5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31/BBBB-2222-BBB-222") {
		t.Errorf("the skipped profile is not named:\n%s", out)
	}
}

// TestPeriodicRunSkipsABrokenProfile: the serve loop's run logs the profile it skips, by name,
// processes the others, and reports the skipped one to the run's record and the metrics.
func TestPeriodicRunSkipsABrokenProfile(t *testing.T) {
	t.Parallel()
	db := brokenDatabase(t)
	s, err := store.Open(context.Background(), db, clock.Real())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	out := &logtest.Buffer{}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	day := func() time.Time { return time.Date(2026, 5, 10, 12, 0, 0, 0, time.UTC) }
	log := slog.New(slog.NewTextHandler(out, nil))
	m := metrics.New()
	az := azsync.New(azsync.Options{Store: s, Clocks: clock.Clocks{Business: day, Wall: clock.Real().Wall}, Log: log})
	go func() {
		defer close(done)
		processPeriodically(ctx, s, newRunner(s, time.Hour, m, log), az, notify.New(notify.Options{Store: s, Log: log}), day, log)
	}()
	var run store.ProcessRun
	for deadline := time.Now().Add(20 * time.Second); run.FinishedAt == nil; {
		if time.Now().After(deadline) {
			t.Fatalf("no processing run recorded:\n%s", out.String())
		}
		time.Sleep(10 * time.Millisecond)
		if runs, err := s.ProcessRuns(context.Background(), 1); err == nil && len(runs) == 1 {
			run = runs[0]
		}
	}
	cancel()
	<-done
	logged := out.String()
	if !strings.Contains(logged, `msg="billing profile skipped by the processing run"`) || !strings.Contains(logged, "profile=BBBB-2222-BBB-222") {
		t.Errorf("the skipped profile is not logged by name:\n%s", logged)
	}
	if !strings.Contains(logged, "invoices=2") || !strings.Contains(logged, "skipped=1") {
		t.Errorf("the run did not process the two other profiles:\n%s", logged)
	}
	if run.Profiles != 2 || run.Failures != 1 || run.Error != "" {
		t.Errorf("recorded run %+v, want 2 profiles processed and 1 failure", run)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(scrapeHandler(m))
	if err != nil {
		t.Fatal(err)
	}
	if value(families, "creditdesk_process_profile_failures_total", "") != 1 || value(families, "creditdesk_process_runs_total", "failed") != 1 {
		t.Errorf("metrics: %v failures, %v failed runs; want 1 and 1", value(families, "creditdesk_process_profile_failures_total", ""),
			value(families, "creditdesk_process_runs_total", "failed"))
	}
}
