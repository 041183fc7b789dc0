package main

import (
	"fmt"
	"io"
	"net/url"
	"slices"
	"strings"
	"time"
)

// report prints one history size's table in Markdown: each page's medians over the rounds, its
// share of the ceiling's requests per second in the same run, and the serving process's highest
// RSS while the page was measured.
func report(out io.Writer, c suiteConfig, r history, ceilingPeak string) {
	kind := "SQLite"
	if isPostgres(r.dsn) {
		kind = "PostgreSQL"
	}
	f := r.facts
	fmt.Fprintf(out, "\n%s, %s, %d months of history: %d billing accounts, %d profiles, %d lots, %d invoices, %d ledger events, %d benefits\n",
		kind, redact(r.dsn), r.months, f.Accounts, f.Profiles, f.Lots, f.Invoices, f.Events, f.Benefits)
	fmt.Fprintf(out, "%d connections, %s per page and round, %d round(s) (medians); peak RSS: portal %s, ceiling %s\n\n",
		c.workers, c.duration, c.rounds, r.peak, ceilingPeak)
	fmt.Fprintln(out, "| Page | size | req/s | p50 | p99 | errors, timeouts | share of the ceiling | RSS during the page |")
	fmt.Fprintln(out, "|---|---:|---:|---:|---:|---:|---:|---:|")
	for i, t := range r.targets {
		p := r.page(i)
		fmt.Fprintf(out, "| %s | %.1f KB | %.0f | %s | %s | %d, %d | %s | %s |\n", t.name, p.kb, p.rate, ms(p.p50), ms(p.p99),
			p.failed, p.timeouts, p.share, mb(p.rssKB))
	}
	for i, t := range r.targets {
		for _, s := range r.results[i] {
			if s.firstError != "" {
				fmt.Fprintf(out, "\n%s: first error: %s", t.name, s.firstError)
				break
			}
		}
	}
	fmt.Fprintln(out)
}

// pageFigures are a page's figures over the rounds of a run.
type pageFigures struct {
	kb, rate         float64
	p50, p99         time.Duration
	failed, timeouts int
	share            string // of the ceiling's median requests/s, "100 %" for the ceiling
	rssKB            int    // the highest of the rounds
}

// page is the figures of target i: medians of the rounds, failures summed, the highest RSS.
func (r history) page(i int) pageFigures {
	res := r.results[i]
	p := pageFigures{kb: float64(res[len(res)-1].bytes) / 1024, rate: median(res, stats.rate),
		p50:   time.Duration(median(res, func(s stats) float64 { return float64(s.p50) })),
		p99:   time.Duration(median(res, func(s stats) float64 { return float64(s.p99) })),
		share: "100 %"}
	for _, s := range res {
		p.failed, p.timeouts, p.rssKB = p.failed+s.failed, p.timeouts+s.timeouts, max(p.rssKB, s.rssKB)
	}
	if ceiling := median(r.results[0], stats.rate); i > 0 && ceiling > 0 {
		p.share = fmt.Sprintf("%.0f %%", 100*p.rate/ceiling)
	}
	return p
}

// reportHistory compares the history sizes page by page (issue 10: the cost of a page does
// not grow with the history): each page's share of the ceiling and p50 in each run.
func reportHistory(out io.Writer, runs []history) {
	fmt.Fprint(out, "\nCost against history length (share of the same run's ceiling, p50):\n\n| Page |")
	for _, r := range runs {
		fmt.Fprintf(out, " %d months (%d events) |", r.months, r.facts.Events)
	}
	fmt.Fprint(out, "\n|---|")
	for range runs {
		fmt.Fprint(out, "---:|")
	}
	fmt.Fprintln(out)
	for i, t := range runs[0].targets {
		fmt.Fprintf(out, "| %s |", t.key)
		for _, r := range runs {
			p := r.page(i)
			fmt.Fprintf(out, " %s, %s |", p.share, ms(p.p50))
		}
		fmt.Fprintln(out)
	}
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
