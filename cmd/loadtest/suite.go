package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// suiteConfig is the suite's flags.
type suiteConfig struct {
	bin, dsn, now                           string
	profiles, lots, months, adjust, benefit int
	workers, rounds                         int
	duration, warmup                        time.Duration
}

func parseSuite(args []string, out io.Writer) (suiteConfig, error) {
	var c suiteConfig
	fs := flag.NewFlagSet("loadtest suite", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&c.bin, "bin", "bin/creditdesk", "the creditdesk binary (make build)")
	fs.StringVar(&c.dsn, "database", "data/loadtest.db", "postgres:// URL (the database is created when missing) or SQLite file; seeded unless it holds the benchmark's data already")
	fs.StringVar(&c.now, "now", "2026-11-20", "the business day of the seed and of the portal")
	fs.IntVar(&c.profiles, "profiles", 1000, "billing profiles to seed, 50 to an account (creditdesk seed)")
	fs.IntVar(&c.lots, "lots", 10, "credit lots per profile")
	fs.IntVar(&c.months, "months", 24, "months of history")
	fs.IntVar(&c.adjust, "adjustments", 45, "adjustments per profile and month")
	fs.IntVar(&c.benefit, "benefits", 1000, "benefits of the partner whose workspace is measured")
	fs.IntVar(&c.workers, "c", 32, "concurrent connections (at most 64)")
	fs.DurationVar(&c.duration, "duration", 10*time.Second, "measuring time of each page in each round (at most 5m)")
	fs.DurationVar(&c.warmup, "warmup", 2*time.Second, "unmeasured load before each measurement")
	fs.IntVar(&c.rounds, "rounds", 1, "rounds over every page, the ceiling first in each; medians are printed (at most 9)")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if _, err := time.Parse(time.DateOnly, c.now); err != nil {
		return c, fmt.Errorf("-now %q: a date YYYY-MM-DD", c.now)
	}
	if c.profiles < 1 || c.months < 1 || c.lots < 0 || c.adjust < 0 || c.benefit < 1 || c.rounds < 1 || c.rounds > 9 {
		return c, errors.New("-profiles, -months, -benefits and -rounds (at most 9) must be at least 1; -lots and -adjustments not negative")
	}
	if _, err := os.Stat(c.bin); err != nil {
		return c, fmt.Errorf("-bin %s: %w (build it with make build)", c.bin, err)
	}
	return c, nil
}

// suite is the benchmark of issue 10: it seeds the database when needed, starts the portal and
// the ceiling on loopback ports, signs in, measures each page and the ceiling in the same run,
// prints the table and stops both servers.
func suite(ctx context.Context, args []string, out io.Writer) error {
	c, err := parseSuite(args, out)
	if err != nil {
		return err
	}
	today, _ := time.Parse(time.DateOnly, c.now)
	f, err := prepare(ctx, c, today, out)
	if err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "creditdesk-loadtest-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	token, err := runTool(ctx, c.bin, nil, "token", "create", "-database", c.dsn, "-now", c.now, "-email", loadOwner, "-name", "loadtest "+time.Now().Format(time.RFC3339))
	if err != nil {
		return err
	}
	token = strings.TrimSpace(token[strings.LastIndex(strings.TrimSpace(token), "\n")+1:])

	portal, ceiling, stop, err := startServers(ctx, c, dir)
	if err != nil {
		return err
	}
	defer stop()
	targets, err := suiteTargets(ctx, c, f, today, portal.addr, ceiling.addr, token)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "measuring %d pages and the ceiling: %d connections, %s each (after %s of warm-up), %d round(s)\n",
		len(targets)-1, c.workers, c.duration, c.warmup, c.rounds)
	results := make([][]stats, len(targets))
	for r := range c.rounds {
		for i, t := range targets {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			s := measure(t, c.workers, c.warmup, c.duration, 100_000_000)
			results[i] = append(results[i], s)
			fmt.Fprintf(out, "  round %d  %-60s %7.0f req/s  p99 %s\n", r+1, t.name, s.rate(), s.p99.Round(100*time.Microsecond))
		}
	}
	report(out, c, f, targets, results, portal.proc.peakRSS(), ceiling.proc.peakRSS())
	return nil
}

// prepare creates and seeds the database when it does not hold the benchmark's data yet, and
// returns its facts.
func prepare(ctx context.Context, c suiteConfig, today time.Time, out io.Writer) (facts, error) {
	for _, dsn := range []string{c.dsn, ceilingDatabase(c.dsn)} {
		if err := ensureDatabase(ctx, dsn); err != nil {
			return facts{}, fmt.Errorf("database %s: %w", dsn, err)
		}
	}
	db, err := openGORM(c.dsn, 2)
	if err != nil {
		return facts{}, err
	}
	if sqlDB, err := db.DB(); err == nil {
		defer sqlDB.Close()
	}
	if !seeded(db) {
		started := time.Now()
		sc, err := loadScenario(c.benefit, today)
		if err != nil {
			return facts{}, err
		}
		file := filepath.Join(os.TempDir(), fmt.Sprintf("creditdesk-loadtest-%d.json", os.Getpid()))
		if err := os.WriteFile(file, sc, 0o600); err != nil {
			return facts{}, err
		}
		defer os.Remove(file)
		fmt.Fprintf(out, "seeding %s: users and a partner with %d benefits, then %d profiles (%d lots, %d months, %d adjustments a month each)\n",
			c.dsn, c.benefit, c.profiles, c.lots, c.months, c.adjust)
		if _, err := runTool(ctx, c.bin, nil, "load", "-database", c.dsn, "-now", c.now, file); err != nil {
			return facts{}, err
		}
		if _, err := runTool(ctx, c.bin, nil, "seed", "-database", c.dsn, "-now", c.now, "-owner", loadOwner,
			"-profiles", strconv.Itoa(c.profiles), "-lots", strconv.Itoa(c.lots), "-months", strconv.Itoa(c.months),
			"-adjustments", strconv.Itoa(c.adjust)); err != nil {
			return facts{}, err
		}
		fmt.Fprintf(out, "seeded in %s\n", time.Since(started).Round(time.Second))
	}
	return readFacts(db)
}

// server is a started server and its address.
type server struct {
	proc *proc
	addr string
}

// startServers starts the portal and the ceiling and waits until both answer.
func startServers(ctx context.Context, c suiteConfig, dir string) (server, server, func(), error) {
	var portal, ceiling server
	var err error
	if portal.addr, err = freeAddr(); err != nil {
		return portal, ceiling, nil, err
	}
	if ceiling.addr, err = freeAddr(); err != nil {
		return portal, ceiling, nil, err
	}
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	portal.proc, err = startProc("creditdesk", dir, c.bin, "serve", "-database", c.dsn, "-addr", portal.addr, "-now", c.now,
		"-session-key", hex.EncodeToString(key), "-api-rate-limit", "0", "-log-level", "warn",
		"-metrics-addr", "") // no metrics listener: its fixed default port may be another run's on a shared machine
	if err != nil {
		return portal, ceiling, nil, err
	}
	self, err := os.Executable()
	if err == nil {
		ceiling.proc, err = startProc("ceiling", dir, self, "ceiling", "-database", ceilingDatabase(c.dsn), "-addr", ceiling.addr)
	}
	stop := func() {
		portal.proc.stop()
		if ceiling.proc != nil {
			ceiling.proc.stop()
		}
	}
	if err == nil {
		err = portal.proc.waitReady(ctx, "http://"+portal.addr+"/readyz", time.Minute)
	}
	if err == nil { // the first start fills the ceiling's million rows
		err = ceiling.proc.waitReady(ctx, "http://"+ceiling.addr+"/healthz", 10*time.Minute)
	}
	if err != nil {
		stop()
		return portal, ceiling, nil, err
	}
	return portal, ceiling, stop, nil
}

// suiteTargets signs in and lists the pages of issue 10's table, the ceiling first; each is
// requested once and must answer 200.
func suiteTargets(ctx context.Context, c suiteConfig, f facts, today time.Time, portal, ceiling, token string) ([]target, error) {
	base := &url.URL{Scheme: "http", Host: portal}
	owner, admin := jarClient(), jarClient()
	if err := signIn(owner, base, loadOwner, loadPassword); err != nil {
		return nil, err
	}
	if err := signIn(admin, base, loadAdmin, loadPassword); err != nil {
		return nil, err
	}
	api := newClient(nil)
	bearer := http.Header{"Authorization": {"Bearer " + token}}
	fixed := func(path string) func(int) string { return func(int) string { return base.String() + path } }
	busy := "/accounts/" + url.PathEscape(f.BusyAccount) + "/profiles/" + url.PathEscape(f.BusyProfile)
	arm := "/providers/Microsoft.Billing/billingAccounts/" + f.BusyAccount + "/billingProfiles/" + f.BusyProfile +
		"/providers/Microsoft.Consumption"
	from := today.AddDate(0, -c.months-1, 0).Format(time.DateOnly)
	ts := []target{
		{name: "ceiling: echo + GORM, 50 rows by key of 1,000,000, html/template", client: newClient(nil),
			url: func(i int) string { return "http://" + ceiling + "/?k=" + strconv.Itoa(i*7919%ceilingKeys) }},
		{name: fmt.Sprintf("credits page of the profile with the most events (%d)", f.BusyEvents), client: owner, url: fixed(busy + "/credits")},
		{name: "its lots fragment (htmx)", client: owner, url: fixed(busy + "/credits"),
			header: http.Header{"Hx-Request": {"true"}, "Hx-Target": {"lots-table"}}},
		{name: fmt.Sprintf("account credits summary, %d profiles", f.WideProfiles), client: owner,
			url: fixed("/accounts/" + url.PathEscape(f.WideAccount) + "/credits")},
		{name: "API balanceSummary", client: api, header: bearer, url: fixed(arm + "/credits/balanceSummary?api-version=2021-10-01")},
		{name: "API lots, first page", client: api, header: bearer, url: fixed(arm + "/lots?api-version=2021-10-01")},
		{name: "API events, first page", client: api, header: bearer,
			url: fixed(arm + "/events?api-version=2021-10-01&startDate=" + from + "&endDate=" + c.now)},
		{name: fmt.Sprintf("/scopes, owner of %d accounts and %d profiles", f.Accounts, f.Profiles), client: owner, url: fixed("/scopes")},
		{name: fmt.Sprintf("benefits workspace, partner with %d benefits", c.benefit), client: admin,
			url: fixed("/partners/" + loadPartner + "/benefits")},
	}
	for _, t := range ts {
		if _, err := fetch(ctx, t.client, t.url(0), t.header); err != nil {
			return nil, fmt.Errorf("%s: %w", t.name, err)
		}
	}
	return ts, nil
}

func jarClient() *http.Client {
	jar, _ := cookiejar.New(nil)
	return newClient(jar)
}
