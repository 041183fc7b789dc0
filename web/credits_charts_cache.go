package web

import (
	"sync"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/views"
)

// chartsCacheSize bounds the profiles whose charts are kept: those recently viewed.
const chartsCacheSize = 512

// chartsCache keeps, per billing profile, the balance over time and the runway last computed,
// labelled with the profile's ledger version and the business day they were computed for. Both
// are functions of the profile's ledger (its settled events, lots, charges and adjustments),
// whose every write moves the ledger version (store.touchLedger), and of the business day; so a
// reader whose profile row has the same version on the same day may show them again. The
// version is read with the profile, before anything the computation reads, as the kept
// balance sections are (store/estimates.go), so an entry is never older than its label. Every
// portal keeps its own; none can serve another's stale entry, since the label is in the
// database.
type chartsCache struct {
	mu      sync.Mutex
	entries map[int64]chartsEntry // by billing profile id
}

// chartsKey is what an entry was computed for.
type chartsKey struct {
	version int64 // the profile's ledger version
	today   ledger.Date
}

// chartsEntry is the charts of one profile, shared read-only by the requests that show them.
type chartsEntry struct {
	key     chartsKey
	history views.BalanceHistory
	runway  views.Runway
}

func newChartsCache() *chartsCache { return &chartsCache{entries: map[int64]chartsEntry{}} }

// get returns the profile's charts when they were computed for key.
func (c *chartsCache) get(profileID int64, key chartsKey) (chartsEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[profileID]
	return e, ok && e.key == key
}

// put keeps e as the profile's charts, in place of its older ones, but not over newer ones of
// the same day (a slow request that read an older ledger version finishes last); when the cache
// is full, an arbitrary other profile's entry makes room.
func (c *chartsCache) put(profileID int64, e chartsEntry) {
	c.mu.Lock()
	defer c.mu.Unlock()
	old, ok := c.entries[profileID]
	if ok && old.key.today == e.key.today && old.key.version > e.key.version {
		return
	}
	if !ok && len(c.entries) >= chartsCacheSize {
		for id := range c.entries {
			delete(c.entries, id)
			break
		}
	}
	c.entries[profileID] = e
}
