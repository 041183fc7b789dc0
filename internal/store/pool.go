package store

import (
	"database/sql"
	"time"
)

// Pool is how many connections the store keeps and for how long. A zero field takes the
// dialect's default (DefaultPool).
type Pool struct {
	MaxOpen     int           // connections open at most; requests beyond wait for one
	MaxIdle     int           // connections kept open while unused: as many as MaxOpen, so a burst reuses them
	MaxLifetime time.Duration // a connection is replaced after this long
	MaxIdleTime time.Duration // an unused connection is closed after this long
}

// DefaultPool is the pool of a dialect. PostgreSQL: 16 connections, the size at which a 2-core
// server's page ceiling was measured (issue 10), all kept idle, so that a burst of requests
// never opens and closes backends; each is renewed after 30 minutes and closed after 5 idle
// minutes. A busy instance holds its 16, so the instances of a server, with its other clients,
// must stay below its max_connections (100 by default, 3 of them reserved for superusers;
// README "Connection pool"); a request finding every connection busy waits for one rather than
// failing. SQLite has one writer at a time (writers queue on its lock, _txlock=immediate) and
// readers beside it in WAL mode: 4 connections are enough for readers to run while a write
// waits, and each holds its own page cache, so more would only cost memory.
func DefaultPool(d Dialect) Pool {
	p := Pool{MaxOpen: 16, MaxLifetime: 30 * time.Minute, MaxIdleTime: 5 * time.Minute}
	if d == SQLite {
		p.MaxOpen = 4
	}
	p.MaxIdle = p.MaxOpen
	return p
}

// withDefaults fills the zero fields of p from the dialect's default; MaxIdle defaults to
// MaxOpen and never exceeds it.
func (p Pool) withDefaults(d Dialect) Pool {
	def := DefaultPool(d)
	if p.MaxOpen <= 0 {
		p.MaxOpen = def.MaxOpen
	}
	if p.MaxIdle <= 0 || p.MaxIdle > p.MaxOpen {
		p.MaxIdle = p.MaxOpen
	}
	if p.MaxLifetime <= 0 {
		p.MaxLifetime = def.MaxLifetime
	}
	if p.MaxIdleTime <= 0 {
		p.MaxIdleTime = def.MaxIdleTime
	}
	return p
}

// apply configures db's pool.
func (p Pool) apply(db *sql.DB) {
	db.SetMaxOpenConns(p.MaxOpen)
	db.SetMaxIdleConns(p.MaxIdle)
	db.SetConnMaxLifetime(p.MaxLifetime)
	db.SetConnMaxIdleTime(p.MaxIdleTime)
}

// PoolStats is the state of the connection pool: database/sql's counters, plus the connection
// attempts made since the store opened (refusals during an outage's back-off not counted).
type PoolStats struct {
	sql.DBStats
	Pool           Pool  // the settings in force
	Attempts       int64 // connections the pool tried to open
	FailedAttempts int64 // of which failed
}

// PoolStats reports on the connection pool; the processing run logs it.
func (s *Store) PoolStats() PoolStats {
	st := PoolStats{Pool: s.pool, Attempts: s.connector.attempts.Load(), FailedAttempts: s.connector.failed.Load()}
	if db, err := s.db.DB(); err == nil {
		st.DBStats = db.Stats()
	}
	return st
}
