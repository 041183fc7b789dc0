package store

import (
	"context"

	"github.com/creditdesk/creditdesk/internal/money"
)

// applyStaged adds a correction entry for every staged total that differs from what is stored
// (X1: entries are never edited), moves the daily and pending totals by the same amounts, and returns what
// changed per profile. checkStaged has passed: every total is within its bounds.
func (s *Store) applyStaged(ctx context.Context, origin string) (map[int64]ChargeChanges, error) {
	now := s.now().UTC()
	err := s.conn(ctx).Exec(`INSERT INTO charges (billing_profile_id, date, product, publisher_type, eligible, amount, origin, created_at)
		SELECT billing_profile_id, date, product, publisher_type, eligible, total - stored, ?, ?
		FROM charge_keys WHERE total <> stored`, origin, now).Error
	if err != nil {
		return nil, wrap("add charge entries", err)
	}
	if err := s.moveChargeDays(ctx); err != nil {
		return nil, err
	}
	if err := s.movePendingCharges(ctx); err != nil {
		return nil, err
	}
	type row struct {
		BillingProfileID int64
		Added, Lowered   int
		LoweredBy        money.Amount
	}
	var rows []row
	err = s.conn(ctx).Raw(`SELECT billing_profile_id, COUNT(*) AS added,
			SUM(CASE WHEN total < stored THEN 1 ELSE 0 END) AS lowered,
			CAST(SUM(CASE WHEN total < stored THEN stored - total ELSE 0 END) AS BIGINT) AS lowered_by
		FROM charge_keys WHERE total <> stored GROUP BY billing_profile_id`).Scan(&rows).Error
	if err != nil {
		return nil, wrap("charge changes", err)
	}
	out := make(map[int64]ChargeChanges, len(rows))
	for _, r := range rows {
		out[r.BillingProfileID] = ChargeChanges{Added: r.Added, Lowered: r.Lowered, LoweredBy: r.LoweredBy}
	}
	return out, nil
}

// moveChargeDays adds the staged changes to the daily totals, one row per profile, day and
// eligibility (an upsert both databases speak; the WHERE keeps SQLite's parser from reading ON
// CONFLICT as a join constraint).
func (s *Store) moveChargeDays(ctx context.Context) error {
	err := s.conn(ctx).Exec(`INSERT INTO charge_days (billing_profile_id, date, eligible, amount)
		SELECT billing_profile_id, date, eligible, SUM(total - stored) FROM charge_keys WHERE total <> stored
		GROUP BY billing_profile_id, date, eligible
		ON CONFLICT (billing_profile_id, date, eligible) DO UPDATE SET amount = charge_days.amount + excluded.amount`).Error
	return wrap("move daily charge totals", err)
}

// rebuildChargeDays recomputes the daily totals of the profiles from their entries, after a
// bulk insert that bypassed the import (seeding).
func (s *Store) rebuildChargeDays(ctx context.Context, profileIDs []int64) error {
	if err := s.conn(ctx).Exec("DELETE FROM charge_days WHERE billing_profile_id IN ?", profileIDs).Error; err != nil {
		return wrap("clear daily charge totals", err)
	}
	err := s.conn(ctx).Exec(`INSERT INTO charge_days (billing_profile_id, date, eligible, amount)
		SELECT billing_profile_id, date, eligible, SUM(amount) FROM charges WHERE billing_profile_id IN ?
		GROUP BY billing_profile_id, date, eligible`, profileIDs).Error
	return wrap("rebuild daily charge totals", err)
}

// stagedCount is the number of charge totals the staged lines state (not counting the zero
// totals of the other eligibility that sumStaged adds).
func (s *Store) stagedCount(ctx context.Context) (int, error) {
	var n int64
	err := s.conn(ctx).Table("charge_keys").Where("lines > 0").Count(&n).Error
	return int(n), wrap("count charge totals", err)
}
