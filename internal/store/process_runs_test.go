package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestProcessRunsCloseTheirSlot: a slot is done once a run of it finished, not while one runs
// (a run whose instance died never finishes, so the next leader runs the slot again); a second
// finished run of one slot is refused; the last succeeded run is one with no failed profile.
func TestProcessRunsCloseTheirSlot(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		slot := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
		done := func(want bool) {
			t.Helper()
			if got, err := s.SlotDone(ctx, slot); got != want || err != nil {
				t.Fatalf("SlotDone = %t, %v; want %t", got, err, want)
			}
		}
		done(false)
		dead, err := s.StartProcessRun(ctx, store.ProcessRun{Slot: slot, Instance: "a:1", StartedAt: slot.Add(time.Second)})
		if err != nil {
			t.Fatal(err)
		}
		done(false)
		run, err := s.StartProcessRun(ctx, store.ProcessRun{Slot: slot, Instance: "b:2", StartedAt: slot.Add(time.Minute)})
		if err != nil {
			t.Fatal(err)
		}
		finished := slot.Add(2 * time.Minute)
		run.FinishedAt, run.Profiles, run.Failures, run.Error = &finished, 12, 1, ""
		if err := s.FinishProcessRun(ctx, run); err != nil {
			t.Fatal(err)
		}
		done(true)
		if next, err := s.SlotDone(ctx, slot.Add(time.Hour)); next || err != nil {
			t.Errorf("the next slot is done: %t, %v", next, err)
		}
		dead.FinishedAt = &finished
		if err := s.FinishProcessRun(ctx, dead); !errors.Is(err, fault.ErrConflict) {
			t.Errorf("a second finished run of the slot: %v, want a conflict", err)
		}
		if _, ok, err := s.LastSucceededRun(ctx); ok || err != nil {
			t.Errorf("a run with a failed profile counts as succeeded: %t, %v", ok, err)
		}
		next := slot.Add(time.Hour)
		good, err := s.StartProcessRun(ctx, store.ProcessRun{Slot: next, Instance: "b:2", StartedAt: next})
		if err != nil {
			t.Fatal(err)
		}
		goodEnd := next.Add(time.Second)
		good.FinishedAt = &goodEnd
		if err := s.FinishProcessRun(ctx, good); err != nil {
			t.Fatal(err)
		}
		if last, ok, err := s.LastSucceededRun(ctx); !ok || err != nil || last.ID != good.ID || !last.FinishedAt.Equal(goodEnd) {
			t.Errorf("last succeeded run %+v, %t, %v; want run %d", last, ok, err, good.ID)
		}
		runs, err := s.ProcessRuns(ctx, 10)
		if err != nil || len(runs) != 3 {
			t.Fatalf("runs %+v, %v", runs, err)
		}
		got := runs[1]
		if runs[0].ID != good.ID || got.Instance != "b:2" || got.FinishedAt == nil || !got.FinishedAt.Equal(finished) ||
			got.Profiles != 12 || got.Failures != 1 || !got.Slot.Equal(slot) || runs[2].Instance != "a:1" || runs[2].FinishedAt != nil {
			t.Errorf("runs newest first: %+v", runs)
		}
	})
}

// TestPruneProcessRunsKeepsTheLastSuccess: pruning deletes the runs started before the instant,
// finished, failed or never finished alike, except the last succeeded run, which a new leader
// still reads however old it is; with no succeeded run at all, every old run goes.
func TestPruneProcessRunsKeepsTheLastSuccess(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		day0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
		day := func(n int) time.Time { return day0.AddDate(0, 0, n) }
		record := func(n int, failures int, finish bool) store.ProcessRun {
			t.Helper()
			run, err := s.StartProcessRun(ctx, store.ProcessRun{Slot: day(n), Instance: "a:1", StartedAt: day(n)})
			if err != nil {
				t.Fatal(err)
			}
			if finish {
				end := day(n).Add(time.Minute)
				run.FinishedAt, run.Failures = &end, failures
				if err := s.FinishProcessRun(ctx, run); err != nil {
					t.Fatal(err)
				}
			}
			return run
		}
		prune := func(before time.Time, want int64) {
			t.Helper()
			if n, err := s.PruneProcessRuns(ctx, before); n != want || err != nil {
				t.Fatalf("PruneProcessRuns(%s) = %d, %v; want %d deleted", before.Format(time.DateOnly), n, err, want)
			}
		}
		record(0, 1, true)  // failed
		record(1, 0, false) // its instance died
		prune(day(2), 2)    // no success to keep
		success := record(2, 0, true)
		record(3, 2, true)
		record(4, 0, false)
		recent := record(10, 1, true)
		prune(day(10), 2) // days 3 and 4; day 2 is the last success
		runs, err := s.ProcessRuns(ctx, 10)
		if err != nil || len(runs) != 2 || runs[0].ID != recent.ID || runs[1].ID != success.ID {
			t.Fatalf("runs left %+v, %v; want day 10 and the last success (day 2)", runs, err)
		}
		if last, ok, err := s.LastSucceededRun(ctx); !ok || err != nil || last.ID != success.ID {
			t.Errorf("last succeeded run %+v, %t, %v; want day 2", last, ok, err)
		}
		newer := record(11, 0, true)
		prune(day(10), 1) // the day-2 success is no longer the last one
		if runs, err := s.ProcessRuns(ctx, 10); err != nil || len(runs) != 2 || runs[0].ID != newer.ID || runs[1].ID != recent.ID {
			t.Errorf("runs left %+v, %v; want days 11 and 10", runs, err)
		}
	})
}
