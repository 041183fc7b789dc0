// Command loadtest measures CreditDesk under load, bounded in time and width and on loopback
// addresses only. It has three modes:
//
//	loadtest [-url http://127.0.0.1:8080 -email E -password P -paths /scopes,... -duration 20s -c 8]
//	    signs in to a running portal and requests the pages in turn: requests/s and latencies.
//	loadtest suite [-database URL -profiles 1000 -lots 10 -months 24 -c 32 -duration 10s -pages P,... -quick]
//	    the benchmark of issue 10 in one command (make loadtest): seeds a database, starts the
//	    portal and a ceiling program on it, signs in and measures each page against the ceiling,
//	    with the portal's RSS throughout; -months 6,24 measures two history sizes and compares
//	    them, -quick is a reduced run.
//	loadtest ceiling -database URL -addr ADDR
//	    the ceiling program alone: an echo + GORM page reading 50 rows by an indexed key from a
//	    1,000,000-row table, rendered with html/template (the suite starts it as a subprocess).
//
// The ceiling is a reference program, not a part of CreditDesk: it uses GORM directly, which the
// portal itself does only in internal/store, and the suite reads two facts of the seeded
// database (the profile with the most events, the account with the most profiles) the same way.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// run dispatches to a mode.
func run(ctx context.Context, args []string, out io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "suite":
			return suite(ctx, args[1:], out)
		case "ceiling":
			return serveCeiling(ctx, args[1:], out)
		}
	}
	return probe(args, out)
}

// probe measures some pages of a running portal as one signed-in user.
func probe(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	base := fs.String("url", "http://127.0.0.1:8080", "portal address (loopback only)")
	email := fs.String("email", "ana@northwind.example", "user to sign in as")
	password := fs.String("password", "creditdesk-demo", "the user's password")
	paths := fs.String("paths", "/scopes", "comma-separated paths to request in turn")
	duration := fs.Duration("duration", 20*time.Second, "how long to run (at most 5m)")
	workers := fs.Int("c", 8, "concurrent workers (at most 64)")
	maxRequests := fs.Int("n", 1_000_000, "stop after this many requests in all")
	if err := fs.Parse(args); err != nil {
		return err
	}
	u, err := url.Parse(*base)
	if err != nil {
		return err
	}
	if err := loopbackOnly(u); err != nil {
		return err
	}
	jar, _ := cookiejar.New(nil)
	client := newClient(jar)
	if err := signIn(client, u, *email, *password); err != nil {
		return err
	}
	targets := strings.Split(*paths, ",")
	t := target{name: *paths, client: client, url: func(i int) string { return u.String() + targets[i%len(targets)] }}
	s := measure(t, *workers, 0, *duration, *maxRequests)
	fmt.Fprintf(out, "%d workers, %s, paths %v\n", *workers, s.elapsed.Round(time.Millisecond), targets)
	fmt.Fprintf(out, "%d requests, %d failed, %d timed out, %.0f requests/s\n", s.ok, s.failed, s.timeouts, s.rate())
	fmt.Fprintf(out, "latency p50 %s, p99 %s, max %s\n", s.p50.Round(time.Microsecond), s.p99.Round(time.Microsecond),
		s.max.Round(time.Microsecond))
	return nil
}
