package armapi

import (
	"context"
	"math"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/arm"
	"github.com/creditdesk/creditdesk/internal/store"
)

// limiter holds each API token to -api-rate-limit requests a minute, in bursts of up to a
// minute's worth: a token bucket per token. It reports whether a request may pass and, when
// not, how long until one may.
type limiter interface {
	allow(ctx context.Context, tokenID int64) (bool, time.Duration, error)
}

// newLimiter returns the limiter of the configured rate: on PostgreSQL one bucket per token
// in the database, shared by every instance; on SQLite, which serves one process, in memory.
// A rate of 0 means no limit (nil).
func newLimiter(s *store.Store, perMinute int) limiter {
	switch {
	case perMinute <= 0:
		return nil
	case s.Dialect() == store.Postgres:
		return sharedLimiter{store: s, perMinute: perMinute}
	}
	return newMemoryLimiter(perMinute)
}

// limit refuses a token's request over the rate limit with 429 and Retry-After in whole
// seconds (contract §3).
func (a *API) limit(c echo.Context, tokenID int64) error {
	if a.limiter == nil {
		return nil
	}
	ok, wait, err := a.limiter.allow(c.Request().Context(), tokenID)
	if err != nil || ok {
		return err
	}
	a.metrics.Throttled()
	return arm.TooManyRequests(max(1, int(math.Ceil(wait.Seconds()))))
}

// sharedLimiter keeps the buckets in PostgreSQL, one statement per request, so the cluster
// allows a token exactly the limit, however many instances serve it.
type sharedLimiter struct {
	store     *store.Store
	perMinute int
}

func (l sharedLimiter) allow(ctx context.Context, tokenID int64) (bool, time.Duration, error) {
	return l.store.TakeAPIRequest(ctx, tokenID, l.perMinute)
}

// memoryLimiter keeps the buckets in this process.
type memoryLimiter struct {
	mu        sync.Mutex
	perMinute int
	buckets   map[int64]*rate.Limiter
	now       func() time.Time // the wall clock: rates are about real time, not the business clock
}

// maxBuckets bounds the limiter's memory; full (idle) buckets are dropped beyond it.
const maxBuckets = 10_000

func newMemoryLimiter(perMinute int) *memoryLimiter {
	return &memoryLimiter{perMinute: perMinute, buckets: map[int64]*rate.Limiter{}, now: time.Now}
}

func (l *memoryLimiter) allow(_ context.Context, tokenID int64) (bool, time.Duration, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b, ok := l.buckets[tokenID]
	if !ok {
		if len(l.buckets) >= maxBuckets {
			l.prune(now)
		}
		b = rate.NewLimiter(rate.Every(time.Minute/time.Duration(l.perMinute)), l.perMinute)
		l.buckets[tokenID] = b
	}
	r := b.ReserveN(now, 1)
	if wait := r.DelayFrom(now); wait > 0 {
		r.CancelAt(now) // a refused request takes nothing from the bucket
		return false, wait, nil
	}
	return true, 0, nil
}

// prune drops the buckets that have refilled: forgetting them changes nothing.
func (l *memoryLimiter) prune(now time.Time) {
	for id, b := range l.buckets {
		if b.TokensAt(now) >= float64(b.Burst()) {
			delete(l.buckets, id)
		}
	}
}
