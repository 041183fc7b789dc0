package store

import (
	"context"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// issueInvoice issues the invoice of lp.NextPeriod from the live lots and that month's charges
// and adjustments, and stores the invoice, its allocations, the changed lots and the new events.
func (s *Store) issueInvoice(ctx context.Context, p BillingProfile, lp ledger.Profile) (ledger.InvoiceResult, error) {
	period := lp.NextPeriod
	lots, err := s.liveLots(ctx, []int64{p.ID})
	if err != nil {
		return ledger.InvoiceResult{}, err
	}
	from, to := period.First().String(), period.Last().String()
	charges, err := s.chargeTotals(ctx, []int64{p.ID}, from, to)
	if err != nil {
		return ledger.InvoiceResult{}, err
	}
	adjs, err := s.adjustmentsBetween(ctx, []int64{p.ID}, from, to)
	if err != nil {
		return ledger.InvoiceResult{}, err
	}
	r, err := ledger.IssueInvoice(ledger.InvoiceInput{Profile: lp, Number: invoiceNumber(p, period),
		Lots: lots[p.ID], Charges: withCurrency(charges[p.ID], p.Currency), Adjustments: withAdjCurrency(adjs[p.ID], p.Currency)})
	if err != nil {
		return r, err
	}
	inv := r.Invoice
	row := InvoiceRow{BillingProfileID: p.ID, Number: inv.Number, Period: inv.Period, IssueDate: inv.IssueDate,
		InvoiceTotals: inv.InvoiceTotals, CreatedAt: s.now().UTC()}
	if err := s.conn(ctx).Create(&row).Error; err != nil {
		return r, wrap("create invoice", err)
	}
	if err := s.saveAllocations(ctx, row.ID, charges[p.ID], inv.Allocations); err != nil {
		return r, err
	}
	if err := s.saveLotStates(ctx, p.ID, r.Lots); err != nil {
		return r, err
	}
	return r, s.appendEvents(ctx, p.ID, p.EventSeq, r.Events)
}

func (s *Store) saveAllocations(ctx context.Context, invoiceID int64, charges []ledger.Charge, allocs []ledger.Allocation) error {
	if len(allocs) == 0 {
		return nil
	}
	byID := make(map[string]ledger.Charge, len(charges))
	for _, c := range charges {
		byID[c.ID] = c
	}
	rows := make([]AllocationRow, len(allocs))
	for i, a := range allocs {
		c := byID[a.ChargeID]
		rows[i] = AllocationRow{InvoiceID: invoiceID, ChargeKey: a.ChargeID, Date: c.Date, Product: c.Product,
			LotName: a.LotID, Amount: a.Amount}
	}
	return wrap("save allocations", s.conn(ctx).CreateInBatches(rows, 500).Error)
}

// saveLotStates writes the ledger columns of the lots an invoice changed.
func (s *Store) saveLotStates(ctx context.Context, profileID int64, lots []ledger.Lot) error {
	for _, l := range lots {
		err := s.conn(ctx).Model(&LotRow{}).Where("billing_profile_id = ? AND name = ?", profileID, l.ID).Updates(map[string]any{
			"state": string(l.State), "closed_balance": l.ClosedBalance.Micros(), "expired_amount": l.ExpiredAmount.Micros(),
		}).Error
		if err != nil {
			return wrap("save lot state", err)
		}
	}
	return nil
}

// appendEvents stores settled events after seq; the unique (profile, seq) index refuses a
// duplicate from a concurrent run. Then every event of the profile gets its balance in the
// order the pages list events (rebalance).
func (s *Store) appendEvents(ctx context.Context, profileID, seq int64, events []ledger.Event) error {
	if len(events) == 0 {
		return nil
	}
	rows := make([]EventRow, len(events))
	now := s.now().UTC()
	for i, e := range events {
		rows[i] = EventRow{BillingProfileID: profileID, Seq: seq + int64(i) + 1, Kind: e.Kind, Date: e.Date,
			Description: e.Description, Amount: e.Amount, Balance: e.Balance,
			InvoiceNumber: e.InvoiceNumber, LotName: e.LotID, CreatedAt: now}
	}
	if err := s.conn(ctx).CreateInBatches(rows, 500).Error; err != nil {
		return wrap("append events", err)
	}
	return s.rebalance(ctx, profileID)
}

// rebalanceSQL sets the balance of each settled event of a profile (the one parameter) to the
// balance after it in (date, seq) order, from an opening balance of 0, writing only the rows
// whose balance changes. Migration 00026 applies the same sum to the events stored before it.
const rebalanceSQL = `UPDATE ledger_events SET balance = r.running
FROM (SELECT id, SUM(amount) OVER (ORDER BY date, seq) AS running FROM ledger_events WHERE billing_profile_id = ?) AS r
WHERE ledger_events.id = r.id AND ledger_events.balance <> r.running`

// rebalance gives each settled event of the profile the balance after it in (date, seq) order,
// the order in which the portal and the API list events (M13): the previous event's balance
// plus its amount, the last one's the current balance. An invoice books its month's events when
// it is issued, on the invoice day of the next month, and some are dated before the previous
// invoice's settled charges (a refund, an expiry or a cancellation early in the month), or long
// before (the new credit of a lot loaded late with a past start date). Listed by their date,
// they move the balances of the events listed after them. The whole profile is summed in one
// statement (a few events a month), so a balance an older binary stored in booking order is
// set right too.
func (s *Store) rebalance(ctx context.Context, profileID int64) error {
	return wrap("rebalance events", s.conn(ctx).Exec(rebalanceSQL, profileID).Error)
}

func withCurrency(cs []ledger.Charge, currency string) []ledger.Charge {
	for i := range cs {
		cs[i].Currency = currency
	}
	return cs
}

func withAdjCurrency(as []ledger.Adjustment, currency string) []ledger.Adjustment {
	for i := range as {
		as[i].Currency = currency
	}
	return as
}

// amount converts stored micro-units.
func amount(micros int64) money.Amount { return money.FromMicros(micros) }
