package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
)

// runnerLockKey names the PostgreSQL advisory lock of the periodic runner ("CrDkRunr"), apart
// from goose's migration lock.
const runnerLockKey int64 = 0x4372446b52756e72

// Leadership is one instance's claim to run the cluster's periodic work. On PostgreSQL it is a
// session-level advisory lock held on a connection of its own, taken from the pool: one session
// at a time holds it, and the server lets it go when that session ends, whether the instance
// stops, is killed or loses its connection, so that another instance's next Hold takes it.
// SQLite serves a single process, which always leads. A Leadership is used by one goroutine.
type Leadership struct {
	s    *Store
	conn *sql.Conn // the session holding the lock; nil while not held
}

// Leadership returns this instance's claim on the runner lock, not yet held.
func (s *Store) Leadership() *Leadership { return &Leadership{s: s} }

// Hold reports whether this instance leads, taking the lock when it is free. A held lock whose
// session no longer answers is given up first: the server has released it, or will as soon as
// it notices the session gone.
func (l *Leadership) Hold(ctx context.Context) (bool, error) {
	if l.s.dialect != Postgres {
		return true, nil
	}
	if l.conn != nil {
		if err := l.conn.PingContext(ctx); err == nil {
			return true, nil
		}
		l.discard()
	}
	db, err := l.s.sqlDB()
	if err != nil {
		return false, fmt.Errorf("store: runner lock: %w", err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		return false, fmt.Errorf("store: runner lock: %w", err)
	}
	var got bool
	if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1)", runnerLockKey).Scan(&got); err != nil || !got {
		_ = conn.Close()
		if err != nil {
			return false, fmt.Errorf("store: runner lock: %w", err)
		}
		return false, nil
	}
	// The server notices a vanished client (a host gone without closing its connections) by
	// TCP keepalives: within about 30 s here instead of the system's default two hours, so the
	// lock is free for another instance within a minute.
	if _, err := conn.ExecContext(ctx, "SET tcp_keepalives_idle = 15; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3"); err != nil {
		l.conn = conn
		l.discard()
		return false, fmt.Errorf("store: runner lock keepalives: %w", err)
	}
	l.conn = conn
	return true, nil
}

// Release lets the lock go (at shutdown), so another instance need not wait for the session to
// time out.
func (l *Leadership) Release(ctx context.Context) error {
	if l.conn == nil {
		return nil
	}
	_, err := l.conn.ExecContext(ctx, "SELECT pg_advisory_unlock($1)", runnerLockKey)
	l.discard()
	if err != nil {
		return fmt.Errorf("store: release runner lock: %w", err)
	}
	return nil
}

// discard closes the lock's connection instead of returning it to the pool, which ends its
// session and with it any lock the session still holds.
func (l *Leadership) discard() {
	_ = l.conn.Raw(func(any) error { return driver.ErrBadConn }) // closes the connection
	_ = l.conn.Close()                                           // already closed: ErrConnDone
	l.conn = nil
}
