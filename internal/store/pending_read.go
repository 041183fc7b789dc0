package store

import (
	"context"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// pendingDay is one row of pending_days: a profile's unbilled day (pending_days.go).
type pendingDay struct {
	date                                string
	eligible, ineligible, credit, debit int64
}

// pendingDays reads the profiles' unbilled days up to today, by profile and in date order: one
// row per day, one query in all.
func (s *Store) pendingDays(ctx context.Context, profileIDs []int64, today string) (map[int64][]pendingDay, error) {
	rows, err := s.conn(ctx).Raw(`SELECT billing_profile_id, date, eligible, ineligible, credit, debit FROM pending_days
		WHERE billing_profile_id IN ? AND date <= ? ORDER BY billing_profile_id, date`, profileIDs, today).Rows()
	if err != nil {
		return nil, wrap("pending days", err)
	}
	defer rows.Close()
	out := make(map[int64][]pendingDay, len(profileIDs))
	for rows.Next() {
		var id int64
		var d pendingDay
		if err := rows.Scan(&id, &d.date, &d.eligible, &d.ineligible, &d.credit, &d.debit); err != nil {
			return nil, wrap("pending days", err)
		}
		out[id] = append(out[id], d)
	}
	return out, wrap("pending days", rows.Err())
}

// dayCharges turns unbilled days into the ledger's charges: a day's eligible and ineligible
// totals, which the ledger burns as it would the charges one by one (ledger.Summarize).
func dayCharges(days []pendingDay, currency string) []ledger.Charge {
	out := make([]ledger.Charge, 0, 2*len(days))
	for _, d := range days {
		date := mustDate(d.date)
		if d.eligible != 0 {
			out = append(out, ledger.Charge{ID: dayChargeID(d.date, true), Date: date, Amount: amount(d.eligible),
				Currency: currency, Eligible: true})
		}
		if d.ineligible != 0 {
			out = append(out, ledger.Charge{ID: dayChargeID(d.date, false), Date: date, Amount: amount(d.ineligible),
				Currency: currency})
		}
	}
	return out
}

// dayAdjustments turns unbilled days into the ledger's adjustments, a day's credits as one and
// its debits as another, and lists the days that have both. The balance is the same as with the
// adjustments one by one: every credit of a day lands on the same lot (the valid one that burns
// last, whatever the balances), and debits are taken in burn order, where taking two amounts in
// turn takes what their sum takes. A day with both needs its adjustments in their own order.
func dayAdjustments(days []pendingDay, currency string) (adjs []ledger.Adjustment, mixed []string) {
	for _, d := range days {
		switch {
		case d.credit != 0 && d.debit != 0:
			mixed = append(mixed, d.date)
		case d.credit != 0:
			adjs = append(adjs, ledger.Adjustment{ID: d.date + "|credit", Date: mustDate(d.date), Amount: amount(d.credit),
				Currency: currency, Description: "Adjustments"})
		case d.debit != 0:
			adjs = append(adjs, ledger.Adjustment{ID: d.date + "|debit", Date: mustDate(d.date), Amount: amount(d.debit),
				Currency: currency, Description: "Adjustments"})
		}
	}
	return adjs, mixed
}

// summedAdjustments returns the adjustments of the profiles' unbilled days, by profile, summed
// per day and sign (dayAdjustments), and one by one on the rare days that have both credits and
// debits: one query for those days, none without.
func (s *Store) summedAdjustments(ctx context.Context, ps []BillingProfile, days map[int64][]pendingDay) (map[int64][]ledger.Adjustment, error) {
	adjs := make(map[int64][]ledger.Adjustment, len(ps))
	mixed := map[int64]map[string]bool{}
	var mixedIDs []int64
	var mixedDates []string
	for _, p := range ps {
		a, m := dayAdjustments(days[p.ID], p.Currency)
		adjs[p.ID] = a
		if len(m) > 0 {
			mixed[p.ID] = map[string]bool{}
			mixedIDs = append(mixedIDs, p.ID)
			for _, d := range m {
				mixed[p.ID][d] = true
				mixedDates = append(mixedDates, d)
			}
		}
	}
	if len(mixedIDs) == 0 {
		return adjs, nil
	}
	var rows []AdjustmentRow
	err := s.conn(ctx).Select("id, billing_profile_id, date, amount, description").
		Where("billing_profile_id IN ? AND date IN ?", mixedIDs, mixedDates).Order("billing_profile_id, date, id").Find(&rows).Error
	if err != nil {
		return nil, wrap("adjustments of mixed days", err)
	}
	cur := map[int64]string{}
	for _, p := range ps {
		cur[p.ID] = p.Currency
	}
	for _, r := range rows {
		if mixed[r.BillingProfileID][r.Date.String()] {
			adjs[r.BillingProfileID] = append(adjs[r.BillingProfileID], toLedgerAdjustment(r, cur[r.BillingProfileID]))
		}
	}
	return adjs, nil
}
