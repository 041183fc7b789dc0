package keptcache

import (
	"slices"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// TestCacheKeepsTheNewerVersion (review finding), for each label: a request that read an older
// version and finishes last does not put its value back over a newer version's (a ledger's of the
// same day; benefits' whatever their intervals); the next day's ledger value replaces any of the
// day before, a newer benefits version an older one; and a value is only given for the query it
// was computed for and to its own owner.
func TestCacheKeepsTheNewerVersion(t *testing.T) {
	t.Parallel()
	day, nextDay := ledger.MustDate("2026-07-10"), ledger.MustDate("2026-07-11")
	at := time.Date(2026, 7, 10, 9, 0, 0, 0, time.UTC)
	t.Run("day", func(t *testing.T) {
		keepsTheNewer(t, Day{Version: 8, Today: day}, Day{Version: 7, Today: day}, Day{Version: 7, Today: nextDay})
	})
	t.Run("span", func(t *testing.T) {
		keepsTheNewer(t, Span{Version: 8, At: at}, Span{Version: 7, At: at.Add(24 * time.Hour)}, Span{Version: 9, At: at})
	})
}

// keepsTheNewer checks that a value labelled older, put after one labelled newer, does not
// replace it, that one labelled next does, and that a value is given only for its query and owner.
func keepsTheNewer[L Label[L]](t *testing.T, newer, older, next L) {
	c := New[L, string, string](4, 1)
	c.Put(1, newer, "", "newer")
	c.Put(1, older, "", "older")
	if got, ok := c.Get(1, newer, ""); !ok || got != "newer" {
		t.Errorf("got %q, %v; an older version, written last, replaced the newer", got, ok)
	}
	c.Put(1, next, "", "next")
	if got, ok := c.Get(1, next, ""); !ok || got != "next" {
		t.Errorf("got %q, %v; the next value did not replace the one before", got, ok)
	}
	if _, ok := c.Get(1, next, "status=active"); ok {
		t.Error("a value computed for one query was given for another")
	}
	if _, ok := c.Get(2, next, ""); ok {
		t.Error("an owner's value was given for another owner")
	}
}

// TestCacheKeepsItsSize: a full cache makes room for a new owner by evicting another, never
// keeps more owners than its size, and replaces an owner's value without evicting anyone.
func TestCacheKeepsItsSize(t *testing.T) {
	t.Parallel()
	const size = 4
	c := New[Day, struct{}, int64](size, 1)
	day := ledger.MustDate("2026-07-10")
	for id := int64(1); id <= 3*size; id++ {
		c.Put(id, Day{Version: id, Today: day}, struct{}{}, id)
		if got := len(c.entries); got > size {
			t.Fatalf("after owner %d: %d entries, want at most %d", id, got, size)
		}
		if got, ok := c.Get(id, Day{Version: id, Today: day}, struct{}{}); !ok || got != id {
			t.Fatalf("owner %d: got %d, %v; the value just put is not kept", id, got, ok)
		}
	}
	kept := make([]int64, 0, size)
	for id := range c.entries {
		kept = append(kept, id)
	}
	for _, id := range kept {
		c.Put(id, Day{Version: id + 1, Today: day}, struct{}{}, id)
		for _, other := range kept {
			if _, ok := c.entries[other]; !ok {
				t.Fatalf("owner %d was evicted by a new value of owner %d", other, id)
			}
		}
	}
}

// TestCacheKeepsAnOwnersLatestQueries: an owner's values of several queries (an organisation's
// pages, a profile's row in two locales) are kept side by side up to the cache's queries, the
// least recently put going first; a query put again replaces its value; a value of a newer
// version drops the owner's older ones; an older version's put changes nothing.
func TestCacheKeepsAnOwnersLatestQueries(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 7, 10, 9, 0, 0, 0, time.UTC)
	v7, v8 := Span{Version: 7, At: at}, Span{Version: 8, At: at}
	c := New[Span, string, string](2, 3)
	have := func(step string, want ...string) {
		t.Helper()
		var got []string
		for _, q := range []string{"a", "b", "c", "d", "e"} {
			if v, ok := c.Get(1, Span{Version: v7.Version, At: at}, q); ok {
				got = append(got, q+"="+v)
			}
			if v, ok := c.Get(1, Span{Version: v8.Version, At: at}, q); ok {
				got = append(got, q+"="+v)
			}
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s: kept %v, want %v", step, got, want)
		}
	}
	c.Put(1, v7, "a", "1")
	c.Put(1, v7, "b", "1")
	c.Put(1, v7, "c", "1")
	have("three queries", "a=1", "b=1", "c=1")
	c.Put(1, v7, "d", "1")
	have("a fourth", "b=1", "c=1", "d=1")
	c.Put(1, v7, "b", "2")
	c.Put(1, v7, "e", "1")
	have("b again, then e", "b=2", "d=1", "e=1")
	c.Put(1, v8, "a", "3")
	have("a newer version", "a=3")
	c.Put(1, v7, "c", "late")
	have("an older version put late", "a=3")
	c.Put(2, v7, "a", "1")
	c.Put(3, v7, "a", "1")
	if len(c.entries) > 2 {
		t.Errorf("%d owners kept, want at most 2", len(c.entries))
	}
}
