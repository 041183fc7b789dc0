// Package ledgercache keeps, across requests, what the portal's pages and the API read or
// compute from a billing profile's ledger, labelled with the profile's ledger version: the one
// cache of the credits page, its charts, the account summary and the API's events.
package ledgercache

import (
	"sync"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// Cache keeps, per billing profile, one value read or computed from the profile's ledger (its
// settled events, lots, charges and adjustments), labelled with the profile's ledger version,
// the business day and the request's query (Q) it was computed for. Every write of a ledger
// moves its version (store.touchLedger), so a reader whose profile row has the same version on
// the same day, asking the same query, may show the value again. The version is read with the
// profile, before anything the computation reads, as the kept balance sections are
// (store/estimates.go), so an entry is never older than its label. Every portal keeps its own;
// none can serve another's stale entry, since the label is in the database. Values are shared
// read-only by the requests that show them.
type Cache[Q comparable, V any] struct {
	mu      sync.Mutex
	size    int                   // the profiles it keeps at most: those recently viewed
	entries map[int64]entry[Q, V] // by billing profile id
}

// Key is what an entry was computed for.
type Key[Q comparable] struct {
	Version int64 // the profile's ledger version
	Today   ledger.Date
	Query   Q
}

// entry is a value and its label.
type entry[Q comparable, V any] struct {
	key   Key[Q]
	value V
}

// New is an empty cache that keeps the values of size profiles at most.
func New[Q comparable, V any](size int) *Cache[Q, V] {
	return &Cache[Q, V]{size: size, entries: map[int64]entry[Q, V]{}}
}

// Get returns the profile's value when it was computed for key.
func (c *Cache[Q, V]) Get(profileID int64, key Key[Q]) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[profileID]
	if !ok || e.key != key {
		var zero V
		return zero, false
	}
	return e.value, true
}

// Put keeps v as the profile's value for key, in place of its older one, but not over one of a
// newer version of the same day (a slow request that read an older ledger version finishes
// last: no reader will ask for its version again); when the cache is full, an arbitrary other
// profile's entry makes room.
func (c *Cache[Q, V]) Put(profileID int64, key Key[Q], v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	old, ok := c.entries[profileID]
	if ok && old.key.Today == key.Today && old.key.Version > key.Version {
		return
	}
	if !ok && len(c.entries) >= c.size {
		for id := range c.entries {
			delete(c.entries, id)
			break
		}
	}
	c.entries[profileID] = entry[Q, V]{key: key, value: v}
}
