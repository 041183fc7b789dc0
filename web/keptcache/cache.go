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

// Cache keeps, per owner, one value (V) with its label (L) and the request's query (Q) it was
// computed for. Values are shared read-only by the requests that show them.
type Cache[L Label[L], Q comparable, V any] struct {
	mu      sync.Mutex
	size    int                      // the owners it keeps at most: those recently viewed
	entries map[int64]entry[L, Q, V] // by owner id
}

// entry is a kept value, its label and its query.
type entry[L any, Q comparable, V any] struct {
	label L
	query Q
	value V
}

// New is an empty cache that keeps the values of size owners at most.
func New[L Label[L], Q comparable, V any](size int) *Cache[L, Q, V] {
	return &Cache[L, Q, V]{size: size, entries: map[int64]entry[L, Q, V]{}}
}

// Get returns the owner's value for query when its label holds for a reader labelled r.
func (c *Cache[L, Q, V]) Get(owner int64, r L, query Q) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[owner]
	if !ok || e.query != query || !e.label.Holds(r) {
		var zero V
		return zero, false
	}
	return e.value, true
}

// Put keeps v as the owner's value for label l and query, in place of its older one, but not over
// one whose label is Newer than l; when the cache is full, an arbitrary other owner's entry makes
// room.
func (c *Cache[L, Q, V]) Put(owner int64, l L, query Q, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	old, ok := c.entries[owner]
	if ok && old.label.Newer(l) {
		return
	}
	if !ok && len(c.entries) >= c.size {
		for id := range c.entries {
			delete(c.entries, id)
			break
		}
	}
	c.entries[owner] = entry[L, Q, V]{label: l, query: query, value: v}
}
