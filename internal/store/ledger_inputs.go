package store

import (
	"context"
	"strconv"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// liveLots returns the released pending and open lots of the profiles, by profile: the lots the
// ledger still moves. Expired and canceled lots never come back, so this does not grow with
// history.
// It scans the columns the ledger reads straight into a row: the account summary reads the lots
// of 50 profiles on every request, and reflection over every column was most of its cost.
func (s *Store) liveLots(ctx context.Context, profileIDs []int64) (map[int64][]ledger.Lot, error) {
	rows, err := s.conn(ctx).Model(&LotRow{}).Select("billing_profile_id, name, source, currency, original_amount, "+
		"start_date, expiration_date, purchased_date, po_number, state, closed_balance, expired_amount, canceled_on").
		Where("billing_profile_id IN ? AND released = ? AND state IN ?", profileIDs, true, liveStates()).
		Order("billing_profile_id, name").Rows()
	if err != nil {
		return nil, wrap("live lots", err)
	}
	defer rows.Close()
	out := make(map[int64][]ledger.Lot, len(profileIDs))
	for rows.Next() {
		var r LotRow
		if err := rows.Scan(&r.BillingProfileID, &r.Name, &r.Source, &r.Currency, &r.OriginalAmount, &r.StartDate,
			&r.ExpirationDate, &r.PurchasedDate, &r.PONumber, &r.State, &r.ClosedBalance, &r.ExpiredAmount, &r.CanceledOn); err != nil {
			return nil, wrap("live lots", err)
		}
		out[r.BillingProfileID] = append(out[r.BillingProfileID], toLedgerLot(r))
	}
	return out, wrap("live lots", rows.Err())
}

// chargeTotals returns the profiles' charges dated from..to (inclusive, "" for open ends) summed
// per day, product, publisher type and eligibility: one row per key, by profile.
func (s *Store) chargeTotals(ctx context.Context, profileIDs []int64, from, to string) (map[int64][]ledger.Charge, error) {
	type row struct {
		BillingProfileID int64
		Date, Product    string
		PublisherType    string
		Eligible         bool
		Total            int64
	}
	q := s.conn(ctx).Model(&ChargeRow{}).
		Select("billing_profile_id, date, product, publisher_type, eligible, SUM(amount) AS total").
		Where("billing_profile_id IN ?", profileIDs)
	if from != "" {
		q = q.Where("date >= ?", from)
	}
	if to != "" {
		q = q.Where("date <= ?", to)
	}
	var rows []row
	if err := q.Group("billing_profile_id, date, product, publisher_type, eligible").
		Order("billing_profile_id, date, product, publisher_type").Scan(&rows).Error; err != nil {
		return nil, wrap("charge totals", err)
	}
	out := map[int64][]ledger.Charge{}
	for _, r := range rows {
		if r.Total == 0 {
			continue
		}
		out[r.BillingProfileID] = append(out[r.BillingProfileID], ledger.Charge{
			ID: chargeID(r.Date, r.Product, r.PublisherType, r.Eligible), Date: mustDate(r.Date), Amount: amount(r.Total),
			Product: r.Product, Publisher: ledger.PublisherType(r.PublisherType), Eligible: r.Eligible})
	}
	return out, nil
}

// adjustmentsBetween returns the profiles' adjustments dated from..to ("" for open ends).
func (s *Store) adjustmentsBetween(ctx context.Context, profileIDs []int64, from, to string) (map[int64][]ledger.Adjustment, error) {
	q := s.conn(ctx).Where("billing_profile_id IN ?", profileIDs)
	if from != "" {
		q = q.Where("date >= ?", from)
	}
	if to != "" {
		q = q.Where("date <= ?", to)
	}
	var rows []AdjustmentRow
	if err := q.Order("billing_profile_id, date, id").Find(&rows).Error; err != nil {
		return nil, wrap("adjustments", err)
	}
	out := map[int64][]ledger.Adjustment{}
	for _, r := range rows {
		out[r.BillingProfileID] = append(out[r.BillingProfileID], toLedgerAdjustment(r, ""))
	}
	return out, nil
}

// toLedgerAdjustment converts a stored adjustment; its id is its row's.
func toLedgerAdjustment(r AdjustmentRow, currency string) ledger.Adjustment {
	return ledger.Adjustment{ID: "adj-" + strconv.FormatInt(r.ID, 10), Date: r.Date, Amount: r.Amount,
		Currency: currency, Description: r.Description}
}
