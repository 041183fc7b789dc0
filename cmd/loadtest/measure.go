package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// Bounds of every run: the load generator never runs longer, wider or elsewhere than this.
const (
	maxDuration = 5 * time.Minute
	maxWorkers  = 64
	reqTimeout  = 5 * time.Second // a request slower than this counts as a timeout
)

// loopbackOnly refuses any address that is not the local machine.
func loopbackOnly(u *url.URL) error {
	if ip := net.ParseIP(u.Hostname()); u.Hostname() != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("%s: only loopback addresses may be load-tested", u)
	}
	return nil
}

// newClient is an HTTP client keeping a connection per worker, with a cookie jar when jar is set.
func newClient(jar http.CookieJar) *http.Client {
	return &http.Client{Jar: jar, Timeout: reqTimeout,
		Transport: &http.Transport{MaxIdleConns: maxWorkers, MaxIdleConnsPerHost: maxWorkers, DisableCompression: true}}
}

// target is one page to measure.
type target struct {
	key    string // the suite's name of the page (-pages)
	name   string
	server *proc // the suite's process serving it, whose RSS is watched; nil in a probe
	client *http.Client
	url    func(i int) string // the address of the i-th request
	header http.Header        // added to every request (htmx, bearer token)
}

// stats is what one measurement saw.
type stats struct {
	ok, failed, timeouts int
	elapsed              time.Duration
	p50, p99, max        time.Duration
	bytes                int64  // body bytes of one answer (the last one read)
	firstError           string // the first failure, "" for none
	rssKB                int    // the serving process's peak resident memory during the measurement, 0 unknown
}

// rate is requests answered per second.
func (s stats) rate() float64 {
	if s.elapsed <= 0 {
		return 0
	}
	return float64(s.ok) / s.elapsed.Seconds()
}

// measure requests t from workers concurrent workers for d (after a warm-up of warm that is not
// counted), or until limit requests in all, and returns what it saw.
func measure(t target, workers int, warm, d time.Duration, limit int) stats {
	workers = max(1, min(workers, maxWorkers))
	d = min(d, maxDuration)
	if warm > 0 {
		measureFor(t, workers, warm, limit)
	}
	return measureFor(t, workers, d, limit)
}

func measureFor(t target, workers int, d time.Duration, limit int) stats {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var sent, size atomic.Int64
	var firstError atomic.Value
	lat := make([][]time.Duration, workers)
	failed, timeouts := make([]int, workers), make([]int, workers)
	var wg sync.WaitGroup
	started := time.Now()
	for w := range workers {
		wg.Go(func() {
			for i := w; ; i += workers {
				if ctx.Err() != nil || sent.Add(1) > int64(limit) {
					return
				}
				t0 := time.Now()
				n, err := fetch(ctx, t.client, t.url(i), t.header)
				switch {
				case err == nil:
					lat[w] = append(lat[w], time.Since(t0))
					size.Store(n)
				case ctx.Err() != nil:
					return // the run ended during the request: not counted
				case errors.Is(err, context.DeadlineExceeded) || isTimeout(err):
					timeouts[w]++
				default:
					failed[w]++
					firstError.CompareAndSwap(nil, err.Error())
				}
			}
		})
	}
	wg.Wait()
	s := stats{elapsed: time.Since(started), bytes: size.Load()}
	s.firstError, _ = firstError.Load().(string)
	var all []time.Duration
	for w := range workers {
		all = append(all, lat[w]...)
		s.failed += failed[w]
		s.timeouts += timeouts[w]
	}
	slices.Sort(all)
	s.ok = len(all)
	if len(all) > 0 {
		s.p50, s.p99, s.max = all[len(all)/2], all[min(len(all)-1, len(all)*99/100)], all[len(all)-1]
	}
	return s
}

// isTimeout reports a client-side timeout.
func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// fetch gets target and reads the whole body; anything but 200 is an error.
func fetch(ctx context.Context, c *http.Client, target string, header http.Header) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return 0, err
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	n, err := io.Copy(io.Discard, resp.Body)
	if err != nil {
		return n, err
	}
	if resp.StatusCode != http.StatusOK {
		return n, fmt.Errorf("%s: status %d", target, resp.StatusCode)
	}
	return n, nil
}
