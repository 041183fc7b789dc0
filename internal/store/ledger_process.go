package store

import (
	"context"
	"database/sql"
	"fmt"

	"gorm.io/gorm/clause"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// ProcessResult counts what a processing run did.
type ProcessResult struct {
	Profiles     int // profiles looked at
	Released     int // lots made visible (M15)
	Invoices     int // invoices issued (M9)
	EventsStored int // settled events appended (M13)
}

// Add sums two results.
func (r ProcessResult) Add(o ProcessResult) ProcessResult {
	return ProcessResult{r.Profiles + o.Profiles, r.Released + o.Released, r.Invoices + o.Invoices,
		r.EventsStored + o.EventsStored}
}

// ProcessProfile releases the profile's new lots and issues its due invoices, in one transaction
// with the profile row locked. Expiry and cancellation are part of the invoices (M11, M13), so
// the result does not depend on when or how often it runs.
func (s *Store) ProcessProfile(ctx context.Context, profileID int64, today ledger.Date) (ProcessResult, error) {
	res := ProcessResult{Profiles: 1}
	idle, err := s.idle(ctx, profileID, today)
	if err != nil || idle {
		return res, err
	}
	err = s.Tx(ctx, func(tx *Store) error {
		p, err := tx.lockProfile(ctx, profileID)
		if err != nil {
			return err
		}
		if synced, err := tx.syncedFromAzure(ctx, p.ID); err != nil || synced {
			return err // Azure keeps this profile's ledger: it is synced, never invoiced here
		}
		if err := tx.touchLedger(ctx, p.ID); err != nil {
			return err
		}
		released := tx.conn(ctx).Model(&LotRow{}).Where("billing_profile_id = ? AND released = ?", p.ID, false).
			Update("released", true)
		if released.Error != nil {
			return wrap("release lots", released.Error)
		}
		res.Released = int(released.RowsAffected)
		first, ok, err := tx.firstPeriod(ctx, p)
		if err != nil || !ok {
			return err
		}
		lp, err := ledgerProfile(p, first)
		if err != nil {
			return err
		}
		if p.NextPeriod != "" && !lp.Due(today) {
			return nil // nothing to invoice, and the ledger state is stored already
		}
		for lp.Due(today) {
			r, err := tx.issueInvoice(ctx, p, lp)
			if err != nil {
				return err
			}
			lp = r.Profile
			res.Invoices++
			res.EventsStored += len(r.Events)
			p.EventSeq += int64(len(r.Events))
		}
		if err := tx.settlePendingDays(ctx, p.ID, lp.NextPeriod); err != nil {
			return err
		}
		return tx.saveProfileLedger(ctx, p.ID, lp, p.EventSeq)
	})
	if err != nil {
		return ProcessResult{}, fmt.Errorf("process profile %d: %w", profileID, err)
	}
	return res, nil
}

// idle reports whether processing the profile today would change nothing: it was processed
// before, no invoice is due and no lot awaits release. It reads without a transaction, so the
// hourly run writes nothing for a quiet profile; what arrives meanwhile is for the next run.
func (s *Store) idle(ctx context.Context, id int64, today ledger.Date) (bool, error) {
	var p BillingProfile
	if err := s.conn(ctx).Where("id = ?", id).Take(&p).Error; err != nil {
		return false, fmt.Errorf("process profile %d: %w", id, wrap("billing profile", err))
	}
	if p.NextPeriod == "" {
		return false, nil
	}
	if lp, err := ledgerProfile(p, ledger.Period{}); err != nil || lp.Due(today) {
		return false, err
	}
	var unreleased []int64
	err := s.conn(ctx).Model(&LotRow{}).Where("billing_profile_id = ? AND released = ?", id, false).Limit(1).Pluck("id", &unreleased).Error
	return len(unreleased) == 0, wrap("lots to release", err)
}

// lockProfile reads a profile for update. SQLite transactions already exclude other writers.
func (s *Store) lockProfile(ctx context.Context, id int64) (BillingProfile, error) {
	q := s.conn(ctx)
	if s.dialect == Postgres {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var p BillingProfile
	err := q.Where("id = ?", id).Take(&p).Error
	return p, wrap("lock billing profile", err)
}

// firstPeriod is the month the profile's ledger starts in: its next period once processed,
// otherwise the month of its earliest lot, charge or adjustment; false when it has none.
func (s *Store) firstPeriod(ctx context.Context, p BillingProfile) (ledger.Period, bool, error) {
	if p.NextPeriod != "" {
		period, err := ledger.ParsePeriod(p.NextPeriod)
		return period, err == nil, err
	}
	var earliest sql.NullString
	err := s.conn(ctx).Raw(`SELECT MIN(d) FROM (
		SELECT MIN(start_date) AS d FROM lots WHERE billing_profile_id = ? AND released = ?
		UNION ALL SELECT MIN(date) FROM charges WHERE billing_profile_id = ?
		UNION ALL SELECT MIN(date) FROM adjustments WHERE billing_profile_id = ?) AS dates`, p.ID, true, p.ID, p.ID).
		Row().Scan(&earliest)
	if err != nil {
		return ledger.Period{}, false, wrap("first period", err)
	}
	if !earliest.Valid || earliest.String == "" {
		return ledger.Period{}, false, nil
	}
	d, err := ledger.ParseDate(earliest.String)
	if err != nil {
		return ledger.Period{}, false, fmt.Errorf("store: first period: %w", err)
	}
	return ledger.PeriodOf(d), true, nil
}

// saveProfileLedger stores a profile's ledger state.
func (s *Store) saveProfileLedger(ctx context.Context, id int64, lp ledger.Profile, seq int64) error {
	err := s.conn(ctx).Model(&BillingProfile{}).Where("id = ?", id).Updates(map[string]any{
		"next_period": lp.NextPeriod.String(), "current_balance": lp.CurrentBalance.Micros(), "event_seq": seq,
	}).Error
	return wrap("save profile ledger", err)
}

// invoiceNumber is unique across the installation: period and profile id.
func invoiceNumber(p BillingProfile, period ledger.Period) string {
	return fmt.Sprintf("INV-%04d%02d-%06d", period.Year, int(period.Month), p.ID)
}
