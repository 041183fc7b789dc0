package web_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestConcurrentRequestsReuseConnections (issue 10, pool settings): rounds of 32 concurrent
// signed-in requests are served by the pool's connections, kept open between rounds: the
// store opens no more connections than the pool holds, closes none for being idle, and on
// PostgreSQL the server sees no more sessions than that. Go's default pool (2 idle
// connections, no maximum) opens and closes connections at every round.
func TestConcurrentRequestsReuseConnections(t *testing.T) {
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) {
		dbURL := storetest.URL(t, d)
		h := newHarnessAt(t, dbURL, store.Pool{}, "testdata/roles.json", false)
		c := h.signedIn(t, "account.owner@northwind.example")
		const rounds, concurrent = 6, 32
		paths := []string{profilePath, accountPath, "/scopes", profilePath + "/invoices"}
		for range rounds {
			statuses := make(chan int, concurrent)
			var wg sync.WaitGroup
			for i := range concurrent {
				wg.Go(func() { statuses <- status(c.http, h.server.URL+paths[i%len(paths)]) })
			}
			wg.Wait()
			close(statuses)
			for s := range statuses {
				if s != http.StatusOK {
					t.Fatalf("a concurrent request answered %d", s)
				}
			}
		}
		st := h.store.PoolStats()
		if want := store.DefaultPool(d); st.Pool != want || st.MaxOpenConnections != want.MaxOpen {
			t.Errorf("pool %+v (max open %d), want the default %+v", st.Pool, st.MaxOpenConnections, want)
		}
		if st.Attempts > int64(st.Pool.MaxOpen) || st.OpenConnections > st.Pool.MaxOpen || st.MaxIdleClosed != 0 {
			t.Errorf("%d connections opened, %d open, %d closed as surplus idle, for %d requests; want at most %d opened, none closed",
				st.Attempts, st.OpenConnections, st.MaxIdleClosed, rounds*concurrent, st.Pool.MaxOpen)
		}
		if d == store.Postgres {
			if n := sessionsOf(t, dbURL); n > st.Pool.MaxOpen {
				t.Errorf("PostgreSQL has %d sessions on the test database, want at most %d", n, st.Pool.MaxOpen)
			}
		}
	})
}

// status GETs a URL with a signed-in client and returns the status; it is safe to call from
// several goroutines.
func status(hc *http.Client, u string) int {
	resp, err := hc.Get(u)
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}

// sessionsOf counts the server's sessions on the database at dbURL, other than the one asking.
func sessionsOf(t *testing.T, dbURL string) int {
	t.Helper()
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, os.Getenv("CREDITDESK_TEST_POSTGRES"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	err = conn.QueryRow(ctx, "SELECT count(*) FROM pg_stat_activity WHERE datname = $1", strings.TrimPrefix(u.Path, "/")).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
