package web

import (
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// TestLedgerCacheKeepsTheNewerVersion (review finding): a request that read an older ledger
// version and finishes last does not put its value back over a newer version's of the same
// day; the next day's value replaces any of the day before, and a value is only given for the
// query it was computed for.
func TestLedgerCacheKeepsTheNewerVersion(t *testing.T) {
	t.Parallel()
	c := newLedgerCache[string, int]()
	day, next := ledger.MustDate("2026-07-10"), ledger.MustDate("2026-07-11")
	c.put(1, ledgerKey[string]{version: 8, today: day}, 8)
	c.put(1, ledgerKey[string]{version: 7, today: day}, 7)
	if got, ok := c.get(1, ledgerKey[string]{version: 8, today: day}); !ok || got != 8 {
		t.Errorf("got %d, %v; version 7, written last, replaced version 8 of the same day", got, ok)
	}
	c.put(1, ledgerKey[string]{version: 7, today: next}, 70)
	if got, ok := c.get(1, ledgerKey[string]{version: 7, today: next}); !ok || got != 70 {
		t.Errorf("got %d, %v; the next day's value did not replace the day before's", got, ok)
	}
	if _, ok := c.get(1, ledgerKey[string]{version: 7, today: next, query: "status=active"}); ok {
		t.Error("a value computed for one query was given for another")
	}
	if _, ok := c.get(2, ledgerKey[string]{version: 7, today: next}); ok {
		t.Error("a profile's value was given for another profile")
	}
}
