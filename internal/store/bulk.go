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
	for i := range lots {
		lots[i].State, lots[i].ClosedBalance, lots[i].Released, lots[i].CreatedAt = ledger.LotPending, lots[i].OriginalAmount, false, now
	}
	if len(lots) == 0 {
		return nil
	}
	return s.atomic(ctx, func(tx *Store) error {
		if err := tx.touchLedger(ctx, profileIDsOf(lots, func(l *LotRow) int64 { return l.BillingProfileID })...); err != nil {
			return err
		}
		return wrap("insert lots", tx.conn(ctx).CreateInBatches(lots, bulkBatch).Error)
	})
}

// InsertCharges appends charge entries as they are, for seeding large data sets, and
// recomputes the daily and pending totals of their profiles.
func (s *Store) InsertCharges(ctx context.Context, charges []ChargeRow) error {
	if len(charges) == 0 {
		return nil
	}
	now := s.now().UTC()
	ids := profileIDsOf(charges, func(c *ChargeRow) int64 { return c.BillingProfileID })
	for i := range charges {
		charges[i].CreatedAt = now
	}
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.touchLedger(ctx, ids...); err != nil {
			return err
		}
		if err := tx.conn(ctx).CreateInBatches(charges, bulkBatch).Error; err != nil {
			return wrap("insert charges", err)
		}
		if err := tx.rebuildChargeDays(ctx, ids); err != nil {
			return err
		}
		return tx.rebuildPendingDays(ctx, ids)
	})
}

// InsertAdjustments appends adjustments as they are, for seeding large data sets, and
// recomputes the pending totals of their profiles.
func (s *Store) InsertAdjustments(ctx context.Context, adjs []AdjustmentRow) error {
	if len(adjs) == 0 {
		return nil
	}
	now := s.now().UTC()
	ids := profileIDsOf(adjs, func(a *AdjustmentRow) int64 { return a.BillingProfileID })
	for i := range adjs {
		adjs[i].CreatedAt = now
	}
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.touchLedger(ctx, ids...); err != nil {
			return err
		}
		if err := tx.conn(ctx).CreateInBatches(adjs, bulkBatch).Error; err != nil {
			return wrap("insert adjustments", err)
		}
		return tx.rebuildPendingDays(ctx, ids)
	})
}

// profileIDsOf lists the distinct profiles of rows, in the order they first appear.
func profileIDsOf[T any](rows []T, profile func(*T) int64) []int64 {
	seen := map[int64]bool{}
	var ids []int64
	for i := range rows {
		if id := profile(&rows[i]); !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return ids
}
