package store

import (
	"context"
	"database/sql/driver"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// fakeConnector answers Connect with err, counting the calls.
type fakeConnector struct {
	mu    sync.Mutex
	err   error
	calls int
}

func (f *fakeConnector) Connect(context.Context) (driver.Conn, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	return nil, f.err
}

func (f *fakeConnector) Driver() driver.Driver { return nil }

// TestBreakerBacksOff (issue 8, item 9): after a failed connection attempt, connections are
// refused without an attempt until the back-off has passed, the back-off doubles up to its
// maximum, and a success lets every caller through again.
func TestBreakerBacksOff(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	inner := &fakeConnector{err: errors.New("connection refused")}
	c := &connector{inner: inner, breaker: &breaker{now: func() time.Time { return now }}}
	ctx := context.Background()
	connect := func() error { _, err := c.Connect(ctx); return err }

	if err := connect(); !errors.Is(err, fault.ErrUnavailable) || inner.calls != 1 {
		t.Fatalf("first failure: %v after %d attempts, want ErrUnavailable after 1", err, inner.calls)
	}
	for range 10 {
		if err := connect(); !errors.Is(err, fault.ErrUnavailable) {
			t.Fatalf("during the back-off: %v", err)
		}
	}
	if inner.calls != 1 {
		t.Fatalf("%d attempts during the back-off, want none after the first", inner.calls)
	}
	var waits []time.Duration
	for attempt := 2; attempt <= 9; attempt++ {
		start := now
		for inner.calls < attempt {
			now = now.Add(10 * time.Millisecond)
			_ = connect()
		}
		waits = append(waits, now.Sub(start))
	}
	want := []time.Duration{100, 200, 400, 800, 1600, 3200, 5000, 5000}
	for i, w := range waits {
		if w != want[i]*time.Millisecond {
			t.Errorf("wait before attempt %d: %v, want %v (all: %v)", i+2, w, want[i]*time.Millisecond, waits)
			break
		}
	}
	inner.err = nil
	now = now.Add(maxBackoff)
	for range 3 {
		if err := connect(); err != nil {
			t.Fatalf("after the database came back: %v", err)
		}
	}
	if st := c.attempts.Load(); st != int64(inner.calls) || c.failed.Load() != 9 {
		t.Errorf("counted %d attempts, %d failed; want %d and 9", st, c.failed.Load(), inner.calls)
	}
}

// TestBreakerProbesAlone: once the back-off has passed, one caller tries the database while the
// others are still refused, so a crowd of requests makes one attempt.
func TestBreakerProbesAlone(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	b := &breaker{now: func() time.Time { return now }}
	if probe, err := b.enter(); probe || err != nil {
		t.Fatalf("a healthy breaker: probe %v, err %v", probe, err)
	}
	b.done(false, false)
	now = now.Add(minBackoff)
	probe, err := b.enter()
	if !probe || err != nil {
		t.Fatalf("after the back-off: probe %v, err %v; want this caller to try", probe, err)
	}
	if _, err := b.enter(); !errors.Is(err, fault.ErrUnavailable) {
		t.Errorf("a second caller during the probe: %v, want refused", err)
	}
	b.abandon(probe) // the probe's request was canceled: no verdict on the database
	if probe, err := b.enter(); !probe || err != nil {
		t.Errorf("after an abandoned probe: probe %v, err %v; want another caller to try", probe, err)
	}
}
