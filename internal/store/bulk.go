package store

import (
	"context"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// bulkBatch is the number of rows one bulk insert statement carries.
const bulkBatch = 1000

// InsertLots appends lots as they are, for seeding large data sets: no key check, no audit.
// Each lot is pending and unreleased until the next processing run, as SaveLot would leave it.
func (s *Store) InsertLots(ctx context.Context, lots []LotRow) error {
	now := s.now().UTC()
	return insertBulk(ctx, s, "insert lots", lots, func(l *LotRow) int64 {
		l.State, l.ClosedBalance, l.Released, l.CreatedAt = ledger.LotPending, l.OriginalAmount, false, now
		return l.BillingProfileID
	}, nil)
}

// InsertCharges appends charge entries as they are, for seeding large data sets, and
// recomputes the daily and pending totals of their profiles.
func (s *Store) InsertCharges(ctx context.Context, charges []ChargeRow) error {
	now := s.now().UTC()
	return insertBulk(ctx, s, "insert charges", charges, func(c *ChargeRow) int64 {
		c.CreatedAt = now
		return c.BillingProfileID
	}, func(tx *Store, ids []int64) error {
		if err := tx.rebuildChargeDays(ctx, ids); err != nil {
			return err
		}
		return tx.rebuildPendingDays(ctx, ids)
	})
}

// InsertAdjustments appends adjustments as they are, for seeding large data sets, and
// recomputes the pending totals of their profiles.
func (s *Store) InsertAdjustments(ctx context.Context, adjs []AdjustmentRow) error {
	now := s.now().UTC()
	return insertBulk(ctx, s, "insert adjustments", adjs, func(a *AdjustmentRow) int64 {
		a.CreatedAt = now
		return a.BillingProfileID
	}, func(tx *Store, ids []int64) error { return tx.rebuildPendingDays(ctx, ids) })
}

// insertBulk stamps each row with stamp, which returns the row's profile, then in one
// transaction (the caller's, when it is in one) moves the ledger versions of those profiles,
// inserts the rows in batches and, when rebuild is given, recomputes what the profiles keep of
// them.
func insertBulk[T any](ctx context.Context, s *Store, op string, rows []T, stamp func(*T) int64, rebuild func(tx *Store, ids []int64) error) error {
	if len(rows) == 0 {
		return nil
	}
	seen := map[int64]bool{}
	var ids []int64 // the distinct profiles, in the order they first appear
	for i := range rows {
		if id := stamp(&rows[i]); !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return s.atomic(ctx, func(tx *Store) error {
		if err := tx.touchLedger(ctx, ids...); err != nil {
			return err
		}
		if err := wrap(op, tx.conn(ctx).CreateInBatches(rows, bulkBatch).Error); err != nil || rebuild == nil {
			return err
		}
		return rebuild(tx, ids)
	})
}
