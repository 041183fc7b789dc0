package web

import (
	"testing"
	"time"
)

// TestRateLimiter: a token bucket per API token, refilled over wall time; an empty bucket says
// how long to wait (the 429's Retry-After); 0 means no limit.
func TestRateLimiter(t *testing.T) {
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	l := newRateLimiter(60) // one a second, bursts of 60
	l.now = func() time.Time { return now }
	for i := range 60 {
		if ok, _ := l.allow(1); !ok {
			t.Fatalf("request %d of the burst refused", i)
		}
	}
	if ok, retry := l.allow(1); ok || retry != 1 {
		t.Errorf("61st request: allowed %t, retry after %d, want refused for 1 s", ok, retry)
	}
	if ok, _ := l.allow(2); !ok {
		t.Error("another token is limited too")
	}
	now = now.Add(1500 * time.Millisecond)
	if ok, _ := l.allow(1); !ok {
		t.Error("not refilled after 1.5 s")
	}
	slow := newRateLimiter(2)
	slow.now = l.now
	slow.allow(7)
	slow.allow(7)
	if ok, retry := slow.allow(7); ok || retry != 30 {
		t.Errorf("2 a minute: allowed %t, retry after %d, want 30", ok, retry)
	}
	none := newRateLimiter(0)
	if ok, _ := none.allow(1); !ok || none != nil {
		t.Error("0 limits")
	}
	l.buckets = map[int64]*bucket{}
	for id := range int64(maxBuckets) {
		l.buckets[id] = &bucket{tokens: 60, at: now}
	}
	l.allow(maxBuckets + 1)
	if len(l.buckets) != 1 {
		t.Errorf("%d buckets after pruning full ones", len(l.buckets))
	}
}
