package store

import "context"

// bulkBatch is the number of rows one bulk insert statement carries.
const bulkBatch = 1000

// InsertLots appends lots as they are, for seeding large data sets: no key check, no audit.
// Each lot is pending and unreleased until the next processing run, as SaveLot would leave it.
func (s *Store) InsertLots(ctx context.Context, lots []LotRow) error {
	now := s.now().UTC()
	for i := range lots {
		lots[i].State, lots[i].ClosedBalance, lots[i].Released, lots[i].CreatedAt = "Pending", lots[i].OriginalAmount, false, now
	}
	return wrap("insert lots", s.conn(ctx).CreateInBatches(lots, bulkBatch).Error)
}

// InsertCharges appends charge entries as they are, for seeding large data sets, and
// recomputes the daily totals of their profiles.
func (s *Store) InsertCharges(ctx context.Context, charges []ChargeRow) error {
	if len(charges) == 0 {
		return nil
	}
	now := s.now().UTC()
	seen := map[int64]bool{}
	var ids []int64
	for i := range charges {
		charges[i].CreatedAt = now
		if id := charges[i].BillingProfileID; !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.conn(ctx).CreateInBatches(charges, bulkBatch).Error; err != nil {
			return wrap("insert charges", err)
		}
		return tx.rebuildChargeDays(ctx, ids)
	})
}

// InsertAdjustments appends adjustments as they are, for seeding large data sets.
func (s *Store) InsertAdjustments(ctx context.Context, adjs []AdjustmentRow) error {
	now := s.now().UTC()
	for i := range adjs {
		adjs[i].CreatedAt = now
	}
	return wrap("insert adjustments", s.conn(ctx).CreateInBatches(adjs, bulkBatch).Error)
}
