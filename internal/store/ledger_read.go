package store

import (
	"context"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// ProfileSummary is the balance section of a profile (M12) with its pending events, each
// pending adjustment its own (the transactions list, the API's pending events): the live lots,
// the unbilled days' charge totals and the unbilled adjustments, or the section kept for today
// and the profile's ledger version (estimates.go). Its cost does not grow with history.
func (s *Store) ProfileSummary(ctx context.Context, p BillingProfile, today ledger.Date) (ledger.Summary, error) {
	secs, err := s.summaries(ctx, []BillingProfile{p}, today, true)
	return secs[p.ID].Summary, err
}

// ProfileBalance is the balance section of a profile (M12) without its events, from the
// section kept for today (estimates.go) or else its maintained unbilled days (pending_days.go):
// the same balances, lots and amounts as ProfileSummary; pending reports whether it has any
// pending event.
func (s *Store) ProfileBalance(ctx context.Context, p BillingProfile, today ledger.Date) (sum ledger.Summary, pending bool, err error) {
	secs, err := s.summaries(ctx, []BillingProfile{p}, today, false)
	return secs[p.ID].Summary, secs[p.ID].pending, err
}

// section is a profile's balance section and whether it has pending events; its Events are
// the pending events one by one when asked for, nil otherwise. synced: Azure keeps the
// profile's ledger (azure_read.go).
type section struct {
	ledger.Summary
	pending bool
	synced  bool
}

// summaries computes the balance section of several profiles in a constant number of queries:
// each profile's ledger state as it is now with the section kept for today at that version (one
// query: the caller's copies of the profiles may be older), then for the others, from that
// state, the live lots, the unbilled days, and the adjustments one by one when withEvents
// (otherwise only those of the rare days that have both credits and debits), which it keeps
// for the next reader when the write lock is free (keepEstimates). Profiles synced from Azure
// are Azure's (azure_read.go), never kept.
func (s *Store) summaries(ctx context.Context, ps []BillingProfile, today ledger.Date, withEvents bool) (map[int64]section, error) {
	fresh, out, err := s.keptEstimates(ctx, ps, today, withEvents)
	if err != nil {
		return nil, err
	}
	var rest []BillingProfile
	for _, p := range fresh {
		if _, kept := out[p.ID]; !kept {
			rest = append(rest, p)
		}
	}
	if len(rest) == 0 {
		return out, nil
	}
	synced, err := s.syncedSummaries(ctx, rest, today) // Azure keeps these (azure_read.go)
	if err != nil {
		return nil, err
	}
	var local []BillingProfile
	for _, p := range rest {
		if sum, ok := synced[p.ID]; ok {
			sec := sectionOf(sum, withEvents)
			sec.synced = true
			out[p.ID] = sec
		} else {
			local = append(local, p)
		}
	}
	if len(local) == 0 {
		return out, nil
	}
	computed, err := s.computeSummaries(ctx, local, today, withEvents)
	if err != nil {
		return nil, err
	}
	keep := make([]estimateRow, 0, len(local))
	for _, p := range local {
		sec := computed[p.ID]
		out[p.ID] = sec
		if p.LedgerVersion == 0 {
			continue // no longer in the database: not kept
		}
		row, err := estimateOf(p, today, sec, withEvents)
		if err != nil {
			return nil, err
		}
		keep = append(keep, row)
	}
	s.keepEstimates(ctx, keep)
	return out, nil
}

// sectionOf is a computed summary as a section, its events left out unless withEvents.
func sectionOf(sum ledger.Summary, withEvents bool) section {
	sec := section{Summary: sum, pending: len(sum.Events) > 0}
	if !withEvents {
		sec.Events = nil
	}
	return sec
}

// profileIDs lists the ids of the profiles, in their order.
func profileIDs(ps []BillingProfile) []int64 {
	ids := make([]int64, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	return ids
}

// computeSummaries computes the balance sections of the profiles, none synced, from the live
// lots and the unbilled days.
func (s *Store) computeSummaries(ctx context.Context, ps []BillingProfile, today ledger.Date, withEvents bool) (map[int64]section, error) {
	ids := profileIDs(ps)
	lots, err := s.liveLots(ctx, ids)
	if err != nil {
		return nil, err
	}
	days, err := s.pendingDays(ctx, ids, today.String())
	if err != nil {
		return nil, err
	}
	var adjs map[int64][]ledger.Adjustment
	if withEvents {
		adjs, err = s.pendingAdjustments(ctx, ps, today)
	} else {
		adjs, err = s.summedAdjustments(ctx, ps, days)
	}
	if err != nil {
		return nil, err
	}
	out := make(map[int64]section, len(ps))
	for _, p := range ps {
		charges := dayCharges(days[p.ID], p.Currency)
		lp, err := ledgerProfile(p, unprocessedFirst(today, charges, adjs[p.ID]))
		if err != nil {
			return nil, err
		}
		sum, err := ledger.Summarize(ledger.SummaryInput{Profile: lp, Lots: lots[p.ID], Now: today,
			Charges: charges, Adjustments: adjs[p.ID]})
		if err != nil {
			return nil, err
		}
		out[p.ID] = sectionOf(sum, withEvents)
	}
	return out, nil
}

// pendingAdjustments returns the profiles' unbilled adjustments up to today one by one, by
// profile.
func (s *Store) pendingAdjustments(ctx context.Context, ps []BillingProfile, today ledger.Date) (map[int64][]ledger.Adjustment, error) {
	from := firstOpenDate(ps[0]) // the earliest open day of all; "" (all) once one was never processed
	for _, p := range ps {
		if open := firstOpenDate(p); open == "" || open < from {
			from = open
		}
	}
	adjs, err := s.adjustmentsBetween(ctx, profileIDs(ps), from, today.String())
	if err != nil {
		return nil, err
	}
	for _, p := range ps {
		open := firstOpenDate(p)
		adjs[p.ID] = withAdjCurrency(since(adjs[p.ID], open, func(a ledger.Adjustment) ledger.Date { return a.Date }), p.Currency)
	}
	return adjs, nil
}

// since keeps the items dated on or after open ("" keeps all): with several profiles queried
// together, each keeps only what its own next invoice covers.
func since[T any](items []T, open string, date func(T) ledger.Date) []T {
	if open == "" {
		return items
	}
	var out []T
	for _, it := range items {
		if date(it).String() >= open {
			out = append(out, it)
		}
	}
	return out
}

// PendingLots lists the lots added since the last processing run, not yet visible (M15).
func (s *Store) PendingLots(ctx context.Context, profileID int64) ([]LotRow, error) {
	var rows []LotRow
	err := s.conn(ctx).Where("billing_profile_id = ? AND released = ?", profileID, false).Order("start_date, name").Find(&rows).Error
	return rows, wrap("pending lots", err)
}

// ProfileLedger is one row of the billing-account summary (M14).
type ProfileLedger struct {
	Profile    BillingProfile
	Summary    ledger.Summary // without its events
	ActiveLots int
	NextExpiry ledger.Date // zero when no live lot expires
	// NextExpiring is the estimated balance of the live lots that expire on NextExpiry.
	NextExpiring money.Amount
	// Synced: Azure keeps the profile's ledger; the portal reads such a profile afresh each time.
	Synced bool
}

// ProfileLedgers summarises the profiles (an account's, ProfilesOfAccount) in a constant number
// of queries, as ProfileBalance does: one row each while their ledgers and the day stay.
func (s *Store) ProfileLedgers(ctx context.Context, ps []BillingProfile, today ledger.Date) ([]ProfileLedger, error) {
	if len(ps) == 0 {
		return nil, nil
	}
	secs, err := s.summaries(ctx, ps, today, false)
	if err != nil {
		return nil, err
	}
	out := make([]ProfileLedger, len(ps))
	for i, p := range ps {
		pl := ProfileLedger{Profile: p, Summary: secs[p.ID].Summary, Synced: secs[p.ID].synced}
		for _, l := range pl.Summary.Lots {
			if l.Balance.IsPositive() && !l.StartDate.After(today) {
				pl.ActiveLots++
				switch {
				case pl.NextExpiry.IsZero() || l.ExpirationDate.Before(pl.NextExpiry):
					pl.NextExpiry, pl.NextExpiring = l.ExpirationDate, l.Balance
				case l.ExpirationDate == pl.NextExpiry:
					pl.NextExpiring = pl.NextExpiring.Add(l.Balance)
				}
			}
		}
		out[i] = pl
	}
	return out, nil
}

// EligibleDaily returns the profile's credit-eligible charges per day from..to, and the date of
// its first charge (zero if none), for the runway forecast: one daily total per day.
func (s *Store) EligibleDaily(ctx context.Context, profileID int64, from, to ledger.Date) ([]ledger.DayAmount, ledger.Date, error) {
	// One statement: the profile's first charge day, then the eligible totals of the days asked
	// for (the first row is told apart by its kind).
	rows, err := s.conn(ctx).Raw(`SELECT 0 AS k, x.date, 0 AS amount FROM
			(SELECT date FROM charge_days WHERE billing_profile_id = ? ORDER BY date LIMIT 1) AS x
		UNION ALL
		SELECT 1, y.date, y.amount FROM
			(SELECT date, amount FROM charge_days WHERE billing_profile_id = ? AND eligible = ? AND date BETWEEN ? AND ?) AS y
		ORDER BY 1, 2`, profileID, profileID, true, from, to).Rows()
	if err != nil {
		return nil, ledger.Date{}, wrap("eligible daily", err)
	}
	defer rows.Close()
	var days []ledger.DayAmount
	var first ledger.Date
	for rows.Next() {
		var k int
		var d ledger.DayAmount
		if err := rows.Scan(&k, &d.Date, &d.Amount); err != nil {
			return nil, ledger.Date{}, wrap("eligible daily", err)
		}
		if k == 0 {
			first = d.Date
		} else {
			days = append(days, d)
		}
	}
	return days, first, wrap("eligible daily", rows.Err())
}

// AccountSummaries is ProfileSummary for every profile of an account, by profile id, in a
// constant number of queries.
func (s *Store) AccountSummaries(ctx context.Context, accountID int64, today ledger.Date) (map[int64]ledger.Summary, error) {
	ps, err := s.ProfilesOfAccount(ctx, accountID)
	if err != nil || len(ps) == 0 {
		return nil, err
	}
	secs, err := s.summaries(ctx, ps, today, true)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]ledger.Summary, len(secs))
	for id, sec := range secs {
		out[id] = sec.Summary
	}
	return out, nil
}

// Invoices lists a profile's invoices, newest first.
func (s *Store) Invoices(ctx context.Context, profileID int64) ([]InvoiceRow, error) {
	var rows []InvoiceRow
	err := s.conn(ctx).Where("billing_profile_id = ?", profileID).Order("period DESC").Find(&rows).Error
	return rows, wrap("invoices", err)
}

// InvoiceAllocation is an allocation of an invoice with the source of the lot that paid it.
type InvoiceAllocation struct {
	AllocationRow
	LotSource ledger.Source
}

// InvoiceByNumber returns a profile's invoice by its number.
func (s *Store) InvoiceByNumber(ctx context.Context, profileID int64, number string) (InvoiceRow, error) {
	var inv InvoiceRow
	err := s.conn(ctx).Where("billing_profile_id = ? AND number = ?", profileID, number).Take(&inv).Error
	return inv, wrap("invoice by number", err)
}

// InvoiceLot is the credit one lot applied to an invoice, with the lot's source and expiration.
type InvoiceLot struct {
	Name           string
	Source         ledger.Source
	ExpirationDate ledger.Date
	Amount         money.Amount
}

// InvoiceLots sums an invoice's allocations lot by lot, in the order the lots first appear among
// the allocations as InvoiceByNumber lists them.
func (s *Store) InvoiceLots(ctx context.Context, profileID int64, inv InvoiceRow) ([]InvoiceLot, error) {
	var rows []InvoiceLot
	err := s.conn(ctx).Raw(`SELECT a.lot_name AS name, COALESCE(l.source, '') AS source,
		COALESCE(l.expiration_date, '') AS expiration_date, CAST(SUM(a.amount) AS BIGINT) AS amount
		FROM (SELECT lot_name, amount, ROW_NUMBER() OVER (ORDER BY date, product, lot_name, id) AS rn
			FROM invoice_allocations WHERE invoice_id = ?) AS a
		LEFT JOIN lots AS l ON l.billing_profile_id = ? AND l.name = a.lot_name
		GROUP BY a.lot_name, l.source, l.expiration_date ORDER BY MIN(a.rn)`, inv.ID, profileID).Scan(&rows).Error
	return rows, wrap("invoice lots", err)
}

// unprocessedFirst is the month a never-processed profile's ledger would start in for its
// estimate: the month of its earliest pending charge or adjustment, or today's month. A
// processed profile's own next period overrides it (ledgerProfile).
func unprocessedFirst(today ledger.Date, charges []ledger.Charge, adjs []ledger.Adjustment) ledger.Period {
	earliest := today
	for _, c := range charges {
		if c.Date.Before(earliest) {
			earliest = c.Date
		}
	}
	for _, a := range adjs {
		if a.Date.Before(earliest) {
			earliest = a.Date
		}
	}
	return ledger.PeriodOf(earliest)
}
