package store_test

import (
	"context"
	"testing"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestLeadershipOnSQLite: SQLite serves one process, which always leads.
func TestLeadershipOnSQLite(t *testing.T) {
	t.Parallel()
	s := storetest.Open(t, store.SQLite, clock.Real())
	l := s.Leadership()
	for range 2 {
		if held, err := l.Hold(context.Background()); !held || err != nil {
			t.Fatalf("Hold = %t, %v", held, err)
		}
	}
	if err := l.Release(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestLeadershipMovesWhenTheLeaderGoes: on PostgreSQL one of three instances holds the runner
// lock; when its session ends (the server terminates it, as when the process is killed) the
// next instance to try takes it, and the old leader knows it lost it; a released lock is free.
func TestLeadershipMovesWhenTheLeaderGoes(t *testing.T) {
	t.Parallel()
	storetest.RequirePostgres(t, "SQLite serves one process")
	ctx := context.Background()
	url, stores := storetest.OpenMany(t, store.Postgres, 3, clock.Real())
	a, b, c := stores[0].Leadership(), stores[1].Leadership(), stores[2].Leadership()
	hold := func(name string, l *store.Leadership, want bool) {
		t.Helper()
		if held, err := l.Hold(ctx); held != want || err != nil {
			t.Fatalf("%s: Hold = %t, %v; want %t", name, held, err, want)
		}
	}
	hold("a", a, true)
	hold("b", b, false)
	hold("c", c, false)
	hold("a again", a, true)
	storetest.TerminateLockHolder(t, url)
	hold("b after a's session ended", b, true)
	hold("a after losing its session", a, false)
	hold("c", c, false)
	if err := b.Release(ctx); err != nil {
		t.Fatal(err)
	}
	hold("c after b released", c, true)
	hold("b after releasing", b, false)
	if err := c.Release(ctx); err != nil {
		t.Fatal(err)
	}
}
