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
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/creditdesk/creditdesk/internal/serverproc"
)

// suiteConfig is the suite's flags.
type suiteConfig struct {
	bin, dsn, now                   string
	profiles, lots, adjust, benefit int
	months                          []int    // history sizes, one database each
	pages                           []string // keys of the pages to measure, none for all
	workers, rounds                 int
	duration, warmup                time.Duration
}

// quickDefaults are the defaults of -quick, a reduced run: a smaller seed in a database of its
// own, shorter measurements, one round. Flags given explicitly win.
var quickDefaults = map[string]string{"database": "data/loadtest-quick.db", "profiles": "100", "months": "3",
	"duration": "3s", "warmup": "1s", "rounds": "1"}

func parseSuite(args []string, out io.Writer) (suiteConfig, error) {
	var c suiteConfig
	var months, pages string
	var quick bool
	fs := flag.NewFlagSet("loadtest suite", flag.ContinueOnError)
	fs.SetOutput(out)
	fs.StringVar(&c.bin, "bin", "bin/creditdesk", "the creditdesk binary (make build)")
	fs.StringVar(&c.dsn, "database", "data/loadtest.db", "postgres:// URL (the database is created when missing) or SQLite file; seeded unless it holds the benchmark's data already")
	fs.StringVar(&c.now, "now", "2026-11-20", "the business day of the seed and of the portal")
	fs.IntVar(&c.profiles, "profiles", 1000, "billing profiles to seed, 50 to an account (creditdesk seed)")
	fs.IntVar(&c.lots, "lots", 10, "credit lots per profile")
	fs.StringVar(&months, "months", "24", "months of history; two or more sizes (6,24) measure one database each, named with the suffix _m6, _m24, and compare them")
	fs.IntVar(&c.adjust, "adjustments", 45, "adjustments per profile and month")
	fs.IntVar(&c.benefit, "benefits", 1000, "benefits of the partner whose workspace is measured")
	fs.StringVar(&pages, "pages", "", "comma-separated pages to measure, of "+strings.Join(pageKeys, ", ")+" (the ceiling always); all when empty")
	fs.IntVar(&c.workers, "c", 32, "concurrent connections (at most 64)")
	fs.DurationVar(&c.duration, "duration", 10*time.Second, "measuring time of each page in each round (at most 5m)")
	fs.DurationVar(&c.warmup, "warmup", 2*time.Second, "unmeasured load before each measurement")
	fs.IntVar(&c.rounds, "rounds", 1, "rounds over every page, the ceiling first in each; medians are printed (at most 9)")
	fs.BoolVar(&quick, "quick", false, "a reduced run: -database data/loadtest-quick.db -profiles 100 -months 3 -duration 3s -warmup 1s -rounds 1 unless given")
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if quick {
		set := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
		for name, v := range quickDefaults {
			if !set[name] {
				_ = fs.Set(name, v)
			}
		}
	}
	if _, err := time.Parse(time.DateOnly, c.now); err != nil {
		return c, fmt.Errorf("-now %q: a date YYYY-MM-DD", c.now)
	}
	for _, m := range strings.Split(months, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(m))
		if err != nil || n < 1 || slices.Contains(c.months, n) {
			return c, fmt.Errorf("-months %q: distinct numbers of months, at least 1, separated by commas", months)
		}
		c.months = append(c.months, n)
	}
	for _, p := range strings.Split(pages, ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		if !slices.Contains(pageKeys, p) {
			return c, fmt.Errorf("-pages: %q is none of %s", p, strings.Join(pageKeys, ", "))
		}
		c.pages = append(c.pages, p)
	}
	if c.profiles < 1 || c.lots < 0 || c.adjust < 0 || c.benefit < 1 || c.rounds < 1 || c.rounds > 9 {
		return c, errors.New("-profiles, -benefits and -rounds (at most 9) must be at least 1; -lots and -adjustments not negative")
	}
	if _, err := os.Stat(c.bin); err != nil {
		return c, fmt.Errorf("-bin %s: %w (build it with make build)", c.bin, err)
	}
	return c, nil
}

// dsnFor is the database of a history size: -database itself for a single size, else with the
// suffix _m<months> (before an SQLite file's extension).
func (c suiteConfig) dsnFor(months int) string {
	if len(c.months) == 1 {
		return c.dsn
	}
	suffix := "_m" + strconv.Itoa(months)
	if isPostgres(c.dsn) {
		u, _ := url.Parse(c.dsn)
		u.Path += suffix
		return u.String()
	}
	path := strings.TrimPrefix(c.dsn, "sqlite:")
	return strings.TrimSuffix(path, filepath.Ext(path)) + suffix + filepath.Ext(path)
}

// history is the measurement of one history size.
type history struct {
	months  int
	dsn     string
	facts   facts
	targets []target
	results [][]stats // by target, then round
	peak    string    // the portal's peak RSS over the run
}

// suite is the benchmark of issue 10: it starts the ceiling, then for each history size seeds
// its database when needed, starts the portal on it, signs in, measures each page and the
// ceiling in the same rounds, prints the table and stops the portal; with two sizes or more it
// compares them.
func suite(ctx context.Context, args []string, out io.Writer) error {
	c, err := parseSuite(args, out)
	if err != nil {
		return err
	}
	today, _ := time.Parse(time.DateOnly, c.now)
	dir, err := os.MkdirTemp("", "creditdesk-loadtest-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	ceiling, err := startCeiling(ctx, c, dir)
	if err != nil {
		return err
	}
	defer ceiling.proc.Stop()
	var runs []history
	for _, months := range c.months {
		r, err := measureHistory(ctx, c, months, today, dir, ceiling, out)
		if err != nil {
			return err
		}
		report(out, c, r, ceiling.proc.peakRSS())
		runs = append(runs, r)
	}
	if len(runs) > 1 {
		reportHistory(out, runs)
	}
	return nil
}

// measureHistory seeds the database of one history size when needed, starts the portal on it,
// measures the pages with the ceiling first in every round and stops the portal.
func measureHistory(ctx context.Context, c suiteConfig, months int, today time.Time, dir string, ceiling server, w io.Writer) (history, error) {
	r := history{months: months, dsn: c.dsnFor(months)}
	var err error
	if r.facts, err = prepare(ctx, c, r.dsn, months, today, w); err != nil {
		return r, err
	}
	token, err := runTool(ctx, c.bin, nil, "token", "create", "-database", r.dsn, "-now", c.now, "-email", loadOwner, "-name", "loadtest "+time.Now().Format(time.RFC3339Nano))
	if err != nil {
		return r, err
	}
	token = strings.TrimSpace(token[strings.LastIndex(strings.TrimSpace(token), "\n")+1:])
	portal, err := startPortal(ctx, c, r.dsn, dir)
	if err != nil {
		return r, err
	}
	defer portal.proc.Stop()
	if r.targets, err = suiteTargets(ctx, c, r.facts, months, today, portal, ceiling, token); err != nil {
		return r, err
	}
	fmt.Fprintf(w, "%d months of history: measuring %d pages and the ceiling: %d connections, %s each (after %s of warm-up), %d round(s)\n",
		months, len(r.targets)-1, c.workers, c.duration, c.warmup, c.rounds)
	r.results = make([][]stats, len(r.targets))
	for round := range c.rounds {
		for i, t := range r.targets {
			if ctx.Err() != nil {
				return r, ctx.Err()
			}
			peak := t.server.watchRSS()
			s := measure(t, c.workers, c.warmup, c.duration, 100_000_000)
			s.rssKB = peak()
			r.results[i] = append(r.results[i], s)
			fmt.Fprintf(w, "  round %d  %-60s %7.0f req/s  p99 %s  RSS %s\n", round+1, t.name, s.rate(), s.p99.Round(100*time.Microsecond), mb(s.rssKB))
		}
	}
	r.peak = portal.proc.peakRSS()
	return r, nil
}

// prepare creates and seeds the database dsn with months of history when it does not hold the
// benchmark's data yet, and returns its facts.
func prepare(ctx context.Context, c suiteConfig, dsn string, months int, today time.Time, out io.Writer) (facts, error) {
	if err := ensureDatabase(ctx, dsn); err != nil {
		return facts{}, fmt.Errorf("database %s: %w", dsn, err)
	}
	db, err := openGORM(dsn, 2)
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
			redact(dsn), c.benefit, c.profiles, c.lots, months, c.adjust)
		if _, err := runTool(ctx, c.bin, nil, "load", "-database", dsn, "-now", c.now, file); err != nil {
			return facts{}, err
		}
		if _, err := runTool(ctx, c.bin, nil, "seed", "-database", dsn, "-now", c.now, "-owner", loadOwner,
			"-profiles", strconv.Itoa(c.profiles), "-lots", strconv.Itoa(c.lots), "-months", strconv.Itoa(months),
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

// startCeiling starts the ceiling on its own database beside -database (filled with its rows
// on the first start) and waits until it answers.
func startCeiling(ctx context.Context, c suiteConfig, dir string) (server, error) {
	dsn := ceilingDatabase(c.dsn)
	if err := ensureDatabase(ctx, dsn); err != nil {
		return server{}, fmt.Errorf("database %s: %w", dsn, err)
	}
	addr, err := serverproc.FreeAddr()
	if err != nil {
		return server{}, err
	}
	self, err := os.Executable()
	if err != nil {
		return server{}, err
	}
	p, err := startProc("ceiling", dir, self, "ceiling", "-database", dsn, "-addr", addr)
	if err != nil {
		return server{}, err
	}
	if err := p.WaitReady(ctx, "http://"+addr+"/healthz", 10*time.Minute); err != nil {
		p.Stop()
		return server{}, err
	}
	return server{proc: p, addr: addr}, nil
}

// startPortal starts creditdesk serve on dsn and waits until it answers.
func startPortal(ctx context.Context, c suiteConfig, dsn, dir string) (server, error) {
	addr, err := serverproc.FreeAddr()
	if err != nil {
		return server{}, err
	}
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	p, err := startProc("creditdesk", dir, c.bin, "serve", "-database", dsn, "-addr", addr, "-now", c.now,
		"-session-key", hex.EncodeToString(key), "-api-rate-limit", "0", "-log-level", "warn",
		"-metrics-addr", "") // no metrics listener: its fixed default port may be another run's on a shared machine
	if err != nil {
		return server{}, err
	}
	if err := p.WaitReady(ctx, "http://"+addr+"/readyz", time.Minute); err != nil {
		p.Stop()
		return server{}, err
	}
	return server{proc: p, addr: addr}, nil
}

// pageKeys name the pages of issue 10's table, the credits page's charts that it loads after its
// first paint, the benefits workspace and its overview (the charts the workspace loads after it
// is shown), in the suite's order, for -pages.
var pageKeys = []string{"credits", "lots", "charts", "summary", "balance", "apilots", "events", "scopes", "benefits", "overview"}

// suiteTargets signs in and lists the pages of issue 10's table (those of -pages), the ceiling
// first; each is requested once and must answer 200.
func suiteTargets(ctx context.Context, c suiteConfig, f facts, months int, today time.Time, portal, ceiling server, token string) ([]target, error) {
	base := &url.URL{Scheme: "http", Host: portal.addr}
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
	from := today.AddDate(0, -months-1, 0).Format(time.DateOnly)
	all := []target{
		{key: "ceiling", name: "ceiling: echo + GORM, 50 rows by key of 1,000,000, html/template", client: newClient(nil),
			url: func(i int) string { return "http://" + ceiling.addr + "/?k=" + strconv.Itoa(i*7919%ceilingKeys) }},
		{key: "credits", name: fmt.Sprintf("credits page of the profile with the most events (%d)", f.BusyEvents), client: owner, url: fixed(busy + "/credits")},
		{key: "lots", name: "its lots fragment (htmx)", client: owner, url: fixed(busy + "/credits"),
			header: http.Header{"Hx-Request": {"true"}, "Hx-Target": {"lots-table"}}},
		{key: "charts", name: "its balance over time and runway (htmx, after the first paint)", client: owner,
			url: fixed(busy + "/credits/charts"), header: http.Header{"Hx-Request": {"true"}, "Hx-Target": {"credits-charts"}}},
		{key: "summary", name: fmt.Sprintf("account credits summary, %d profiles", f.WideProfiles), client: owner,
			url: fixed("/accounts/" + url.PathEscape(f.WideAccount) + "/credits")},
		{key: "balance", name: "API balanceSummary", client: api, header: bearer, url: fixed(arm + "/credits/balanceSummary?api-version=2021-10-01")},
		{key: "apilots", name: "API lots, first page", client: api, header: bearer, url: fixed(arm + "/lots?api-version=2021-10-01")},
		{key: "events", name: "API events, first page", client: api, header: bearer,
			url: fixed(arm + "/events?api-version=2021-10-01&startDate=" + from + "&endDate=" + c.now)},
		{key: "scopes", name: fmt.Sprintf("/scopes, owner of %d accounts and %d profiles", f.Accounts, f.Profiles), client: owner, url: fixed("/scopes")},
		{key: "benefits", name: fmt.Sprintf("benefits workspace, partner with %d benefits", f.Benefits), client: admin,
			url: fixed("/partners/" + loadPartner + "/benefits")},
		{key: "overview", name: "its overview (htmx): benefits by status, not redeemed by end month", client: admin,
			url: fixed("/partners/" + loadPartner + "/overview"), header: http.Header{"Hx-Request": {"true"}}},
	}
	var ts []target
	for _, t := range all {
		if t.key != "ceiling" && len(c.pages) > 0 && !slices.Contains(c.pages, t.key) {
			continue
		}
		t.server = portal.proc
		if t.key == "ceiling" {
			t.server = ceiling.proc
		}
		if _, err := fetch(ctx, t.client, t.url(0), t.header); err != nil {
			return nil, fmt.Errorf("%s: %w", t.name, err)
		}
		ts = append(ts, t)
	}
	return ts, nil
}

func jarClient() *http.Client {
	jar, _ := cookiejar.New(nil)
	return newClient(jar)
}
