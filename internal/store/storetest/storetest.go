// Package storetest gives each test a fresh, migrated database: an SQLite file always, and a
// PostgreSQL database when CREDITDESK_TEST_POSTGRES holds a server URL. With
// CREDITDESK_REQUIRE_POSTGRES=1 (set by CI) a missing PostgreSQL fails the test instead of
// running SQLite only.
//
// The migrations run once per dialect, into a template (template.go), and each test gets a
// database holding what the template holds: a file copy on SQLite; on PostgreSQL a database of
// a pool kept on the server, first a copy of the template (CREATE DATABASE ... TEMPLATE), then
// reset to it before each later test (pool.go).
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/store"
)

// Clock is a settable clock for tests (X3).
type Clock struct{ T time.Time }

// Now returns the clock's time.
func (c *Clock) Now() time.Time { return c.T }

// Clocks returns clocks whose business clock is c and whose wall clock is real.
func (c *Clock) Clocks() clock.Clocks { return clock.Clocks{Business: c.Now, Wall: clock.Real().Wall} }

// EachDialect runs fn as a subtest on every configured database, named "sqlite" and "postgres",
// and runs t in parallel with the other tests: each subtest has databases of its own, so a test
// on both databases never shares one. The caller does not call t.Parallel itself.
func EachDialect(t *testing.T, fn func(t *testing.T, d store.Dialect)) {
	t.Helper()
	t.Parallel()
	for _, d := range Dialects(t) {
		t.Run(string(d), func(t *testing.T) { fn(t, d) })
	}
}

// Each is EachDialect with a new migrated database, opened on the real clocks.
func Each(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	EachDialect(t, func(t *testing.T, d store.Dialect) { fn(t, Open(t, d, clock.Real())) })
}

// EachEmpty is Each on a new empty database: no migration has run on it.
func EachEmpty(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	EachDialect(t, func(t *testing.T, d store.Dialect) { fn(t, open(t, URL(t, d), clock.Real(), store.Pool{})) })
}

// Dialects lists the databases the suite runs on here.
func Dialects(t testing.TB) []store.Dialect {
	t.Helper()
	ds := []store.Dialect{store.SQLite}
	if os.Getenv("CREDITDESK_TEST_POSTGRES") != "" {
		ds = append(ds, store.Postgres)
	} else if os.Getenv("CREDITDESK_REQUIRE_POSTGRES") == "1" {
		t.Fatal("CREDITDESK_REQUIRE_POSTGRES=1 but CREDITDESK_TEST_POSTGRES is not set")
	}
	return ds
}

// RequirePostgres skips a test of what only PostgreSQL has, why, unless PostgreSQL is configured
// (under CREDITDESK_REQUIRE_POSTGRES=1 Dialects fails it instead).
func RequirePostgres(t testing.TB, why string) {
	t.Helper()
	if len(Dialects(t)) < 2 {
		t.Skip("needs PostgreSQL (CREDITDESK_TEST_POSTGRES): " + why)
	}
}

// Open returns a store of a fresh migrated database of the dialect (MigratedURL) reading
// clocks, closed at cleanup.
func Open(t testing.TB, d store.Dialect, clocks clock.Clocks) *store.Store {
	t.Helper()
	return open(t, MigratedURL(t, d), clocks, store.Pool{})
}

// OpenAt returns a migrated store of the database at url (from URL or MigratedURL) reading
// clocks, with the connection pool p, closed at cleanup.
func OpenAt(t testing.TB, url string, clocks clock.Clocks, p store.Pool) *store.Store {
	t.Helper()
	s := open(t, url, clocks, p)
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatalf("migrate %s: %v", url, err)
	}
	return s
}

// open returns a store of the database at url reading clocks, with the connection pool p,
// closed at cleanup.
func open(t testing.TB, url string, clocks clock.Clocks, p store.Pool) *store.Store {
	t.Helper()
	s, err := store.OpenPool(context.Background(), url, clocks, p)
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// Exec runs one statement on the database at url (from URL or MigratedURL) through a connection
// of its own, beside any store: a test breaks data with it that no store method would write.
func Exec(t testing.TB, url, query string) {
	t.Helper()
	ctx := context.Background()
	if strings.HasPrefix(url, "postgres") {
		c, err := pgx.Connect(ctx, url)
		if err != nil {
			t.Fatalf("connect to %s: %v", url, err)
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, query); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return
	}
	db, err := sql.Open("sqlite", "file:"+url+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, query); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}

// MigratedURL returns the address of a database of the dialect with every migration applied
// and nothing else, the test's alone until its cleanup. A test that changes more than rows (a
// trigger, the database's settings) takes URL and OpenAt instead: the PostgreSQL pool's reset
// puts back rows and sequences only.
func MigratedURL(t testing.TB, d store.Dialect) string {
	t.Helper()
	if d == store.SQLite {
		tmpl, err := sqliteTemplate()
		if err != nil {
			t.Fatalf("SQLite template: %v", err)
		}
		path := filepath.Join(t.TempDir(), "test.db")
		if err := os.WriteFile(path, tmpl, 0o600); err != nil {
			t.Fatalf("copy the SQLite template: %v", err)
		}
		return path
	}
	return poolDatabase(t)
}

// URL returns the address of a new empty database of the dialect, removed at cleanup.
func URL(t testing.TB, d store.Dialect) string {
	t.Helper()
	if d == store.SQLite {
		return filepath.Join(t.TempDir(), "test.db")
	}
	return createDatabase(t, "")
}

// createDatabase creates a PostgreSQL database with the CREATE DATABASE options given, drops it
// at cleanup, and returns its URL.
func createDatabase(t testing.TB, options string) string {
	t.Helper()
	server := serverURL(t)
	name := "creditdesk_test_" + randomHex(8)
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Fatalf("connect to PostgreSQL at %s: %v", server, err)
	}
	defer admin.Close(ctx)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name+" "+options); err != nil {
		t.Fatalf("create database %s: %v", name, err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(ctx, server)
		if err != nil {
			t.Errorf("drop database %s: %v", name, err)
			return
		}
		defer c.Close(ctx)
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Errorf("drop database %s: %v", name, err)
		}
	})
	u, err := databaseURL(server, name)
	if err != nil {
		t.Fatalf("CREDITDESK_TEST_POSTGRES: %v", err)
	}
	return u
}

// serverURL is the PostgreSQL server of the tests.
func serverURL(t testing.TB) string {
	t.Helper()
	server := os.Getenv("CREDITDESK_TEST_POSTGRES")
	if server == "" {
		t.Fatal("CREDITDESK_TEST_POSTGRES is not set")
	}
	return server
}

// databaseURL is the URL of database name on the server.
func databaseURL(server, name string) (string, error) {
	u, err := url.Parse(server)
	if err != nil {
		return "", err
	}
	u.Path = "/" + name
	return u.String(), nil
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err))
	}
	return hex.EncodeToString(b)
}
