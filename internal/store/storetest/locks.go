package storetest

import (
	"context"
	"testing"

	"github.com/jackc/pgx/v5"
)

// TerminateLockHolder ends the session holding the runner lock (an advisory lock) in the
// PostgreSQL database at url, as the server does when the holder's process dies, and waits (up
// to 10 s) until the session is gone. It fails the test unless exactly one session held it.
func TerminateLockHolder(t testing.TB, url string) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	err = conn.QueryRow(ctx, `SELECT count(*) FILTER (WHERE pg_terminate_backend(l.pid, 10000)) FROM pg_locks l
		JOIN pg_database d ON d.oid = l.database
		WHERE d.datname = current_database() AND l.locktype = 'advisory' AND l.granted`).Scan(&n)
	if err != nil || n != 1 {
		t.Fatalf("terminate the lock holder: %d sessions, %v", n, err)
	}
}
