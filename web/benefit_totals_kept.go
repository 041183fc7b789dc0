package web

import (
	"context"
	"sync"
	"time"

	"github.com/creditdesk/creditdesk/internal/store"
)

// benefitTotalsSize bounds the organisations a benefitTotalsCache keeps: those recently viewed.
const benefitTotalsSize = 256

// keptTotals is an organisation's benefit totals with their label: the benefits version read
// before they were computed, and the instant they were computed at. They hold from that instant
// until the totals' Until while the version is the same (store.BenefitTotals).
type keptTotals struct {
	version int64
	at      time.Time
	totals  store.BenefitTotals
}

// benefitTotalsCache keeps, per partner organisation, the totals of its benefits that the
// Benefits workspace's charts and its default order show (issue 10), so that neither counts a
// thousand benefits by status on every request. Every write of an organisation's benefits moves
// its version in the database (store.BenefitsVersion), so a portal asking the version first
// never shows another portal's change late; and statuses follow the business clock, so totals
// are not shown once a benefit reaches its available or expiry instant (P8, P3). Values are
// shared read-only by the requests that show them.
type benefitTotalsCache struct {
	mu      sync.Mutex
	entries map[int64]keptTotals // by partner row id
}

// newBenefitTotalsCache is an empty cache.
func newBenefitTotalsCache() *benefitTotalsCache {
	return &benefitTotalsCache{entries: map[int64]keptTotals{}}
}

// get returns the organisation's totals when they were computed at its version and hold at now.
func (c *benefitTotalsCache) get(partnerID, version int64, now time.Time) (store.BenefitTotals, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[partnerID]
	if !ok || e.version != version || now.Before(e.at) || (!e.totals.Until.IsZero() && !now.Before(e.totals.Until)) {
		return store.BenefitTotals{}, false
	}
	return e.totals, true
}

// put keeps e as the organisation's totals, but not over those of a newer version (a slow
// request that read an older version finishes last); when the cache is full, an arbitrary other
// organisation's entry makes room.
func (c *benefitTotalsCache) put(partnerID int64, e keptTotals) {
	c.mu.Lock()
	defer c.mu.Unlock()
	old, ok := c.entries[partnerID]
	if ok && old.version > e.version {
		return
	}
	if !ok && len(c.entries) >= benefitTotalsSize {
		for id := range c.entries {
			delete(c.entries, id)
			break
		}
	}
	c.entries[partnerID] = e
}

// benefitTotals is an organisation's benefit totals at now: kept, when the portal computed them
// at the benefits version the database has now and they still hold, or computed and kept. The
// version is read before the totals, so kept totals are never older than their label.
func (s *Server) benefitTotals(ctx context.Context, partnerID int64, now time.Time) (store.BenefitTotals, error) {
	version, err := s.store.BenefitsVersion(ctx, partnerID)
	if err != nil {
		return store.BenefitTotals{}, err
	}
	if t, ok := s.keptTotals.get(partnerID, version, now); ok {
		return t, nil
	}
	t, err := s.store.BenefitTotalsOf(ctx, partnerID, now)
	if err != nil {
		return store.BenefitTotals{}, err
	}
	s.keptTotals.put(partnerID, keptTotals{version: version, at: now, totals: t})
	return t, nil
}
