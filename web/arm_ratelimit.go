package web

import (
	"math"
	"sync"
	"time"
)

// rateLimiter is a token bucket per API token: perMinute requests a minute, in bursts of up to
// perMinute. It lives in memory, per instance: behind a load balancer each instance allows that
// rate, which bounds the load one token puts on each instance, the purpose of the limit.
type rateLimiter struct {
	mu        sync.Mutex
	perMinute int
	buckets   map[int64]*bucket
	now       func() time.Time // the real clock: rates are about wall time, not the business clock
}

// bucket is one token's allowance.
type bucket struct {
	tokens float64
	at     time.Time
}

// maxBuckets bounds the limiter's memory; full (idle) buckets are dropped beyond it.
const maxBuckets = 10_000

// newRateLimiter returns a limiter, or nil (no limit) for perMinute 0.
func newRateLimiter(perMinute int) *rateLimiter {
	if perMinute <= 0 {
		return nil
	}
	return &rateLimiter{perMinute: perMinute, buckets: map[int64]*bucket{}, now: time.Now}
}

// allow takes one request from the token's bucket; when it is empty it reports how many whole
// seconds until the next request is allowed.
func (l *rateLimiter) allow(tokenID int64) (bool, int) {
	if l == nil {
		return true, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	capacity, perSecond := float64(l.perMinute), float64(l.perMinute)/60
	b, ok := l.buckets[tokenID]
	if !ok {
		if len(l.buckets) >= maxBuckets {
			l.prune(now, capacity, perSecond)
		}
		b = &bucket{tokens: capacity, at: now}
		l.buckets[tokenID] = b
	}
	b.tokens = math.Min(capacity, b.tokens+now.Sub(b.at).Seconds()*perSecond)
	b.at = now
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, max(1, int(math.Ceil((1-b.tokens)/perSecond)))
}

// prune drops the buckets that have refilled: forgetting them changes nothing.
func (l *rateLimiter) prune(now time.Time, capacity, perSecond float64) {
	for id, b := range l.buckets {
		if b.tokens+now.Sub(b.at).Seconds()*perSecond >= capacity {
			delete(l.buckets, id)
		}
	}
}
