package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/creditdesk/creditdesk/internal/mail"
	"github.com/creditdesk/creditdesk/internal/notify"
	"github.com/creditdesk/creditdesk/internal/store"
)

// deliverEvery is how often every instance delivers the alert messages that are due: retries
// keep their back-off whatever -process-interval is, and instances share the outbox safely.
const deliverEvery = 15 * time.Second

// alertsUsage is printed for a missing or unknown alerts subcommand.
const alertsUsage = `usage: creditdesk alerts run
Evaluates every alert rule once on the business day (-now) and delivers the messages that are
due, as the periodic run does`

// alertsCmd runs "creditdesk alerts run" (issue 12): the periodic run's alert step, once.
func alertsCmd(ctx context.Context, args []string, env func(string) (string, bool), out io.Writer) error {
	if len(args) == 0 || args[0] != "run" {
		return errors.New(alertsUsage)
	}
	cmd, err := parseNoArgs("alerts run", args[1:], env, out, nil)
	if err != nil {
		return err
	}
	log := newLogger(cmd.cfg, out)
	return cmd.withExistingStore(ctx, log, func(s *store.Store) error {
		sender, err := mail.FromSettings(cmd.cfg.SMTP)
		if err != nil {
			return err
		}
		al, err := notify.FromConfig(s, cmd.cfg, cmd.cfg.Clocks(), sender, log)
		if err != nil {
			return err
		}
		rep, err := al.Run(ctx)
		fmt.Fprintf(out, "evaluated %d alert rules: %d fired, %d resolved; %d messages sent, %d to retry, %d given up; %d weekly digests queued, %d dropped\n",
			rep.Rules, rep.Fired, rep.Resolved, rep.Sent, rep.Retrying, rep.GivenUp, rep.Digests, rep.Dropped)
		return err
	})
}

// evaluateAlerts is the periodic run's alert step: rules are evaluated and the messages due
// delivered; a failure is logged and the next run evaluates again.
func evaluateAlerts(ctx context.Context, al *notify.Service, log *slog.Logger) {
	rep, err := al.Run(ctx)
	if err != nil && ctx.Err() == nil {
		log.Error("alerts run failed", "error", err)
	}
	log.Info("alerts run", "rules", rep.Rules, "fired", rep.Fired, "resolved", rep.Resolved, "digests", rep.Digests, "sent", rep.Sent,
		"retrying", rep.Retrying, "given_up", rep.GivenUp, "digests_dropped", rep.Dropped)
}

// deliverPeriodically delivers due alert messages on this instance until ctx ends.
func deliverPeriodically(ctx context.Context, al *notify.Service, log *slog.Logger) {
	t := time.NewTicker(deliverEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		var rep notify.Report
		if err := al.Deliver(ctx, &rep); err != nil && ctx.Err() == nil {
			log.Warn("alert delivery", "error", err)
		}
	}
}
