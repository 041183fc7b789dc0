package web

import (
	"sync"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// ledgerCacheSize bounds the profiles a ledgerCache keeps: those recently viewed.
const ledgerCacheSize = 512

// ledgerCache keeps, per billing profile, one value read or computed from the profile's ledger
// (its settled events, lots, charges and adjustments), labelled with the profile's ledger
// version, the business day and the request's query (Q) it was computed for. Every write of a
// ledger moves its version (store.touchLedger), so a reader whose profile row has the same
// version on the same day, asking the same query, may show the value again. The version is read
// with the profile, before anything the computation reads, as the kept balance sections are
// (store/estimates.go), so an entry is never older than its label. Every portal keeps its own;
// none can serve another's stale entry, since the label is in the database. Values are shared
// read-only by the requests that show them.
type ledgerCache[Q comparable, V any] struct {
	mu      sync.Mutex
	entries map[int64]ledgerEntry[Q, V] // by billing profile id
}

// ledgerKey is what an entry was computed for.
type ledgerKey[Q comparable] struct {
	version int64 // the profile's ledger version
	today   ledger.Date
	query   Q
}

// ledgerEntry is a value and its label.
type ledgerEntry[Q comparable, V any] struct {
	key   ledgerKey[Q]
	value V
}

// newLedgerCache is an empty cache.
func newLedgerCache[Q comparable, V any]() *ledgerCache[Q, V] {
	return &ledgerCache[Q, V]{entries: map[int64]ledgerEntry[Q, V]{}}
}

// get returns the profile's value when it was computed for key.
func (c *ledgerCache[Q, V]) get(profileID int64, key ledgerKey[Q]) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[profileID]
	if !ok || e.key != key {
		var zero V
		return zero, false
	}
	return e.value, true
}

// put keeps v as the profile's value for key, in place of its older one, but not over one of a
// newer version of the same day (a slow request that read an older ledger version finishes
// last: no reader will ask for its version again); when the cache is full, an arbitrary other
// profile's entry makes room.
func (c *ledgerCache[Q, V]) put(profileID int64, key ledgerKey[Q], v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	old, ok := c.entries[profileID]
	if ok && old.key.today == key.today && old.key.version > key.version {
		return
	}
	if !ok && len(c.entries) >= ledgerCacheSize {
		for id := range c.entries {
			delete(c.entries, id)
			break
		}
	}
	c.entries[profileID] = ledgerEntry[Q, V]{key: key, value: v}
}
