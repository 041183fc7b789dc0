package store

import (
	"context"
	"encoding/json"
	"fmt"

	"gorm.io/gorm"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// The estimate kept (migration 00018): every write of a profile's ledger moves the profile's
// ledger_version in its own transaction (touchLedger), and profile_estimates keeps, per profile,
// the last balance section computed with the business day and the ledger version it was
// computed for. A reader that finds both matching reads one row instead of the live lots and
// the unbilled days; otherwise it computes the section as before and writes it back. The row
// lives in the database, so any number of portals share it.
//
// Why a kept row is never wrong: a reader reads the profile (its version v) before anything the
// computation reads, so what it computes holds every write of version v or later, and it is
// labelled v. A later write moves the version past v before its transaction commits, and from
// then on no reader takes the row labelled v.

// estimateRow is one row of profile_estimates. Events is NULL when the section was computed from
// the summed unbilled days (ProfileBalance): the pending events one by one are then not kept.
type estimateRow struct {
	BillingProfileID         int64 `gorm:"primaryKey;autoIncrement:false"`
	Day                      ledger.Date
	LedgerVersion            int64
	CurrentBalance           money.Amount
	EstimatedBalance         money.Amount
	PendingEligibleCharges   money.Amount
	PendingCreditAdjustments money.Amount
	PendingNewCredit         money.Amount
	CanceledCredit           money.Amount
	ExpiredCredit            money.Amount
	UncoveredCharges         money.Amount
	IneligibleCharges        money.Amount
	HasPendingEvents         bool
	Lots                     string
	Events                   *string
}

// TableName maps estimateRow to its table.
func (estimateRow) TableName() string { return "profile_estimates" }

// keptLot and keptEvent are a summary's lots and events as the row's JSON holds them: amounts in
// micro-units, so they come back exact.
type keptLot struct {
	ID         string      `json:"id"`
	Start      ledger.Date `json:"start"`
	Expiration ledger.Date `json:"expiration"`
	Balance    int64       `json:"balance"`
}

type keptEvent struct {
	Kind          ledger.EventKind `json:"kind"`
	Date          ledger.Date      `json:"date"`
	Description   string           `json:"description,omitempty"`
	Amount        int64            `json:"amount"`
	Balance       int64            `json:"balance"`
	InvoiceNumber string           `json:"invoice,omitempty"`
	LotID         string           `json:"lot,omitempty"`
	AdjustmentID  string           `json:"adjustment,omitempty"`
	Pending       bool             `json:"pending,omitempty"`
}

// touchLedger moves the ledger version of the profiles: every write of what their balance
// section is computed from calls it in the write's transaction, before the write itself, so
// that it takes the profile's row lock first as the processing run does.
func (s *Store) touchLedger(ctx context.Context, profileIDs ...int64) error {
	err := s.conn(ctx).Model(&BillingProfile{}).Where("id IN ?", profileIDs).
		UpdateColumn("ledger_version", gorm.Expr("ledger_version + 1")).Error
	return wrap("move ledger version", err)
}

// freshRow is a profile's ledger state read afresh, joined with its kept balance section of the
// day at that very version (the e_ columns; Kept is false when there is none).
type freshRow struct {
	ID             int64
	Currency       string
	InvoiceDay     int
	NextPeriod     string
	CurrentBalance money.Amount
	LedgerVersion  int64
	Kept           bool
	Estimate       estimateRow // the e_ columns
}

// keptEstimates reads, in one statement, each profile's ledger state as it is now (its version,
// next period, balance as of the last invoice, currency and invoice day) and the section kept
// for today at that version, with its pending events one by one when withEvents. It returns the
// profiles with that state (the rest of each from ps), which a computation must start from and
// label its section with, whatever copy the caller held (a copy read before a write would
// otherwise label a newer section with its older version, or take an older section for
// current), and the kept sections by profile. A profile no longer in the database is returned
// with version 0, so that its section is not kept.
func (s *Store) keptEstimates(ctx context.Context, ps []BillingProfile, today ledger.Date, withEvents bool) ([]BillingProfile, map[int64]section, error) {
	ids := profileIDs(ps)
	// In freshRows's order.
	cols := []string{"current_balance", "estimated_balance", "pending_eligible_charges", "pending_credit_adjustments",
		"pending_new_credit", "canceled_credit", "expired_credit", "uncovered_charges", "ineligible_charges"}
	sel := "p.id, p.currency, p.invoice_day, p.next_period, p.current_balance, p.ledger_version, " +
		"e.billing_profile_id IS NOT NULL AS kept, COALESCE(e.has_pending_events, ?) AS e_has_pending_events, " +
		"COALESCE(e.lots, '') AS e_lots"
	for _, c := range cols {
		sel += ", COALESCE(e." + c + ", 0) AS e_" + c
	}
	if withEvents {
		sel += ", e.events AS e_events"
	}
	rows, err := freshRows(s.conn(ctx).Raw("SELECT "+sel+" FROM billing_profiles AS p LEFT JOIN profile_estimates AS e "+
		"ON e.billing_profile_id = p.id AND e.day = ? AND e.ledger_version = p.ledger_version WHERE p.id IN ?",
		false, today, ids), withEvents)
	if err != nil {
		return nil, nil, wrap("kept estimates", err)
	}
	byID := make(map[int64]freshRow, len(rows))
	for _, r := range rows {
		byID[r.ID] = r
	}
	fresh := make([]BillingProfile, len(ps))
	out := make(map[int64]section, len(rows))
	for i, p := range ps {
		r, ok := byID[p.ID]
		if !ok {
			p.LedgerVersion = 0
			fresh[i] = p
			continue
		}
		p.Currency, p.InvoiceDay, p.NextPeriod, p.CurrentBalance, p.LedgerVersion =
			r.Currency, r.InvoiceDay, r.NextPeriod, r.CurrentBalance, r.LedgerVersion
		fresh[i] = p
		if !r.Kept || (withEvents && r.Estimate.Events == nil) {
			continue
		}
		r.Estimate.BillingProfileID = p.ID
		sum, err := r.Estimate.summary()
		if err != nil {
			return nil, nil, err
		}
		out[p.ID] = sum
	}
	return fresh, out, nil
}

// freshRows runs q, keptEstimates's statement, scanning its columns in their order into the
// rows' fields directly: the account summary reads 50 at every request, and GORM's scanning by
// reflection took a quarter of the statement's time (issue 10).
func freshRows(q *gorm.DB, withEvents bool) ([]freshRow, error) {
	rs, err := q.Rows()
	if err != nil {
		return nil, err
	}
	defer rs.Close()
	var out []freshRow
	for rs.Next() {
		var r freshRow
		e := &r.Estimate
		dest := []any{&r.ID, &r.Currency, &r.InvoiceDay, &r.NextPeriod, &r.CurrentBalance, &r.LedgerVersion, &r.Kept,
			&e.HasPendingEvents, &e.Lots, &e.CurrentBalance, &e.EstimatedBalance, &e.PendingEligibleCharges,
			&e.PendingCreditAdjustments, &e.PendingNewCredit, &e.CanceledCredit, &e.ExpiredCredit, &e.UncoveredCharges,
			&e.IneligibleCharges}
		if withEvents {
			dest = append(dest, &e.Events)
		}
		if err := rs.Scan(dest...); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rs.Err()
}

// summary is the kept balance section, with whether it has pending events; its events are
// there when the row keeps them.
func (r estimateRow) summary() (section, error) {
	sum := ledger.Summary{CurrentBalance: r.CurrentBalance, EstimatedBalance: r.EstimatedBalance,
		PendingEligibleCharges: r.PendingEligibleCharges, PendingCreditAdjustments: r.PendingCreditAdjustments,
		PendingNewCredit: r.PendingNewCredit, CanceledCredit: r.CanceledCredit, ExpiredCredit: r.ExpiredCredit,
		UncoveredCharges: r.UncoveredCharges, IneligibleCharges: r.IneligibleCharges}
	lots, err := decodeKeptLots(r.Lots)
	if err != nil {
		return section{}, fmt.Errorf("store: kept estimate of profile %d: lots: %w", r.BillingProfileID, err)
	}
	if lots != nil {
		sum.Lots = make([]ledger.LotBalance, len(lots))
		for i, l := range lots {
			sum.Lots[i] = ledger.LotBalance{ID: l.ID, StartDate: l.Start, ExpirationDate: l.Expiration, Balance: money.FromMicros(l.Balance)}
		}
	}
	if r.Events == nil {
		return section{Summary: sum, pending: r.HasPendingEvents}, nil
	}
	var events []keptEvent
	if err := json.Unmarshal([]byte(*r.Events), &events); err != nil {
		return section{}, fmt.Errorf("store: kept estimate of profile %d: events: %w", r.BillingProfileID, err)
	}
	if events != nil {
		sum.Events = make([]ledger.Event, len(events))
		for i, e := range events {
			sum.Events[i] = ledger.Event{Kind: e.Kind, Date: e.Date, Description: e.Description, Amount: money.FromMicros(e.Amount),
				Balance: money.FromMicros(e.Balance), InvoiceNumber: e.InvoiceNumber, LotID: e.LotID, AdjustmentID: e.AdjustmentID,
				Pending: e.Pending}
		}
	}
	return section{Summary: sum, pending: r.HasPendingEvents}, nil
}

// estimateOf is the row that keeps a profile's balance section computed on today at its ledger
// version; withEvents: its events are the pending events one by one, and are kept.
func estimateOf(p BillingProfile, today ledger.Date, sec section, withEvents bool) (estimateRow, error) {
	sum := sec.Summary
	r := estimateRow{BillingProfileID: p.ID, Day: today, LedgerVersion: p.LedgerVersion, CurrentBalance: sum.CurrentBalance,
		EstimatedBalance: sum.EstimatedBalance, PendingEligibleCharges: sum.PendingEligibleCharges,
		PendingCreditAdjustments: sum.PendingCreditAdjustments, PendingNewCredit: sum.PendingNewCredit,
		CanceledCredit: sum.CanceledCredit, ExpiredCredit: sum.ExpiredCredit, UncoveredCharges: sum.UncoveredCharges,
		IneligibleCharges: sum.IneligibleCharges, HasPendingEvents: sec.pending}
	var lots []keptLot
	if sum.Lots != nil {
		lots = make([]keptLot, len(sum.Lots))
		for i, l := range sum.Lots {
			lots[i] = keptLot{ID: l.ID, Start: l.StartDate, Expiration: l.ExpirationDate, Balance: l.Balance.Micros()}
		}
	}
	b, err := json.Marshal(lots)
	if err != nil {
		return r, fmt.Errorf("store: keep estimate: %w", err)
	}
	r.Lots = string(b)
	if !withEvents {
		return r, nil
	}
	var events []keptEvent
	if sum.Events != nil {
		events = make([]keptEvent, len(sum.Events))
		for i, e := range sum.Events {
			events[i] = keptEvent{Kind: e.Kind, Date: e.Date, Description: e.Description, Amount: e.Amount.Micros(),
				Balance: e.Balance.Micros(), InvoiceNumber: e.InvoiceNumber, LotID: e.LotID, AdjustmentID: e.AdjustmentID, Pending: e.Pending}
		}
	}
	if b, err = json.Marshal(events); err != nil {
		return r, fmt.Errorf("store: keep estimate: %w", err)
	}
	text := string(b)
	r.Events = &text
	return r, nil
}
