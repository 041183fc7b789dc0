package store

import (
	"context"
	"database/sql/driver"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// The back-off between attempts to reach a database that refused a connection: it doubles from
// minBackoff at each failed attempt up to maxBackoff, and a success resets it.
const (
	minBackoff = 100 * time.Millisecond
	maxBackoff = 5 * time.Second
)

// RetryAfter is how long a caller refused during an outage should wait before trying again:
// the longest back-off, so that a retry finds the next attempt to connect done.
const RetryAfter = maxBackoff

// breaker stands between the pool and the database while the database cannot be reached: after
// a failed connection attempt, connections are refused at once (fault.ErrUnavailable) until the
// back-off has passed; then one caller alone tries again, and the others keep being refused
// until it knows. So an outage costs one connection attempt per back-off, not one per request,
// and the pool reconnects by itself once the database answers.
type breaker struct {
	now      func() time.Time // the wall clock
	mu       sync.Mutex
	failures int       // consecutive failed attempts; 0 while the database answers
	until    time.Time // no attempt before this instant
	probing  bool      // an attempt after a failure is under way
}

// errBackingOff is a connection refused without an attempt, while the breaker waits.
var errBackingOff = fmt.Errorf("store: the database did not answer the last connection attempt; retrying with back-off: %w",
	fault.ErrUnavailable)

// enter asks to attempt a connection. It refuses during the back-off and while another attempt
// after a failure is under way; probe reports that this attempt is that one.
func (b *breaker) enter() (probe bool, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.failures == 0 {
		return false, nil
	}
	if b.probing || b.now().Before(b.until) {
		return false, errBackingOff
	}
	b.probing = true
	return true, nil
}

// done records the outcome of an attempt that enter allowed.
func (b *breaker) done(probe, ok bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if probe {
		b.probing = false
	}
	if ok {
		b.failures = 0
		return
	}
	b.failures++
	wait := minBackoff << min(b.failures-1, 16)
	b.until = b.now().Add(min(wait, maxBackoff))
}

// abandon forgets an attempt that ended without an answer about the database.
func (b *breaker) abandon(probe bool) {
	if probe {
		b.mu.Lock()
		b.probing = false
		b.mu.Unlock()
	}
}

// connector opens the pool's connections through a breaker, and counts them.
type connector struct {
	inner    driver.Connector
	breaker  *breaker
	attempts atomic.Int64 // connection attempts made (refusals during the back-off excluded)
	failed   atomic.Int64 // attempts that failed
}

// Connect opens a connection unless the breaker refuses. A failed attempt is of kind
// fault.ErrUnavailable; a canceled request's attempt says nothing about the database.
func (c *connector) Connect(ctx context.Context) (driver.Conn, error) {
	probe, err := c.breaker.enter()
	if err != nil {
		return nil, err
	}
	c.attempts.Add(1)
	conn, err := c.inner.Connect(ctx)
	if err != nil && ctx.Err() != nil {
		c.breaker.abandon(probe) // not the database's fault: let the next caller try
		return nil, err
	}
	c.breaker.done(probe, err == nil)
	if err != nil {
		c.failed.Add(1)
		return nil, fmt.Errorf("store: connect: %w: %w", fault.ErrUnavailable, err)
	}
	return conn, nil
}

// Driver returns the underlying driver.
func (c *connector) Driver() driver.Driver { return c.inner.Driver() }

// dsnConnector is a driver.Connector for a driver that has none (the SQLite driver).
type dsnConnector struct {
	driver driver.Driver
	dsn    string
}

// Connect opens a connection to the data source name.
func (d dsnConnector) Connect(context.Context) (driver.Conn, error) { return d.driver.Open(d.dsn) }

// Driver returns the driver.
func (d dsnConnector) Driver() driver.Driver { return d.driver }
