package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/creditdesk/creditdesk/internal/metrics"
	"github.com/creditdesk/creditdesk/internal/store"
)

// maxLeaderCheck is how often, at most, an instance that does not lead tries the runner lock:
// a dead leader's lock is taken over within this (plus the server's keepalive detection).
const maxLeaderCheck = 15 * time.Second

// runRetention is how long the record of a periodic run is kept: each finished run deletes the
// records older than this (the last succeeded run stays, see store.PruneProcessRuns).
const runRetention = 90 * 24 * time.Hour

// runReport is what one run of the periodic work did.
type runReport struct {
	Profiles int   // billing profiles processed
	Failures int   // billing profiles that failed
	Err      error // the run as a whole failed
}

// runner runs the periodic work on one instance of the cluster at a time, once per interval:
// the instance holding the runner lock (store.Leadership) runs each interval slot (wall time
// truncated to the interval) that no run has finished yet, and records the run in the database.
type runner struct {
	store    *store.Store
	lead     *store.Leadership
	interval time.Duration
	wall     func() time.Time // the wall clock: slots are real hours, not business days
	instance string           // host and process id, recorded with each run
	metrics  *metrics.Metrics
	log      *slog.Logger
	leading  bool
}

// newRunner returns the runner of this process.
func newRunner(s *store.Store, interval time.Duration, m *metrics.Metrics, log *slog.Logger) *runner {
	host, _ := os.Hostname()
	return &runner{store: s, lead: s.Leadership(), interval: interval, wall: time.Now, metrics: m, log: log,
		instance: fmt.Sprintf("%s:%d", host, os.Getpid())}
}

// loop takes turns until ctx ends, then lets the lock go.
func (r *runner) loop(ctx context.Context, work func(context.Context) runReport) {
	t := time.NewTicker(min(r.interval, maxLeaderCheck))
	defer t.Stop()
	for {
		r.turn(ctx, work)
		select {
		case <-ctx.Done():
			r.stepDown()
			return
		case <-t.C:
		}
	}
}

// turn takes or keeps the lock and, when this instance leads and the current slot has no
// finished run, runs the work once.
func (r *runner) turn(ctx context.Context, work func(context.Context) runReport) {
	held, err := r.lead.Hold(ctx)
	if err != nil && ctx.Err() == nil {
		r.log.Warn("periodic runner lock", "error", err)
	}
	if held != r.leading {
		r.leading = held
		r.metrics.Leading(held)
		r.log.Info("periodic runner", "leading", held, "instance", r.instance)
		if held {
			r.takeOver(ctx)
		}
	}
	if !held {
		return
	}
	slot := r.wall().UTC().Truncate(r.interval)
	done, err := r.store.SlotDone(ctx, slot)
	if err != nil || done {
		if err != nil && ctx.Err() == nil {
			r.log.Error("periodic run: check slot", "error", err)
		}
		return
	}
	run, err := r.store.StartProcessRun(ctx, store.ProcessRun{Slot: slot, Instance: r.instance, StartedAt: r.wall()})
	if err != nil {
		if ctx.Err() == nil {
			r.log.Error("periodic run: record start", "error", err)
		}
		return
	}
	rep := work(ctx)
	if ctx.Err() != nil {
		return // cut short by shutdown: left unfinished, so that the next leader runs the slot again
	}
	finished := r.wall()
	run.FinishedAt, run.Profiles, run.Failures = &finished, rep.Profiles, rep.Failures
	if rep.Err != nil {
		run.Error = said(rep.Err).Error() // in words, for the operator who reads the run
	}
	r.metrics.ObserveRun(metrics.Run{Took: finished.Sub(run.StartedAt), Finished: finished,
		Profiles: rep.Profiles, Failures: rep.Failures, Err: rep.Err})
	if err := r.store.FinishProcessRun(ctx, run); err != nil {
		r.log.Error("periodic run: record end", "error", err)
	}
	if _, err := r.store.PruneProcessRuns(ctx, finished.Add(-runRetention)); err != nil && ctx.Err() == nil {
		r.log.Warn("periodic run: prune old records", "error", err)
	}
}

// takeOver carries the cluster's last successful run into this instance's metrics, so that the
// leader always shows it, and logs it.
func (r *runner) takeOver(ctx context.Context) {
	last, ok, err := r.store.LastSucceededRun(ctx)
	switch {
	case err != nil:
		r.log.Warn("periodic runner: last run", "error", err)
	case ok:
		r.metrics.LastSuccess(*last.FinishedAt)
		r.log.Info("periodic runner: last successful run", "by", last.Instance, "finished", last.FinishedAt.Format(time.RFC3339))
	}
}

// stepDown lets the lock go, so another instance takes over at its next turn.
func (r *runner) stepDown() {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := r.lead.Release(ctx); err != nil {
		r.log.Warn("periodic runner: release lock", "error", err)
	}
	if r.leading {
		r.leading = false
		r.metrics.Leading(false)
	}
}
