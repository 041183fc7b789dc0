package web

import (
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// TestChartsCacheKeepsTheNewerVersion (review finding): a request that read an older ledger
// version and finishes last does not put its charts back over a newer version's of the same
// day; the next day's charts replace any of the day before.
func TestChartsCacheKeepsTheNewerVersion(t *testing.T) {
	t.Parallel()
	c := newChartsCache()
	day, next := ledger.MustDate("2026-07-10"), ledger.MustDate("2026-07-11")
	c.put(1, chartsEntry{key: chartsKey{version: 8, today: day}})
	c.put(1, chartsEntry{key: chartsKey{version: 7, today: day}})
	if _, ok := c.get(1, chartsKey{version: 8, today: day}); !ok {
		t.Error("version 7, written last, replaced version 8 of the same day")
	}
	c.put(1, chartsEntry{key: chartsKey{version: 7, today: next}})
	if _, ok := c.get(1, chartsKey{version: 7, today: next}); !ok {
		t.Error("the next day's charts did not replace the day before's")
	}
}
