package main

import (
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"
)

// report prints the run's table in Markdown: each page's medians over the rounds and its share
// of the ceiling's requests per second in the same run.
func report(out io.Writer, c suiteConfig, f facts, targets []target, results [][]stats, portalRSS, ceilingRSS string) {
	kind := "SQLite"
	if isPostgres(c.dsn) {
		kind = "PostgreSQL"
	}
	fmt.Fprintf(out, "\n%s, %s: %d billing accounts, %d profiles, %d lots, %d invoices, %d ledger events\n",
		kind, redact(c.dsn), f.Accounts, f.Profiles, f.Lots, f.Invoices, f.Events)
	fmt.Fprintf(out, "%d connections, %s per page and round, %d round(s) (medians); peak RSS: portal %s, ceiling %s\n\n",
		c.workers, c.duration, c.rounds, portalRSS, ceilingRSS)
	fmt.Fprintln(out, "| Page | size | req/s | p50 | p99 | errors, timeouts | share of the ceiling |")
	fmt.Fprintln(out, "|---|---:|---:|---:|---:|---:|---:|")
	ceiling := median(results[0], stats.rate)
	for i, t := range targets {
		rate := median(results[i], stats.rate)
		p50 := time.Duration(median(results[i], func(s stats) float64 { return float64(s.p50) }))
		p99 := time.Duration(median(results[i], func(s stats) float64 { return float64(s.p99) }))
		failed, timeouts := 0, 0
		for _, s := range results[i] {
			failed, timeouts = failed+s.failed, timeouts+s.timeouts
		}
		share := "100 %"
		if i > 0 && ceiling > 0 {
			share = fmt.Sprintf("%.0f %%", 100*rate/ceiling)
		}
		fmt.Fprintf(out, "| %s | %.1f KB | %.0f | %s | %s | %d, %d | %s |\n", t.name, float64(results[i][len(results[i])-1].bytes)/1024,
			rate, ms(p50), ms(p99), failed, timeouts, share)
	}
	for i, t := range targets {
		for _, s := range results[i] {
			if s.firstError != "" {
				fmt.Fprintf(out, "\n%s: first error: %s", t.name, s.firstError)
				break
			}
		}
	}
	fmt.Fprintln(out)
}

// median is the median of f over the rounds.
func median(ss []stats, f func(stats) float64) float64 {
	vs := make([]float64, len(ss))
	for i, s := range ss {
		vs[i] = f(s)
	}
	slices.Sort(vs)
	if len(vs)%2 == 1 {
		return vs[len(vs)/2]
	}
	return (vs[len(vs)/2-1] + vs[len(vs)/2]) / 2
}

// ms writes a latency in milliseconds.
func ms(d time.Duration) string {
	if d < 10*time.Millisecond {
		return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.0f ms", float64(d)/float64(time.Millisecond))
}

// redact drops a password from a database URL.
func redact(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return strings.TrimSpace(u.String())
}
