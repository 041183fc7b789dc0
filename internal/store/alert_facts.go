package store

import (
	"context"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// ProfileRunway is the runway forecast of the credits page (beyond Azure) for a profile whose
// summary on today is sum: the burn of the last 90 days (BurnHistory) projected over the
// estimated lot balances (ledger.Forecast). The page and the alerts both read it here.
func (s *Store) ProfileRunway(ctx context.Context, p BillingProfile, sum ledger.Summary, today ledger.Date) (ledger.Runway, error) {
	hist, first, err := s.BurnHistory(ctx, p, today.AddDays(-ledger.HistoryWindowDays), today.AddDays(-1))
	if err != nil {
		return ledger.Runway{}, err
	}
	return ledger.Forecast(ledger.RunwayInput{Lots: sum.Lots, History: hist, HistoryStart: first, Now: today}), nil
}

// CreditReleased sums, per profile, the original amounts of the released lots that started
// from..to (the credit released this year, for a low-balance alert in percent).
func (s *Store) CreditReleased(ctx context.Context, profileIDs []int64, from, to ledger.Date) (map[int64]money.Amount, error) {
	out := make(map[int64]money.Amount, len(profileIDs))
	if len(profileIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		BillingProfileID int64
		Total            int64
	}
	err := s.conn(ctx).Table("lots").Select("billing_profile_id, SUM(original_amount) AS total").
		Where("billing_profile_id IN ? AND released = ? AND start_date BETWEEN ? AND ?", profileIDs, true, from.String(), to.String()).
		Group("billing_profile_id").Scan(&rows).Error
	for _, r := range rows {
		out[r.BillingProfileID] = money.FromMicros(r.Total)
	}
	return out, wrap("credit released", err)
}

// FailingProfiles returns the profiles whose last processing run failed.
func (s *Store) FailingProfiles(ctx context.Context) (map[int64]bool, error) {
	return s.failingProfiles(ctx)
}

// AccountByID returns a billing account.
func (s *Store) AccountByID(ctx context.Context, id int64) (BillingAccount, error) {
	var a BillingAccount
	err := s.conn(ctx).Where("id = ?", id).Take(&a).Error
	return a, wrap("billing account", err)
}
