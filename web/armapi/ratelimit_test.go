package armapi

import (
	"context"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// TestMemoryLimiter: the in-process limiter (SQLite) is a token bucket per API token, refilled
// over wall time; an empty bucket says how long to wait (the 429's Retry-After); full buckets
// are forgotten when there are too many.
func TestMemoryLimiter(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	l := newMemoryLimiter(60) // one a second, bursts of 60
	l.now = clock
	for i := range 60 {
		if ok, _, _ := l.allow(ctx, 1); !ok {
			t.Fatalf("request %d of the burst refused", i)
		}
	}
	if ok, wait, _ := l.allow(ctx, 1); ok || wait != time.Second {
		t.Errorf("61st request: allowed %t, wait %s, want refused for 1s", ok, wait)
	}
	if ok, wait, _ := l.allow(ctx, 1); ok || wait != time.Second {
		t.Errorf("a refused request took from the bucket: allowed %t, wait %s", ok, wait)
	}
	if ok, _, _ := l.allow(ctx, 2); !ok {
		t.Error("another token is limited too")
	}
	now = now.Add(1500 * time.Millisecond)
	if ok, _, _ := l.allow(ctx, 1); !ok {
		t.Error("not refilled after 1.5 s")
	}
	slow := newMemoryLimiter(2)
	slow.now = clock
	slow.allow(ctx, 7)
	slow.allow(ctx, 7)
	if ok, wait, _ := slow.allow(ctx, 7); ok || wait != 30*time.Second {
		t.Errorf("2 a minute: allowed %t, wait %s, want 30s", ok, wait)
	}
	if newLimiter(nil, 0) != nil {
		t.Error("0 limits")
	}
	l.buckets = map[int64]*rate.Limiter{}
	for id := range int64(maxBuckets) {
		l.buckets[id] = rate.NewLimiter(1, 60)
	}
	l.buckets[0].AllowN(now, 1) // one bucket not full: kept
	l.allow(ctx, maxBuckets+1)
	if len(l.buckets) != 2 {
		t.Errorf("%d buckets after pruning full ones, want 2", len(l.buckets))
	}
}
