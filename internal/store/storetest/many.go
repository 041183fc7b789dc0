package storetest

import (
	"context"
	"testing"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/store"
)

// OpenMany returns n stores on one fresh migrated database of the dialect (MigratedURL), each
// with a pool of its own, as n instances of CreditDesk over one database have, and the
// database's URL. They close at cleanup.
func OpenMany(t testing.TB, d store.Dialect, n int, clocks clock.Clocks) (string, []*store.Store) {
	t.Helper()
	url := MigratedURL(t, d)
	stores := make([]*store.Store, n)
	for i := range stores {
		s, err := store.Open(context.Background(), url, clocks)
		if err != nil {
			t.Fatalf("open %s: %v", d, err)
		}
		t.Cleanup(func() { _ = s.Close() })
		stores[i] = s
	}
	return url, stores
}
