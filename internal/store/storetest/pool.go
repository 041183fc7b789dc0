package storetest

import (
	"context"
	"fmt"
	"testing"

	"github.com/jackc/pgx/v5"
)

// maxPool bounds the PostgreSQL databases of one template's pool: far more than the tests of
// a machine ever run at once.
const maxPool = 64

// poolDatabase returns the URL of a PostgreSQL database holding exactly what the template
// holds, the test's alone until its cleanup. Dropping a database makes PostgreSQL take a
// checkpoint, which costs a busy server a second or more, so the databases are kept between
// tests and runs: a pool named after the template, each database taken by holding an advisory
// lock for the test's duration (a session lock, so a test binary that dies frees its databases
// too). A database new to the pool is a copy of the template (CREATE DATABASE ... TEMPLATE); a
// used one is brought back to it by storetest.reset() (reset.sql) when it is taken.
func poolDatabase(t testing.TB) string {
	t.Helper()
	server := serverURL(t)
	tmpl, err := postgresTemplate()
	if err != nil {
		t.Fatalf("PostgreSQL template: %v", err)
	}
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, server)
	if err != nil {
		t.Fatalf("connect to PostgreSQL at %s: %v", server, err)
	}
	slot, err := takeSlot(ctx, admin, tmpl.poolKey)
	if err != nil {
		admin.Close(ctx)
		t.Fatalf("take a database of pool %s: %v", tmpl.pool, err)
	}
	name := fmt.Sprintf("%s_%d", tmpl.pool, slot)
	t.Cleanup(func() {
		// Sessions a test left open end before the next test gets the database.
		if err := endSessions(ctx, admin, name); err != nil {
			t.Errorf("give back database %s: %v", name, err)
		}
		admin.Close(ctx) // releases the advisory lock
	})
	u, err := databaseURL(server, name)
	if err != nil {
		t.Fatalf("CREDITDESK_TEST_POSTGRES: %v", err)
	}
	if err := prepare(ctx, admin, tmpl.name, name, u); err != nil {
		t.Fatalf("prepare database %s: %v", name, err)
	}
	return u
}

// takeSlot locks the first free database number of the pool on the admin session.
func takeSlot(ctx context.Context, admin *pgx.Conn, poolKey int32) (int32, error) {
	for n := int32(0); n < maxPool; n++ {
		var taken bool
		if err := admin.QueryRow(ctx, "SELECT pg_try_advisory_lock($1, $2)", poolKey, n).Scan(&taken); err != nil {
			return 0, err
		}
		if taken {
			return n, nil
		}
	}
	return 0, fmt.Errorf("all %d databases are in use", maxPool)
}

// prepare copies the template into database name when the pool does not have it yet, and
// resets it to the template's content otherwise.
func prepare(ctx context.Context, admin *pgx.Conn, template, name, url string) error {
	var exists bool
	if err := admin.QueryRow(ctx, "SELECT EXISTS (SELECT FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return err
	}
	if !exists {
		_, err := admin.Exec(ctx, "CREATE DATABASE "+name+" TEMPLATE "+template)
		return err
	}
	if err := endSessions(ctx, admin, name); err != nil {
		return err
	}
	return execIn(ctx, url, "SELECT storetest.reset()")
}

// endSessions ends every session on database name but the admin's own.
func endSessions(ctx context.Context, admin *pgx.Conn, name string) error {
	_, err := admin.Exec(ctx, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", name)
	return err
}
