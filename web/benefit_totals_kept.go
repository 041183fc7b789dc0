package web

import (
	"context"
	"sync"
	"time"

	"github.com/creditdesk/creditdesk/internal/store"
)

// benefitsCacheSize bounds the organisations a benefitsCache keeps: those recently viewed.
const benefitsCacheSize = 256

// keptLabel is what a kept value was computed for: the organisation's benefits version read
// before it was computed, and the instants between which no benefit changes status (from the
// computation's now until the totals' Until, zero for never).
type keptLabel struct {
	version   int64
	at, until time.Time
}

// holds reports whether a value of this label may be shown at version and now.
func (l keptLabel) holds(version int64, now time.Time) bool {
	return l.version == version && !now.Before(l.at) && (l.until.IsZero() || now.Before(l.until))
}

// benefitsEntry is a kept value, its label and the request's query (Q) it answers.
type benefitsEntry[Q comparable, V any] struct {
	label keptLabel
	query Q
	value V
}

// benefitsCache keeps, per partner organisation, one value the Benefits workspace shows of its
// benefits for one query (issue 10): the totals of its charts and default order, or a page of
// its list, so that neither is read from a thousand benefits on every request. Every write of
// what the workspace shows moves the organisation's version in the database
// (store.BenefitsVersion), so a portal asking the version first never shows another portal's
// change late; and statuses follow the business clock, so a value is not shown once a benefit
// reaches its available or expiry instant (P8, P3). Values are shared read-only by the requests
// that show them.
type benefitsCache[Q comparable, V any] struct {
	mu      sync.Mutex
	entries map[int64]benefitsEntry[Q, V] // by partner row id
}

// newBenefitsCache is an empty cache.
func newBenefitsCache[Q comparable, V any]() *benefitsCache[Q, V] {
	return &benefitsCache[Q, V]{entries: map[int64]benefitsEntry[Q, V]{}}
}

// get returns the organisation's value for query when its label holds at version and now.
func (c *benefitsCache[Q, V]) get(partnerID, version int64, now time.Time, query Q) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[partnerID]
	if !ok || e.query != query || !e.label.holds(version, now) {
		var zero V
		return zero, false
	}
	return e.value, true
}

// put keeps e as the organisation's value, but not over one of a newer version (a slow request
// that read an older version finishes last); when the cache is full, an arbitrary other
// organisation's entry makes room.
func (c *benefitsCache[Q, V]) put(partnerID int64, e benefitsEntry[Q, V]) {
	c.mu.Lock()
	defer c.mu.Unlock()
	old, ok := c.entries[partnerID]
	if ok && old.label.version > e.label.version {
		return
	}
	if !ok && len(c.entries) >= benefitsCacheSize {
		for id := range c.entries {
			delete(c.entries, id)
			break
		}
	}
	c.entries[partnerID] = e
}

// benefitTotals is an organisation's benefit totals at now and their label: kept, when the
// portal computed them at the benefits version the database has now and they still hold, or
// computed and kept. The version is read before the totals, so kept totals are never older than
// their label.
func (s *Server) benefitTotals(ctx context.Context, partnerID int64, now time.Time) (store.BenefitTotals, keptLabel, error) {
	version, err := s.store.BenefitsVersion(ctx, partnerID)
	if err != nil {
		return store.BenefitTotals{}, keptLabel{}, err
	}
	if t, ok := s.keptTotals.get(partnerID, version, now, struct{}{}); ok {
		return t, keptLabel{version: version, at: now, until: t.Until}, nil
	}
	t, err := s.store.BenefitTotalsOf(ctx, partnerID, now)
	if err != nil {
		return store.BenefitTotals{}, keptLabel{}, err
	}
	l := keptLabel{version: version, at: now, until: t.Until}
	s.keptTotals.put(partnerID, benefitsEntry[struct{}, store.BenefitTotals]{label: l, value: t})
	return t, l, nil
}
