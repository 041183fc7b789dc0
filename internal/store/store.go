// Package store is CreditDesk's persistence: the only package that imports GORM, the database
// drivers and goose. It opens the embedded SQLite database or PostgreSQL, applies the versioned
// migrations, and offers noun-first methods (UserByEmail, CreateRoleAssignment) that take a
// context first, wrap their errors and map not-found and duplicates to the kinds of package fault.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Dialect is the kind of database behind a Store.
type Dialect string

// The supported databases.
const (
	SQLite   Dialect = "sqlite"
	Postgres Dialect = "postgres"
)

// Store is a handle on the database. It is safe for concurrent use.
type Store struct {
	db      *gorm.DB
	dialect Dialect
	now     func() time.Time
}

// Open connects to url: a postgres:// or postgresql:// URL, or a SQLite file path (optionally
// prefixed sqlite:). SQLite runs with foreign keys on, WAL and a busy timeout; its folder is
// created when missing. now is the clock stamping created_at columns (X3).
func Open(ctx context.Context, url string, now func() time.Time) (*Store, error) {
	var (
		dialector gorm.Dialector
		dialect   Dialect
	)
	switch {
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		dialect, dialector = Postgres, postgres.Open(url)
	default:
		path := strings.TrimPrefix(url, "sqlite:")
		if dir := filepath.Dir(path); dir != "." {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("store: create database folder: %w", err)
			}
		}
		dsn := "file:" + path + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)" +
			"&_pragma=busy_timeout(10000)&_pragma=synchronous(NORMAL)&_txlock=immediate"
		dialect, dialector = SQLite, sqlite.Open(dsn)
	}
	db, err := gorm.Open(dialector, &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return now().UTC() },
		TranslateError:         true,
	})
	if err != nil {
		return nil, fmt.Errorf("store: open %s: %w", dialect, err)
	}
	s := &Store{db: db, dialect: dialect, now: now}
	if err := s.Ping(ctx); err != nil {
		_ = s.Close()
		return nil, err
	}
	return s, nil
}

// Dialect names the database behind the store.
func (s *Store) Dialect() Dialect { return s.dialect }

// Ping checks that the database answers; /readyz calls it.
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("store: ping: %w", err)
	}
	if err := sqlDB.PingContext(ctx); err != nil {
		return fmt.Errorf("store: ping %s: %w", s.dialect, err)
	}
	return nil
}

// Close releases the database connections.
func (s *Store) Close() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// sqlDB returns the database/sql handle, for goose.
func (s *Store) sqlDB() (*sql.DB, error) { return s.db.DB() }

// Tx runs fn in one transaction: everything fn does through the Store it receives is committed
// together, or not at all when fn returns an error.
func (s *Store) Tx(ctx context.Context, fn func(tx *Store) error) error {
	return s.db.WithContext(ctx).Transaction(func(db *gorm.DB) error {
		return fn(&Store{db: db, dialect: s.dialect, now: s.now})
	})
}

// conn returns the GORM handle bound to ctx.
func (s *Store) conn(ctx context.Context) *gorm.DB { return s.db.WithContext(ctx) }

// wrap gives err the context of op and maps GORM's not-found and duplicate-key errors to the
// kinds of package fault.
func wrap(op string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gorm.ErrRecordNotFound):
		return fmt.Errorf("store: %s: %w", op, errNotFound)
	case errors.Is(err, gorm.ErrDuplicatedKey), isUniqueViolation(err):
		return fmt.Errorf("store: %s: %w", op, errConflict)
	}
	return fmt.Errorf("store: %s: %w", op, err)
}

// isUniqueViolation recognises SQLite's unique-constraint message, which GORM's error
// translation does not cover for the pure-Go driver.
func isUniqueViolation(err error) bool {
	return strings.Contains(err.Error(), "UNIQUE constraint failed")
}
