package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// sqliteBusyTimeout is how long, in milliseconds, a SQLite statement waits for the write lock
// (the busy_timeout of every connection).
const sqliteBusyTimeout = 10000

// keepLockTimeout is how long, on PostgreSQL, writing a kept section waits for a lock (the
// profile's row, locked by a processing run, which the foreign key's check shares; the kept row
// of a reader writing it at the same time): as good as not at all.
const keepLockTimeout = "1ms"

// keepEstimates writes the computed balance sections back, one statement for all, only if it
// can do so at once. The rows are a cache: a reader that could not write them has its answer
// all the same, and the next reader computes again, so a read never waits for a writer to
// keep them. On SQLite the statement fails instead of waiting when another connection holds
// the one write lock (a long import, a processing run); on PostgreSQL it gives up on any lock
// after keepLockTimeout. Inside a transaction nothing is kept: a failed statement would abort
// the caller's transaction. Failures are not the caller's (a read-only replica too).
func (s *Store) keepEstimates(ctx context.Context, rows []estimateRow) {
	if len(rows) == 0 {
		return
	}
	if _, inTx := s.db.Statement.ConnPool.(gorm.TxCommitter); inTx {
		return
	}
	// A reader slower than another one never puts back an older section over a newer one.
	newer := clause.Where{Exprs: []clause.Expression{clause.Expr{
		SQL: "profile_estimates.day <> excluded.day OR profile_estimates.ledger_version <= excluded.ledger_version"}}}
	upsert := func(db *gorm.DB) error {
		return db.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "billing_profile_id"}}, UpdateAll: true,
			Where: newer}).Create(&rows).Error
	}
	_ = s.withoutWaiting(ctx, upsert)
}

// withoutWaiting runs write, one statement, so that it fails rather than waits for a lock held
// by another connection: on SQLite on a connection whose busy timeout is zero for the time of
// the statement, on PostgreSQL in a transaction whose lock timeout is keepLockTimeout.
func (s *Store) withoutWaiting(ctx context.Context, write func(db *gorm.DB) error) error {
	if s.dialect == Postgres {
		return s.conn(ctx).Transaction(func(tx *gorm.DB) error {
			if err := tx.Exec("SET LOCAL lock_timeout = '" + keepLockTimeout + "'").Error; err != nil {
				return err
			}
			return write(tx)
		})
	}
	return s.conn(ctx).Connection(func(db *gorm.DB) error {
		db = db.Session(&gorm.Session{NewDB: true}) // each statement its own, on this connection
		if err := db.Exec("PRAGMA busy_timeout = 0").Error; err != nil {
			return err
		}
		werr := write(db)
		// The connection goes back to the pool with its usual timeout, or not at all: a
		// connection left without one would fail every later writer at once.
		restore := fmt.Sprintf("PRAGMA busy_timeout = %d", sqliteBusyTimeout)
		if err := db.WithContext(context.WithoutCancel(ctx)).Exec(restore).Error; err != nil {
			if conn, ok := db.Statement.ConnPool.(*sql.Conn); ok {
				_ = conn.Raw(func(any) error { return driver.ErrBadConn })
			}
			return err
		}
		return werr
	})
}
