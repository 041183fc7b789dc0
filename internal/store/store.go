// Package store is CreditDesk's persistence: the only package that imports GORM, the database
// drivers and goose. It opens the embedded SQLite database or PostgreSQL, applies the versioned
// migrations, and offers noun-first methods (UserByEmail, CreateRoleAssignment) that take a
// context first, wrap their errors and map not-found and duplicates to the kinds of package fault.
package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/cursor"
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
	clocks  clock.Clocks
	// pool and connector belong to the handle that opened the database; a transaction's Store
	// shares them.
	pool      Pool
	connector *connector
	writes    writeGate    // one transaction of the process at a time on SQLite (sqlite_writer.go)
	cursors   cursor.Codec // signs the keyset cursors of the portal's lists
}

// Open connects to url with the dialect's default pool (OpenPool).
func Open(ctx context.Context, url string, clocks clock.Clocks) (*Store, error) {
	return OpenPool(ctx, url, clocks, Pool{})
}

// OpenPool connects to url: a postgres:// or postgresql:// URL, or a SQLite file path
// (optionally prefixed sqlite:), with the connection pool p (zero fields: DefaultPool). SQLite
// runs with foreign keys on, WAL and a busy timeout; its folder is created when missing. The
// business clock of clocks stamps what the ledger, the benefits and the audit log record (X3);
// the wall clock times sign-in failures and API tokens. Connections open through a breaker:
// while the database cannot be reached, requests fail at once with fault.ErrUnavailable and the
// pool tries again with back-off.
func OpenPool(ctx context.Context, url string, clocks clock.Clocks, p Pool) (*Store, error) {
	dialect, inner, err := driverConnector(url)
	if err != nil {
		return nil, err
	}
	conn := &connector{inner: inner, breaker: &breaker{now: time.Now}}
	sqlDB := sql.OpenDB(conn)
	p = p.withDefaults(dialect)
	p.apply(sqlDB)
	dialector := gorm.Dialector(postgres.New(postgres.Config{Conn: sqlDB}))
	if dialect == SQLite {
		dialector = &sqlite.Dialector{Conn: sqlDB}
	}
	db, err := gorm.Open(dialector, &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return clocks.Business().UTC() },
		TranslateError:         true,
	})
	if err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("store: open %s: %w", dialect, err)
	}
	s := &Store{db: db, dialect: dialect, clocks: clocks, pool: p, connector: conn, writes: newWriteGate(dialect),
		cursors: randomCursors()}
	if err := s.Ping(ctx); err != nil {
		_ = s.Close()
		return nil, err
	}
	return s, nil
}

// MissingFile reports an SQLite database url whose file does not exist yet, with its path:
// opening it would create it. A PostgreSQL url is never missing here (the server answers).
func MissingFile(url string) (string, bool) {
	path, ok := sqlitePath(url)
	if !ok {
		return "", false
	}
	_, err := os.Stat(path)
	return path, errors.Is(err, fs.ErrNotExist)
}

// sqlitePath is the file of an SQLite database url (a path, or "sqlite:" and a path), and false
// for a PostgreSQL url.
func sqlitePath(url string) (string, bool) {
	if strings.HasPrefix(url, "postgres://") || strings.HasPrefix(url, "postgresql://") {
		return "", false
	}
	return strings.TrimPrefix(url, "sqlite:"), true
}

// driverConnector returns the dialect of url and a connector of its driver.
func driverConnector(url string) (Dialect, driver.Connector, error) {
	path, isSQLite := sqlitePath(url)
	if !isSQLite {
		cfg, err := pgx.ParseConfig(url)
		if err != nil {
			return Postgres, nil, fmt.Errorf("store: database URL: %w", err)
		}
		return Postgres, stdlib.GetConnector(*cfg), nil
	}
	if dir := filepath.Dir(path); dir != "." {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return SQLite, nil, fmt.Errorf("store: create database folder: %w", err)
		}
	}
	dsn := "file:" + path + "?_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)" +
		fmt.Sprintf("&_pragma=busy_timeout(%d)&_pragma=synchronous(NORMAL)&_txlock=immediate", sqliteBusyTimeout)
	// The driver registered by the SQLite dialector; opening the handle connects to nothing.
	handle, err := sql.Open(sqlite.DriverName, dsn)
	if err != nil {
		return SQLite, nil, fmt.Errorf("store: open sqlite: %w", err)
	}
	drv := handle.Driver()
	_ = handle.Close()
	return SQLite, dsnConnector{driver: drv, dsn: dsn}, nil
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
// together, or not at all when fn returns an error. On SQLite a transaction first waits its
// turn among the process's transactions (writeGate), holding no connection meanwhile; one
// within another is a savepoint of it.
func (s *Store) Tx(ctx context.Context, fn func(tx *Store) error) error {
	if _, inTx := s.db.Statement.ConnPool.(gorm.TxCommitter); !inTx {
		leave, err := s.writes.enter(ctx)
		if err != nil {
			return err
		}
		defer leave()
	}
	return s.db.WithContext(ctx).Transaction(func(db *gorm.DB) error {
		return fn(&Store{db: db, dialect: s.dialect, clocks: s.clocks, pool: s.pool, connector: s.connector, writes: s.writes,
			cursors: s.cursors})
	})
}

// atomic runs fn in the transaction the store is in, or in a new one when it is in none: writes
// that must land together, without a savepoint per call inside a load of thousands of them.
func (s *Store) atomic(ctx context.Context, fn func(tx *Store) error) error {
	if _, inTx := s.db.Statement.ConnPool.(gorm.TxCommitter); inTx {
		return fn(s)
	}
	return s.Tx(ctx, fn)
}

// now reads the business clock: the day the ledger and benefits live in, stamped on what they
// and the audit log record.
func (s *Store) now() time.Time { return s.clocks.Business().UTC() }

// wall reads the wall clock: real time, for sign-in failures and API tokens.
func (s *Store) wall() time.Time { return s.clocks.Wall().UTC() }

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
