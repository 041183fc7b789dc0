package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
)

// processInterval is how often serve runs the periodic work (M15: at least hourly).
const processInterval = time.Hour

// process runs the periodic work once (release new credit, expire lots, issue due invoices) and
// exits.
func process(ctx context.Context, args []string, env func(string) (string, bool), out io.Writer) error {
	cmd, err := parse("process", args, env, out, nil)
	if err != nil {
		return err
	}
	log := newLogger(cmd.cfg, out)
	s, err := openStore(ctx, cmd.cfg, log)
	if err != nil {
		return err
	}
	defer s.Close()
	today := ledger.DateOf(cmd.cfg.Clock()())
	res, err := s.ProcessAll(ctx, today)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "processed %d billing profiles as of %s: %d lots released, %d invoices issued, %d ledger events\n",
		res.Profiles, today, res.Released, res.Invoices, res.EventsStored)
	return nil
}

// processPeriodically runs the periodic work now and then every processInterval until ctx ends.
// A failed run is logged and retried at the next tick; other instances may run it too, since
// each profile is processed under a row lock and idempotently.
func processPeriodically(ctx context.Context, s *store.Store, now func() time.Time, log *slog.Logger) {
	run := func() {
		res, err := s.ProcessAll(ctx, ledger.DateOf(now()))
		if err != nil {
			log.Error("processing run failed", "error", err)
			return
		}
		log.Info("processing run", "profiles", res.Profiles, "released", res.Released, "invoices", res.Invoices, "events", res.EventsStored)
	}
	run()
	t := time.NewTicker(processInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			run()
		}
	}
}
