package store_test

import (
	"context"
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestSlowReaderKeepsNoOlderSection: of two readers that computed a profile's balance section
// on the same day, the one that read the older ledger version and writes last does not put its
// section back over the newer one (the kept row is a cache; an older row would only make every
// later reader compute again). A new day, or the same version again, replaces the row.
func TestSlowReaderKeepsNoOlderSection(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := loadLedger(t, s)
		today := ledger.MustDate("2026-03-10")
		keep := func(version int64, day ledger.Date) {
			t.Helper()
			q := p
			q.LedgerVersion = version
			if err := s.KeepComputed(ctx, q, day); err != nil {
				t.Fatal(err)
			}
		}
		kept := func() (int64, ledger.Date) {
			t.Helper()
			v, d, err := s.KeptVersion(ctx, p.ID)
			if err != nil {
				t.Fatal(err)
			}
			return v, d
		}
		keep(p.LedgerVersion+1, today) // the fast reader, after a write
		keep(p.LedgerVersion, today)   // the slow one, from before it
		if v, _ := kept(); v != p.LedgerVersion+1 {
			t.Errorf("kept version %d after a slower reader, want %d", v, p.LedgerVersion+1)
		}
		keep(p.LedgerVersion+1, today)
		if v, _ := kept(); v != p.LedgerVersion+1 {
			t.Errorf("kept version %d after the same version again, want %d", v, p.LedgerVersion+1)
		}
		keep(p.LedgerVersion, today.AddDays(1))
		if v, d := kept(); v != p.LedgerVersion || d != today.AddDays(1) {
			t.Errorf("kept version %d of %s after a new day, want %d of %s", v, d, p.LedgerVersion, today.AddDays(1))
		}
	})
}
