package keptcache

import "sync"

// Label is what a kept value was computed for besides the request's query: the owner's version
// and when the value holds. L is the label type itself (Day, Span).
type Label[L any] interface {
	// Holds reports whether a value of this label may be shown to a reader whose own label, made
	// of what it has just read and its clock, is r.
	Holds(r L) bool
	// Newer reports whether a value of this label must stay in place of one labelled than: a slow
	// request that read an older version and finishes last does not put its value back, since no
	// reader will ask for its version again.
	Newer(than L) bool
}

// Cache keeps, per owner, the values (V) of a few queries (Q), each with the label (L) it was
// computed for, the most recent last. Values are shared read-only by the requests that show them.
type Cache[L Label[L], Q comparable, V any] struct {
	mu      sync.Mutex
	size    int                        // the owners it keeps at most: those recently viewed
	queries int                        // the queries it keeps of an owner at most: its latest
	entries map[int64][]entry[L, Q, V] // by owner id
}

// entry is a kept value, its label and its query.
type entry[L any, Q comparable, V any] struct {
	label L
	query Q
	value V
}

// New is an empty cache that keeps the values of size owners at most, and of queries queries
// of each (at least one).
func New[L Label[L], Q comparable, V any](size, queries int) *Cache[L, Q, V] {
	return &Cache[L, Q, V]{size: size, queries: max(queries, 1), entries: map[int64][]entry[L, Q, V]{}}
}

// Get returns the owner's value for query when its label holds for a reader labelled r.
func (c *Cache[L, Q, V]) Get(owner int64, r L, query Q) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, e := range c.entries[owner] {
		if e.query == query && e.label.Holds(r) {
			return e.value, true
		}
	}
	var zero V
	return zero, false
}

// Put keeps v as the owner's value for label l and query, in place of the query's older value
// and of the owner's values that l is Newer than, but not when the owner has a value whose label
// is Newer than l; beyond the cache's queries, the owner's least recent value goes, and when the
// cache is full of owners, an arbitrary other owner's values make room.
func (c *Cache[L, Q, V]) Put(owner int64, l L, query Q, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	old, ok := c.entries[owner]
	kept := make([]entry[L, Q, V], 0, c.queries)
	for _, e := range old {
		if e.label.Newer(l) {
			return
		}
		if e.query != query && !l.Newer(e.label) {
			kept = append(kept, e)
		}
	}
	if len(kept) >= c.queries {
		kept = append(kept[:0], kept[len(kept)-c.queries+1:]...)
	}
	if !ok && len(c.entries) >= c.size {
		for id := range c.entries {
			delete(c.entries, id)
			break
		}
	}
	c.entries[owner] = append(kept, entry[L, Q, V]{label: l, query: query, value: v})
}
