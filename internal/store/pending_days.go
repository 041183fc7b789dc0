package store

import (
	"context"

	"gorm.io/gorm"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// The unbilled month summarised (migration 00014): pending_days holds, per profile and day not
// invoiced yet, the day's eligible and ineligible charges and its adjustments, credits apart
// from debits. Every write of charges or adjustments moves it in the same transaction, and the
// invoice that settles a day removes the day's row, so the balance section reads one row per
// unbilled day, whatever the number of charge lines and adjustments behind it.

// pendingDaysOf is the recomputation of the pending days of the profiles named by the filter
// (a condition on x.billing_profile_id) from the charge entries' daily totals and the
// adjustments: what the rows hold whenever no transaction is writing them.
const pendingDaysOf = `INSERT INTO pending_days (billing_profile_id, date, eligible, ineligible, credit, debit)
	SELECT x.billing_profile_id, x.date, SUM(x.eligible), SUM(x.ineligible), SUM(x.credit), SUM(x.debit)
	FROM (SELECT billing_profile_id, date,
	             CASE WHEN eligible THEN amount ELSE 0 END AS eligible,
	             CASE WHEN eligible THEN 0 ELSE amount END AS ineligible, 0 AS credit, 0 AS debit
	      FROM charge_days WHERE billing_profile_id IN ?
	      UNION ALL
	      SELECT billing_profile_id, date, 0, 0,
	             CASE WHEN amount > 0 THEN amount ELSE 0 END, CASE WHEN amount < 0 THEN amount ELSE 0 END
	      FROM adjustments WHERE billing_profile_id IN ?) AS x
	JOIN billing_profiles AS p ON p.id = x.billing_profile_id
	WHERE p.next_period = '' OR x.date >= p.next_period || '-01'
	GROUP BY x.billing_profile_id, x.date`

// rebuildPendingDays recomputes the pending days of the profiles, after a bulk insert that
// bypassed the write methods (seeding).
func (s *Store) rebuildPendingDays(ctx context.Context, profileIDs []int64) error {
	if err := s.conn(ctx).Exec("DELETE FROM pending_days WHERE billing_profile_id IN ?", profileIDs).Error; err != nil {
		return wrap("clear pending days", err)
	}
	return wrap("rebuild pending days", s.conn(ctx).Exec(pendingDaysOf, profileIDs, profileIDs).Error)
}

// movePendingCharges adds the staged charge changes to the pending days (the staged totals
// are in months not invoiced yet: checkStaged refuses the others). The WHERE keeps SQLite's
// parser from reading ON CONFLICT as a join constraint.
func (s *Store) movePendingCharges(ctx context.Context) error {
	err := s.conn(ctx).Model(&BillingProfile{}).
		Where("id IN (SELECT billing_profile_id FROM charge_keys WHERE total <> stored)").
		UpdateColumn("ledger_version", gorm.Expr("ledger_version + 1")).Error
	if err != nil {
		return wrap("move ledger versions", err)
	}
	err = s.conn(ctx).Exec(`INSERT INTO pending_days (billing_profile_id, date, eligible, ineligible)
		SELECT billing_profile_id, date, SUM(CASE WHEN eligible THEN total - stored ELSE 0 END),
		       SUM(CASE WHEN eligible THEN 0 ELSE total - stored END)
		FROM charge_keys WHERE total <> stored
		GROUP BY billing_profile_id, date
		ON CONFLICT (billing_profile_id, date) DO UPDATE SET eligible = pending_days.eligible + excluded.eligible,
			ineligible = pending_days.ineligible + excluded.ineligible`).Error
	return wrap("move pending charges", err)
}

// addPendingAdjustment adds a new adjustment (in a month not invoiced yet) to its pending day.
func (s *Store) addPendingAdjustment(ctx context.Context, a AdjustmentRow) error {
	credit, debit := max(a.Amount.Micros(), 0), min(a.Amount.Micros(), 0)
	err := s.conn(ctx).Exec(`INSERT INTO pending_days (billing_profile_id, date, credit, debit) VALUES (?, ?, ?, ?)
		ON CONFLICT (billing_profile_id, date) DO UPDATE SET credit = pending_days.credit + excluded.credit,
			debit = pending_days.debit + excluded.debit`, a.BillingProfileID, a.Date, credit, debit).Error
	return wrap("move pending adjustments", err)
}

// settlePendingDays removes the days the profile's invoices have settled: those before its next
// period.
func (s *Store) settlePendingDays(ctx context.Context, profileID int64, next ledger.Period) error {
	err := s.conn(ctx).Exec("DELETE FROM pending_days WHERE billing_profile_id = ? AND date < ?",
		profileID, next.First().String()).Error
	return wrap("settle pending days", err)
}
