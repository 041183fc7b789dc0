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
// duplicate from a concurrent run. Then each event from the earliest new one on gets its
// balance in the order the pages list events (rebalanceFrom).
func (s *Store) appendEvents(ctx context.Context, profileID, seq int64, events []ledger.Event) error {
	if len(events) == 0 {
		return nil
	}
	rows := make([]EventRow, len(events))
	now := s.now().UTC()
	from := events[0].Date
	for i, e := range events {
		rows[i] = EventRow{BillingProfileID: profileID, Seq: seq + int64(i) + 1, Kind: e.Kind, Date: e.Date,
			Description: e.Description, Amount: e.Amount, Balance: e.Balance,
			InvoiceNumber: e.InvoiceNumber, LotName: e.LotID, CreatedAt: now}
		if e.Date.Before(from) {
			from = e.Date
		}
	}
	if err := s.conn(ctx).CreateInBatches(rows, 500).Error; err != nil {
		return wrap("append events", err)
	}
	return s.rebalanceFrom(ctx, profileID, from)
}

// rebalanceFrom sets the balance of each settled event of the profile dated from on to the
// balance after it in (date, seq) order, the order in which the portal and the API list them
// (M13): the previous event's balance plus its amount. An invoice books the events of its month
// when it is issued, on the invoice day of the next month, and some of them are dated before the
// previous invoice's settled charges: a refund, an expiry or a cancellation in the first days of
// the month. They are listed by their date, so the events listed after them have their balance
// raised or lowered by them; the last one's is still the current balance.
func (s *Store) rebalanceFrom(ctx context.Context, profileID int64, from ledger.Date) error {
	var before []money.Amount
	err := s.conn(ctx).Model(&EventRow{}).Where("billing_profile_id = ? AND date < ?", profileID, from).
		Order("date DESC, seq DESC").Limit(1).Pluck("balance", &before).Error
	if err != nil {
		return wrap("rebalance events", err)
	}
	running := money.Zero
	if len(before) == 1 {
		running = before[0]
	}
	var rows []EventRow
	err = s.conn(ctx).Select("id, amount, balance").Where("billing_profile_id = ? AND date >= ?", profileID, from).
		Order("date, seq").Find(&rows).Error
	if err != nil {
		return wrap("rebalance events", err)
	}
	for _, r := range rows {
		running = running.Add(r.Amount)
		if r.Balance == running {
			continue
		}
		if err := s.conn(ctx).Model(&EventRow{}).Where("id = ?", r.ID).Update("balance", running).Error; err != nil {
			return wrap("rebalance events", err)
		}
	}
	return nil
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
