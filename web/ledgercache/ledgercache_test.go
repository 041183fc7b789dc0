package ledgercache

import (
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// TestCacheKeepsTheNewerVersion (review finding): a request that read an older ledger
// version and finishes last does not put its value back over a newer version's of the same
// day; the next day's value replaces any of the day before, and a value is only given for the
// query it was computed for.
func TestCacheKeepsTheNewerVersion(t *testing.T) {
	t.Parallel()
	c := New[string, int](4)
	day, next := ledger.MustDate("2026-07-10"), ledger.MustDate("2026-07-11")
	c.Put(1, Key[string]{Version: 8, Today: day}, 8)
	c.Put(1, Key[string]{Version: 7, Today: day}, 7)
	if got, ok := c.Get(1, Key[string]{Version: 8, Today: day}); !ok || got != 8 {
		t.Errorf("got %d, %v; version 7, written last, replaced version 8 of the same day", got, ok)
	}
	c.Put(1, Key[string]{Version: 7, Today: next}, 70)
	if got, ok := c.Get(1, Key[string]{Version: 7, Today: next}); !ok || got != 70 {
		t.Errorf("got %d, %v; the next day's value did not replace the day before's", got, ok)
	}
	if _, ok := c.Get(1, Key[string]{Version: 7, Today: next, Query: "status=active"}); ok {
		t.Error("a value computed for one query was given for another")
	}
	if _, ok := c.Get(2, Key[string]{Version: 7, Today: next}); ok {
		t.Error("a profile's value was given for another profile")
	}
}
