package store_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
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

// TestKeepingNeverWaits (issue 10, review finding): a reader whose balance section is not kept
// computes it and keeps it only when it can write at once. While another transaction holds
// the profile's row lock (a processing run; on SQLite the one write lock, as a long import
// holds it), the read answers at once with the computed section, well within the 10 s busy
// timeout, and keeps nothing; once the lock is free the next read keeps it (M12).
func TestKeepingNeverWaits(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := loadLedger(t, s)
		today := ledger.MustDate("2026-07-10")
		want, err := s.ComputedSummary(ctx, p, today)
		if err != nil {
			t.Fatal(err)
		}
		var elapsed time.Duration
		var got ledger.Summary
		err = s.WhileLocked(ctx, p.ID, func() {
			rctx, cancel := context.WithTimeout(ctx, 5*time.Second) // the old reader waited for the lock
			defer cancel()
			start := time.Now()
			got, _, err = s.ProfileBalance(rctx, p, today)
			elapsed = time.Since(start)
		})
		if err != nil {
			t.Fatal(err)
		}
		if elapsed > 2*time.Second {
			t.Errorf("the read took %v behind a held lock, want no wait", elapsed)
		}
		if got.EstimatedBalance != want.EstimatedBalance || got.CurrentBalance != want.CurrentBalance {
			t.Errorf("read behind the lock: estimated %v, current %v; want %v, %v", got.EstimatedBalance, got.CurrentBalance,
				want.EstimatedBalance, want.CurrentBalance)
		}
		if _, d, err := s.KeptVersion(ctx, p.ID); err == nil && d == today {
			t.Errorf("a section of %s was kept while the lock was held", today)
		}
		if _, _, err := s.ProfileBalance(ctx, p, today); err != nil {
			t.Fatal(err)
		}
		if v, d, err := s.KeptVersion(ctx, p.ID); err != nil || d != today || v != p.LedgerVersion {
			t.Errorf("kept after the lock: version %d of %s (%v), want %d of %s", v, d, err, p.LedgerVersion, today)
		}
	})
}

// TestKeptSectionOfStaleCopy (issue 10, review finding): callers pass profile values read
// before a write (an adjustment, a processing run). The kept section is read with the
// profile's ledger state as it is in the database, so a copy older than a write neither takes
// the section kept before the write nor labels the section it computes with its own older
// version or computes it from its older balance: each read equals a computation from the
// database's profile, and the row kept carries the database's version (M12).
func TestKeptSectionOfStaleCopy(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		stale := loadLedger(t, s)
		today := ledger.MustDate("2026-07-10")
		check := func(step string) {
			t.Helper()
			fresh := profileOf(t, s)
			want, err := s.ComputedSummary(ctx, fresh, today)
			if err != nil {
				t.Fatal(err)
			}
			for pass := range 2 { // computed and kept, then read from the kept row
				got, err := s.ProfileSummary(ctx, stale, today)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s, read %d with a stale copy:\n got %+v\nwant %+v", step, pass+1, got, want)
				}
				bal, _, err := s.ProfileBalance(ctx, stale, today)
				if err != nil {
					t.Fatal(err)
				}
				if bal.EstimatedBalance != want.EstimatedBalance || bal.CurrentBalance != want.CurrentBalance {
					t.Errorf("%s, balance %d with a stale copy: %v, %v; want %v, %v", step, pass+1,
						bal.EstimatedBalance, bal.CurrentBalance, want.EstimatedBalance, want.CurrentBalance)
				}
			}
			if v, d, err := s.KeptVersion(ctx, fresh.ID); err != nil || v != fresh.LedgerVersion || d != today {
				t.Errorf("%s: kept version %d of %s (%v), want the database's %d of %s", step, v, d, err, fresh.LedgerVersion, today)
			}
		}
		check("before any write")
		if _, err := s.SaveAdjustment(ctx, profileOf(t, s), store.AdjustmentRow{Date: ledger.MustDate("2026-07-05"),
			Amount: money.MustParse("75.00"), Description: "Service credit"}); err != nil {
			t.Fatal(err)
		}
		check("after an adjustment")
		if _, err := s.ProcessProfile(ctx, stale.ID, today); err != nil {
			t.Fatal(err)
		}
		check("after a processing run")
	})
}
