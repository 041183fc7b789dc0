package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/seed"
	"github.com/creditdesk/creditdesk/internal/store"
)

// seedLarge generates a large ledger for benchmarks and load tests (see README: Performance).
// The defaults give about 1,000,000 ledger events, 10,000 lots and 1,000 billing profiles.
func seedLarge(ctx context.Context, args []string, env func(string) (string, bool), out io.Writer) error {
	var p seed.Plan
	cmd, err := parseNoArgs("seed", args, env, out, func(fs *flag.FlagSet) {
		fs.IntVar(&p.Profiles, "profiles", 1000, "billing profiles")
		fs.IntVar(&p.LotsPerProfile, "lots", 10, "credit lots per profile")
		fs.IntVar(&p.Months, "months", 24, "months of history")
		fs.IntVar(&p.AdjustPerMonth, "adjustments", 45, "adjustments per profile and month (one ledger event each)")
		fs.StringVar(&p.Owner, "owner", "", "email of an existing user to make owner of every seeded account")
	})
	if err != nil {
		return err
	}
	if p.Profiles < 1 || p.LotsPerProfile < 0 || p.Months < 1 || p.AdjustPerMonth < 0 {
		return fmt.Errorf("seed: -profiles and -months must be at least 1; -lots and -adjustments not negative")
	}
	p.Today = ledger.DateOf(cmd.cfg.Clocks().Business())
	return cmd.withStore(ctx, newLogger(cmd.cfg, io.Discard), func(s *store.Store) error {
		fmt.Fprintf(out, "seeding %d profiles, %d lots, %d months: about %d ledger events\n",
			p.Profiles, p.Profiles*p.LotsPerProfile, p.Months, p.EventsEstimate())
		started := time.Now()
		res, err := seed.Run(ctx, s, p, func(done, total int) {
			if done%100 == 0 || done == total {
				fmt.Fprintf(out, "  %d/%d profiles written (%s)\n", done, total, time.Since(started).Round(time.Second))
			}
		})
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "processed: %d invoices, %d ledger events, %d lots released in %s\n",
			res.Invoices, res.EventsStored, res.Released, time.Since(started).Round(time.Second))
		return nil
	})
}
