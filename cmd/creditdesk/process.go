package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/creditdesk/creditdesk/internal/azsync"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/notify"
	"github.com/creditdesk/creditdesk/internal/store"
)

// process runs the periodic work once (sync Azure connections, release new credit, expire lots,
// issue due invoices) and exits. A billing profile that cannot be processed is skipped and named, every other one is
// processed, and the command then fails, so that its exit status says some were skipped.
func process(ctx context.Context, args []string, env func(string) (string, bool), out io.Writer) error {
	cmd, err := parseNoArgs("process", args, env, out, nil)
	if err != nil {
		return err
	}
	log := newLogger(cmd.cfg, out)
	return cmd.withExistingStore(ctx, log, func(s *store.Store) error {
		az, err := azsync.FromConfig(s, cmd.cfg, cmd.cfg.Clocks(), log)
		if err != nil {
			return err
		}
		syncAzure(ctx, az, log)
		today := ledger.DateOf(cmd.cfg.Clocks().Business())
		res, err := s.ProcessAll(ctx, today)
		var failures *store.ProcessFailures
		if err != nil && !errors.As(err, &failures) {
			return err
		}
		fmt.Fprintf(out, "processed %d billing profiles as of %s: %d lots released, %d invoices issued, %d ledger events\n",
			res.Profiles, today, res.Released, res.Invoices, res.EventsStored)
		if failures != nil {
			for _, f := range failures.Failed {
				fmt.Fprintf(out, "skipped billing profile %s: %v\n", f, said(f.Err))
			}
			return fmt.Errorf("%d of %d billing profiles could not be processed; the others were (see above)",
				len(failures.Failed), failures.Profiles)
		}
		return nil
	})
}

// processPeriodically runs the periodic work whenever r says this instance leads: one instance
// of the cluster at a time, once per -process-interval (M15: at least hourly), until ctx ends.
// A profile that cannot be processed is logged by name and skipped, the others are processed,
// and the run reports the skipped ones; a run that fails as a whole (the database does not
// answer) is logged and retried in the next interval. Each run is as of the business day of
// today. Azure connections are synced first (issue 13), each under its own claim; the alert
// rules are evaluated last (issue 12), on what the run produced.
func processPeriodically(ctx context.Context, s *store.Store, r *runner, az *azsync.Syncer, al *notify.Service, today func() time.Time, log *slog.Logger) {
	r.loop(ctx, func(ctx context.Context) runReport {
		syncAzure(ctx, az, log)
		defer evaluateAlerts(ctx, al, log)
		res, err := s.ProcessAll(ctx, ledger.DateOf(today()))
		var failures *store.ProcessFailures
		if err != nil && !errors.As(err, &failures) {
			log.Error("processing run failed", "error", err)
			return runReport{Profiles: res.Profiles, Err: err}
		}
		skipped := 0
		if failures != nil {
			skipped = len(failures.Failed)
			for _, f := range failures.Failed {
				log.Error("billing profile skipped by the processing run", "profile_id", f.ProfileID, "account", f.Account,
					"profile", f.Profile, "error", f.Err)
			}
		}
		pool := s.PoolStats()
		log.Info("processing run", "profiles", res.Profiles, "released", res.Released, "invoices", res.Invoices,
			"events", res.EventsStored, "skipped", skipped, "db_open", pool.OpenConnections, "db_wait_count", pool.WaitCount)
		return runReport{Profiles: res.Profiles, Failures: skipped}
	})
}
