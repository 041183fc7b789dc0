package store

import (
	"context"
	"fmt"
	"time"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// writeGate lets one transaction of this process at a time hold or wait for SQLite's one write
// lock (its transactions begin IMMEDIATE). Without it, every transaction queued behind a long
// one (an import, a processing run) would hold a pooled connection while SQLite's busy handler
// sleeps on the lock, and a few of them would take the whole pool from the readers, whose
// pages would then wait as long as the import: with it they queue here, holding nothing, and
// the readers keep every other connection. PostgreSQL has row locks and needs none (nil).
type writeGate chan struct{}

// newWriteGate is the gate of a dialect's store.
func newWriteGate(d Dialect) writeGate {
	if d != SQLite {
		return nil
	}
	return make(writeGate, 1)
}

// enter waits for the gate as SQLite would wait for its lock: at most its busy timeout, then
// the database is reported unavailable; or until ctx ends. It returns the function that leaves.
func (g writeGate) enter(ctx context.Context) (func(), error) {
	if g == nil {
		return func() {}, nil
	}
	select {
	case g <- struct{}{}:
		return func() { <-g }, nil
	default:
	}
	t := time.NewTimer(sqliteBusyTimeout * time.Millisecond)
	defer t.Stop()
	select {
	case g <- struct{}{}:
		return func() { <-g }, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("store: begin transaction: %w", ctx.Err())
	case <-t.C:
		return nil, fmt.Errorf("store: begin transaction: another write held the database for %d ms: %w",
			sqliteBusyTimeout, fault.ErrUnavailable)
	}
}
