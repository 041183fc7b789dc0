package storetest

import (
	"context"
	"crypto/sha256"
	_ "embed"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/store"
)

// The templates, built at most once per test binary (the one state this package keeps per
// process: that is its point). The SQLite template is the bytes of a migrated database file;
// the PostgreSQL template is a migrated template database on the server.
var (
	sqliteTemplate   = sync.OnceValues(buildSQLiteTemplate)
	postgresTemplate = sync.OnceValues(buildPostgresTemplate)
)

// resetSQL prepares the PostgreSQL template for the pool: it keeps the rows the migrations
// inserted and defines storetest.reset().
//
//go:embed reset.sql
var resetSQL string

// pgTemplate is the PostgreSQL template of the current migrations and its pool of databases.
type pgTemplate struct {
	name    string // the template database
	pool    string // the prefix of the names of the pool's databases
	poolKey int32  // the first key of the advisory locks of the pool's databases
}

// buildSQLiteTemplate migrates a new SQLite file and returns its content. Closing the store
// checkpoints the write-ahead log into the file, so the file alone is the whole database.
func buildSQLiteTemplate() ([]byte, error) {
	dir, err := os.MkdirTemp("", "creditdesk-template-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "template.db")
	if err := migrate(path); err != nil {
		return nil, err
	}
	if _, err := os.Stat(path + "-wal"); err == nil {
		return nil, fmt.Errorf("%s-wal outlived its store: the file alone is not the whole database", path)
	}
	return os.ReadFile(path)
}

// buildPostgresTemplate returns the template database of the current migrations, creating it
// when no earlier run did. Its name carries templateDigest, so test binaries of different
// branches on one server each have theirs, and a run reuses the template of an earlier run
// with the same migrations. An advisory lock makes concurrent test binaries wait for one
// builder instead of racing it. A finished template is marked as such and closed to
// connections: CREATE DATABASE ... TEMPLATE fails while anyone is connected to the template,
// and a half-built one (its builder died) has no mark and is built again.
func buildPostgresTemplate() (pgTemplate, error) {
	server := os.Getenv("CREDITDESK_TEST_POSTGRES")
	digest, err := templateDigest()
	if err != nil {
		return pgTemplate{}, err
	}
	id := hex.EncodeToString(digest[:8])
	tmpl := pgTemplate{name: "creditdesk_template_" + id, pool: "creditdesk_pool_" + id,
		poolKey: int32(binary.BigEndian.Uint32(digest[16:20]))}
	buildKey := int64(binary.BigEndian.Uint64(digest[8:16]))
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, server)
	if err != nil {
		return tmpl, fmt.Errorf("connect to PostgreSQL at %s: %w", server, err)
	}
	defer admin.Close(ctx) // ends the session, and with it the advisory lock
	if _, err := admin.Exec(ctx, "SELECT pg_advisory_lock($1)", buildKey); err != nil {
		return tmpl, fmt.Errorf("lock template %s: %w", tmpl.name, err)
	}
	var ready bool
	err = admin.QueryRow(ctx, "SELECT datistemplate FROM pg_database WHERE datname = $1", tmpl.name).Scan(&ready)
	switch {
	case err == nil && ready:
		return tmpl, nil
	case err == nil:
		if _, err := admin.Exec(ctx, "DROP DATABASE "+tmpl.name+" WITH (FORCE)"); err != nil {
			return tmpl, fmt.Errorf("drop half-built template %s: %w", tmpl.name, err)
		}
	case !errors.Is(err, pgx.ErrNoRows):
		return tmpl, fmt.Errorf("look up template %s: %w", tmpl.name, err)
	}
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+tmpl.name); err != nil {
		return tmpl, fmt.Errorf("create template %s: %w", tmpl.name, err)
	}
	u, err := databaseURL(server, tmpl.name)
	if err != nil {
		return tmpl, fmt.Errorf("CREDITDESK_TEST_POSTGRES: %w", err)
	}
	if err := migrate(u); err != nil {
		return tmpl, err
	}
	if err := execIn(ctx, u, resetSQL); err != nil {
		return tmpl, fmt.Errorf("prepare template %s for reuse: %w", tmpl.name, err)
	}
	if err := waitUntilUnused(ctx, admin, tmpl.name); err != nil {
		return tmpl, err
	}
	if _, err := admin.Exec(ctx, "ALTER DATABASE "+tmpl.name+" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false"); err != nil {
		return tmpl, fmt.Errorf("mark template %s: %w", tmpl.name, err)
	}
	return tmpl, nil
}

// execIn runs SQL statements in the database at url.
func execIn(ctx context.Context, url, sql string) error {
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer c.Close(ctx)
	_, err = c.Exec(ctx, sql)
	return err
}

// migrate applies every migration to the database at url and closes it.
func migrate(url string) error {
	ctx := context.Background()
	s, err := store.Open(ctx, url, clock.Real())
	if err != nil {
		return fmt.Errorf("open template: %w", err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		_ = s.Close()
		return fmt.Errorf("migrate template: %w", err)
	}
	return s.Close()
}

// waitUntilUnused waits until the server has ended every session on database name: a closed
// connection's server process exits a moment after the client hangs up.
func waitUntilUnused(ctx context.Context, admin *pgx.Conn, name string) error {
	deadline := time.Now().Add(10 * time.Second)
	for {
		var sessions int
		if err := admin.QueryRow(ctx, "SELECT count(*) FROM pg_stat_activity WHERE datname = $1", name).Scan(&sessions); err != nil {
			return fmt.Errorf("sessions on template %s: %w", name, err)
		}
		if sessions == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("template %s still has %d sessions after its migration", name, sessions)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// templateDigest is the SHA-256 of what makes the PostgreSQL template: the migration files,
// names and contents, and reset.sql.
func templateDigest() ([sha256.Size]byte, error) {
	var sum [sha256.Size]byte
	files, err := store.Migrations(store.Postgres)
	if err != nil {
		return sum, err
	}
	h := sha256.New()
	err = fs.WalkDir(files, ".", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		b, err := fs.ReadFile(files, path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s %d\n", path, len(b))
		h.Write(b)
		return nil
	})
	fmt.Fprintf(h, "reset.sql %d\n%s", len(resetSQL), resetSQL)
	copy(sum[:], h.Sum(nil))
	return sum, err
}
