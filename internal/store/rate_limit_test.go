package store_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestSharedRateLimit: the PostgreSQL bucket of a token allows a burst of the limit, then
// refuses with the time until the next request (at most one emission interval), without
// taking from the bucket; another token has its own. SQLite has no shared limit.
func TestSharedRateLimit(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	if _, _, err := storetest.Open(t, store.SQLite, clock.Real()).TakeAPIRequest(ctx, 1, 10); err == nil {
		t.Error("SQLite took a shared rate limit")
	}
	storetest.RequirePostgres(t, "SQLite has no shared limit")
	s := storetest.Open(t, store.Postgres, clock.Real())
	a, b := tokenIDs(t, s)
	for i := range 3 {
		if ok, _, err := s.TakeAPIRequest(ctx, a, 3); !ok || err != nil {
			t.Fatalf("request %d of the burst: %t, %v", i, ok, err)
		}
	}
	for range 2 {
		ok, wait, err := s.TakeAPIRequest(ctx, a, 3)
		if ok || err != nil || wait <= 0 || wait > 20*time.Second {
			t.Fatalf("4th request at 3 a minute: allowed %t, wait %s, %v; want refused for at most 20s", ok, wait, err)
		}
	}
	if ok, _, err := s.TakeAPIRequest(ctx, b, 3); !ok || err != nil {
		t.Errorf("another token: %t, %v", ok, err)
	}
}

// TestSharedRateLimitAcrossInstances: three instances taking one token's requests at once let
// through exactly the limit, plus what the bucket refilled while they ran.
func TestSharedRateLimitAcrossInstances(t *testing.T) {
	t.Parallel()
	storetest.RequirePostgres(t, "SQLite serves one process")
	ctx := context.Background()
	_, stores := storetest.OpenMany(t, store.Postgres, 3, clock.Real())
	token, _ := tokenIDs(t, stores[0])
	const limit, requests = 12, 60
	var allowed atomic.Int64
	var wg sync.WaitGroup
	start := time.Now()
	for i := range requests {
		wg.Go(func() {
			ok, _, err := stores[i%3].TakeAPIRequest(ctx, token, limit)
			if err != nil {
				t.Error(err)
			}
			if ok {
				allowed.Add(1)
			}
		})
	}
	wg.Wait()
	refilled := int64(time.Since(start) / (time.Minute / limit))
	if got := allowed.Load(); got < limit || got > limit+refilled {
		t.Errorf("%d of %d requests allowed, want %d (+%d refilled)", got, requests, limit, refilled)
	}
}

// tokenIDs creates a user with two API tokens and returns their ids.
func tokenIDs(t *testing.T, s *store.Store) (int64, int64) {
	t.Helper()
	ctx := context.Background()
	u := store.User{Email: "script@example.com", Name: "Script", PasswordHash: "x"}
	if err := s.CreateUser(ctx, tester, &u); err != nil {
		t.Fatal(err)
	}
	var ids [2]int64
	for i, name := range []string{"one", "two"} {
		_, tok, err := s.CreateToken(ctx, u, u, name, nil)
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = tok.ID
	}
	return ids[0], ids[1]
}
