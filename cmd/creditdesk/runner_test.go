package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/metrics"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestRunnerRunsEachIntervalOnce: three instances take turns through a simulated day of hourly
// intervals, four turns each per hour; exactly one of them runs each hour's work. At noon the
// leader dies in the middle of its run (its session ends, its run never finishes): another
// instance takes over and runs that hour again, and every later one.
func TestRunnerRunsEachIntervalOnce(t *testing.T) {
	t.Parallel()
	storetest.RequirePostgres(t, "SQLite serves one process")
	url, stores := storetest.OpenMany(t, store.Postgres, 3, clock.Real())
	wall := &storetest.Clock{T: time.Date(2026, 6, 15, 0, 0, 30, 0, time.UTC)}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	runners := make([]*runner, 3)
	ctxs := make([]context.Context, 3)
	kills := make([]context.CancelFunc, 3)
	for i, s := range stores {
		runners[i] = &runner{store: s, lead: s.Leadership(), interval: time.Hour, wall: wall.Now,
			instance: fmt.Sprintf("instance-%d", i), metrics: metrics.New(), log: log}
		ctxs[i], kills[i] = context.WithCancel(context.Background())
		defer kills[i]()
	}
	completed := map[time.Time][]int{} // hour -> the instances whose run of it completed
	killed := -1
	work := func(i int) func(context.Context) runReport {
		return func(context.Context) runReport {
			hour := wall.T.Truncate(time.Hour)
			if hour.Hour() == 12 && killed < 0 {
				killed = i
				storetest.TerminateLockHolder(t, url)
				kills[i]()
				return runReport{Err: context.Canceled}
			}
			completed[hour] = append(completed[hour], i)
			return runReport{Profiles: 1}
		}
	}
	day := wall.T
	for h := range 24 {
		wall.T = day.Add(time.Duration(h) * time.Hour)
		for turn := range 4 {
			for k := range 3 {
				i := (k + turn + h) % 3 // no instance always goes first
				if i != killed {
					runners[i].turn(ctxs[i], work(i))
				}
			}
			wall.T = wall.T.Add(15 * time.Minute)
		}
	}
	if killed < 0 {
		t.Fatal("no leader was killed at noon")
	}
	leaders := map[bool]int{} // before noon, from noon
	for h := range 24 {
		hour := day.Add(time.Duration(h) * time.Hour).Truncate(time.Hour)
		got := completed[hour]
		if len(got) != 1 {
			t.Fatalf("%s: completed by instances %v, want exactly one", hour.Format("15:04"), got)
		}
		afterNoon := h >= 12
		if l, seen := leaders[afterNoon]; seen && l != got[0] {
			t.Errorf("%s run by instance %d, the hours before by %d", hour.Format("15:04"), got[0], l)
		}
		leaders[afterNoon] = got[0]
	}
	if leaders[false] != killed || leaders[true] == killed {
		t.Errorf("leader before noon %d, killed %d, after noon %d", leaders[false], killed, leaders[true])
	}
	runs, err := stores[0].ProcessRuns(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	unfinished := 0
	for _, r := range runs {
		if r.FinishedAt == nil {
			unfinished++
			if r.Instance != fmt.Sprintf("instance-%d", killed) || r.Slot.Hour() != 12 {
				t.Errorf("unfinished run %+v", r)
			}
		}
	}
	if len(runs) != 25 || unfinished != 1 {
		t.Errorf("%d runs recorded, %d unfinished; want 24 finished and the killed one", len(runs), unfinished)
	}

	// The leader steps down; the third instance leads next and shows the cluster's last success.
	leader := leaders[true]
	runners[leader].stepDown()
	third := 3 - killed - leader
	wall.T = day.Add(23*time.Hour + 50*time.Minute) // the last hour, already run
	runners[third].turn(ctxs[third], work(third))
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(scrapeHandler(runners[third].metrics))
	if err != nil {
		t.Fatal(err)
	}
	last := float64(runs[0].FinishedAt.UnixNano()) / 1e9
	if value(families, "creditdesk_process_leader", "") != 1 || value(families, "creditdesk_process_last_success_timestamp_seconds", "") != last {
		t.Errorf("new leader's metrics: leader %v, last success %v, want %v", value(families, "creditdesk_process_leader", ""),
			value(families, "creditdesk_process_last_success_timestamp_seconds", ""), last)
	}
}

// scrapeHandler reads the metrics as a scrape would.
func scrapeHandler(m *metrics.Metrics) io.Reader {
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	return rec.Body
}

// TestRunnerKeepsAboutRunRetentionOfRecords: a daily runner on each database through 120 days
// keeps the records of the last runRetention only: the runs of those days and the one started
// exactly runRetention before the last.
func TestRunnerKeepsAboutRunRetentionOfRecords(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		wall := &storetest.Clock{T: time.Date(2026, 1, 1, 1, 0, 0, 0, time.UTC)}
		r := &runner{store: s, lead: s.Leadership(), interval: 24 * time.Hour, wall: wall.Now, instance: "a:1",
			metrics: metrics.New(), log: slog.New(slog.NewTextHandler(io.Discard, nil))}
		defer r.stepDown()
		for range 120 {
			r.turn(ctx, func(context.Context) runReport { return runReport{Profiles: 1} })
			wall.T = wall.T.AddDate(0, 0, 1)
		}
		runs, err := s.ProcessRuns(ctx, 1000)
		days := int(runRetention / (24 * time.Hour))
		if err != nil || len(runs) != days+1 {
			t.Fatalf("%d records left, %v; want the last %d days' runs", len(runs), err, days+1)
		}
		if oldest := runs[len(runs)-1].Slot; !oldest.Equal(time.Date(2026, 4, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -days)) {
			t.Errorf("oldest record left is of %s", oldest.Format(time.DateOnly))
		}
	})
}
