// Command loadtest measures a running CreditDesk portal from a second process: it signs in as a
// user, then requests the given pages from several workers for a bounded time and prints
// requests per second and latency percentiles. It only talks to loopback addresses.
//
//	go run ./cmd/loadtest -url http://127.0.0.1:8080 -email ana@northwind.example \
//	    -password creditdesk-demo -paths /scopes,/accounts/X/profiles/Y/credits -duration 20s -c 8
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadtest:", err)
		os.Exit(1)
	}
}

// result is what one worker measured.
type result struct {
	latencies []time.Duration
	failures  int
}

func run(args []string, out io.Writer) error {
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
	if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("-url %s: only loopback addresses may be load-tested", *base)
	}
	*duration = min(*duration, 5*time.Minute)
	*workers = max(1, min(*workers, 64))
	client, err := signIn(u, *email, *password)
	if err != nil {
		return err
	}
	targets := strings.Split(*paths, ",")
	ctx, cancel := context.WithTimeout(context.Background(), *duration)
	defer cancel()
	var sent atomic.Int64
	results := make([]result, *workers)
	var wg sync.WaitGroup
	started := time.Now()
	for w := 0; w < *workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; ; i++ {
				if ctx.Err() != nil || sent.Add(1) > int64(*maxRequests) {
					return
				}
				t0 := time.Now()
				if err := get(ctx, client, u.String()+targets[i%len(targets)]); err != nil {
					if !errors.Is(err, context.DeadlineExceeded) {
						results[w].failures++
					}
					continue
				}
				results[w].latencies = append(results[w].latencies, time.Since(t0))
			}
		}(w)
	}
	wg.Wait()
	report(out, results, time.Since(started), *workers, targets)
	return nil
}

// signIn returns a client holding a session for the user.
func signIn(u *url.URL, email, password string) (*http.Client, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
	if err := get(context.Background(), c, u.String()+"/signin"); err != nil {
		return nil, err
	}
	var token string
	for _, ck := range jar.Cookies(u) {
		if ck.Name == "creditdesk_csrf" {
			token = ck.Value
		}
	}
	resp, err := c.PostForm(u.String()+"/signin", url.Values{"email": {email}, "password": {password}, "_csrf": {token}})
	if err != nil {
		return nil, err
	}
	resp.Body.Close()
	if resp.Request.URL.Path == "/signin" {
		return nil, fmt.Errorf("sign in as %s failed (status %d)", email, resp.StatusCode)
	}
	return c, nil
}

func get(ctx context.Context, c *http.Client, target string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: status %d", target, resp.StatusCode)
	}
	return nil
}

// report prints throughput and latency percentiles.
func report(out io.Writer, results []result, elapsed time.Duration, workers int, targets []string) {
	var all []time.Duration
	failures := 0
	for _, r := range results {
		all = append(all, r.latencies...)
		failures += r.failures
	}
	slices.Sort(all)
	pct := func(p float64) time.Duration {
		if len(all) == 0 {
			return 0
		}
		return all[min(len(all)-1, int(p*float64(len(all))))]
	}
	fmt.Fprintf(out, "%d workers, %s, paths %v\n", workers, elapsed.Round(time.Millisecond), targets)
	fmt.Fprintf(out, "%d requests, %d failed, %.0f requests/s\n", len(all), failures, float64(len(all))/elapsed.Seconds())
	fmt.Fprintf(out, "latency p50 %s, p95 %s, p99 %s, max %s\n", pct(0.50).Round(time.Microsecond),
		pct(0.95).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), pct(1).Round(time.Microsecond))
}
