package store

import (
	"context"
	"database/sql"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// checkCredit refuses a lot of amount micro-units that would take the profile's lots, all of
// them, to ledger.CreditLimit (M16). The stored lots sum below the limit, so the SQL sum fits.
func (s *Store) checkCredit(ctx context.Context, profileID, add int64) error {
	var stored sql.NullInt64
	err := s.conn(ctx).Raw("SELECT SUM(original_amount) FROM lots WHERE billing_profile_id = ?", profileID).Row().Scan(&stored)
	if err != nil {
		return wrap("credit of profile", err)
	}
	total, err := money.FromMicros(stored.Int64).AddChecked(money.FromMicros(add))
	if err != nil || total.Cmp(ledger.CreditLimitAmount) >= 0 {
		return refuse("M16", KeyCreditLimit, money.FromMicros(add), ledger.CreditLimitAmount)
	}
	return nil
}

// checkAdjustmentMonth refuses an adjustment that would take the absolute values of the
// profile's adjustments of its month to ledger.MonthLimit (M16).
func (s *Store) checkAdjustmentMonth(ctx context.Context, profileID int64, date ledger.Date, add money.Amount) error {
	month := ledger.PeriodOf(date)
	var stored sql.NullInt64
	err := s.conn(ctx).Raw("SELECT SUM(ABS(amount)) FROM adjustments WHERE billing_profile_id = ? AND date >= ? AND date <= ?",
		profileID, month.First().String(), month.Last().String()).Row().Scan(&stored)
	if err != nil {
		return wrap("adjustments of month", err)
	}
	total, err := money.FromMicros(stored.Int64).AddChecked(add.Abs())
	if err != nil || total.Cmp(ledger.MonthLimitAmount) >= 0 {
		return refuse("M16", KeyAdjustmentLimit, month, ledger.MonthLimitAmount)
	}
	return nil
}
