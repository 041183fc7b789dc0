package store

import (
	"context"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
)

// firstOpenDate is the first day that is not invoiced yet: data dated before it belongs to a
// closed invoice and can no longer change (X1).
func firstOpenDate(p BillingProfile) string {
	if p.NextPeriod == "" {
		return ""
	}
	return p.NextPeriod + "-01"
}

// nextPeriod is the month the profile's next invoice covers, for a refusal saying so.
func nextPeriod(p BillingProfile) ledger.Period {
	next, _ := ledger.ParsePeriod(p.NextPeriod)
	return next
}

// SaveLot adds a credit lot to a profile, keyed by its name. A lot is a ledger entry: loading it
// again unchanged does nothing, and a lot that differs from the stored one is refused (cancel it
// and add a new lot instead). A new lot is pending until the next processing run (M15). A
// cancellation date (CanceledOn) may be added to a stored lot that is not settled yet; it must
// not fall in a month already invoiced, whose charges it could have changed (X1).
//
// A new lot is audited (X1) as added by actor.
func (s *Store) SaveLot(ctx context.Context, actor User, l LotRow) (Change, error) {
	var old LotRow
	err := s.conn(ctx).Where("billing_profile_id = ? AND name = ?", l.BillingProfileID, l.Name).Take(&old).Error
	if err == nil {
		if old.Source == l.Source && old.OriginalAmount == l.OriginalAmount && old.StartDate == l.StartDate &&
			old.ExpirationDate == l.ExpirationDate && old.PurchasedDate == l.PurchasedDate && old.PONumber == l.PONumber {
			return s.addCancellation(ctx, old, l.CanceledOn)
		}
		return Unchanged, refuse("X1", KeyLotDiffers, fault.ID(l.Name))
	}
	if !isNotFound(wrap("", err)) {
		return Unchanged, wrap("save lot", err)
	}
	if err := s.checkCancellation(ctx, l); err != nil {
		return Unchanged, err
	}
	var other []string
	err = s.conn(ctx).Table("lots AS l").Select("p.name").Joins("JOIN billing_profiles AS p ON p.id = l.billing_profile_id").
		Where("l.name = ? AND l.billing_profile_id <> ? AND p.billing_account_id = (SELECT billing_account_id FROM billing_profiles WHERE id = ?)",
			l.Name, l.BillingProfileID, l.BillingProfileID).Limit(1).Pluck("p.name", &other).Error
	if err != nil {
		return Unchanged, wrap("save lot: name in account", err)
	}
	if len(other) > 0 {
		return Unchanged, refuse("M7", KeyLotNameUsed, fault.ID(l.Name), fault.ID(other[0]))
	}
	if err := s.checkCredit(ctx, l.BillingProfileID, l.OriginalAmount.Micros()); err != nil {
		return Unchanged, err
	}
	sc, err := s.profileScope(ctx, l.BillingProfileID)
	if err != nil {
		return Unchanged, err
	}
	l.State, l.ClosedBalance, l.Released, l.CreatedAt = ledger.LotPending, l.OriginalAmount, false, s.now().UTC()
	err = s.atomic(ctx, func(tx *Store) error {
		if err := tx.touchLedger(ctx, l.BillingProfileID); err != nil {
			return err
		}
		if err := wrap("create lot", tx.conn(ctx).Create(&l).Error); err != nil {
			return err
		}
		return tx.audit(ctx, actor, AuditEntry{Action: AuditLotAdded, Scope: sc.ID(), Target: idOf(l.Name),
			After: fault.Say(KeyAuditLot, fault.Money{Amount: l.OriginalAmount, Currency: l.Currency}, l.StartDate, l.ExpirationDate)})
	})
	if err != nil {
		return Unchanged, err
	}
	return Created, nil
}

// addCancellation gives a stored lot the cancellation date a scenario states, if it has none:
// a cancellation is not an edit of the ledger, the invoices settle it as an event (M13).
func (s *Store) addCancellation(ctx context.Context, old LotRow, on ledger.Date) (Change, error) {
	switch {
	case on.IsZero() || old.CanceledOn == on:
		return Unchanged, nil
	case !old.CanceledOn.IsZero():
		return Unchanged, refuse("X1", KeyLotCanceledAlready, fault.ID(old.Name), old.CanceledOn)
	case !old.State.Live():
		return Unchanged, refuse("M8", KeyLotExpired, fault.ID(old.Name))
	}
	old.CanceledOn = on
	if err := s.checkCancellation(ctx, old); err != nil {
		return Unchanged, err
	}
	err := s.atomic(ctx, func(tx *Store) error {
		if err := tx.touchLedger(ctx, old.BillingProfileID); err != nil {
			return err
		}
		return wrap("cancel lot", tx.conn(ctx).Model(&LotRow{}).Where("id = ?", old.ID).Update("canceled_on", on).Error)
	})
	if err != nil {
		return Unchanged, err
	}
	return Updated, nil
}

// checkCancellation refuses a cancellation date in a month already invoiced: the lot could have
// paid charges of that month dated from it on, which can no longer change (X1).
func (s *Store) checkCancellation(ctx context.Context, l LotRow) error {
	if l.CanceledOn.IsZero() {
		return nil
	}
	var p BillingProfile
	if err := s.conn(ctx).Where("id = ?", l.BillingProfileID).Take(&p).Error; err != nil {
		return wrap("lot cancellation: billing profile", err)
	}
	if open := firstOpenDate(p); open != "" && l.CanceledOn.String() < open {
		return refuse("X1", KeyClosedCancellation, fault.ID(l.Name), l.CanceledOn, nextPeriod(p))
	}
	return nil
}

// SaveAdjustment records an adjustment unless the same one (date, amount, description) exists,
// and adds it to its pending day in the same transaction.
func (s *Store) SaveAdjustment(ctx context.Context, p BillingProfile, a AdjustmentRow) (Change, error) {
	var n int64
	err := s.conn(ctx).Model(&AdjustmentRow{}).
		Where("billing_profile_id = ? AND date = ? AND amount = ? AND description = ?", p.ID, a.Date, a.Amount, a.Description).
		Count(&n).Error
	if err != nil {
		return Unchanged, wrap("find adjustment", err)
	}
	if n > 0 {
		return Unchanged, nil
	}
	if open := firstOpenDate(p); open != "" && a.Date.String() < open {
		return Unchanged, refuse("X1", KeyClosedAdjustment, a.Date, nextPeriod(p))
	}
	if err := s.checkAdjustmentMonth(ctx, p.ID, a.Date, a.Amount); err != nil {
		return Unchanged, err
	}
	a.BillingProfileID, a.CreatedAt = p.ID, s.now().UTC()
	err = s.atomic(ctx, func(tx *Store) error {
		if err := tx.touchLedger(ctx, p.ID); err != nil {
			return err
		}
		if err := tx.conn(ctx).Create(&a).Error; err != nil {
			return wrap("create adjustment", err)
		}
		return tx.addPendingAdjustment(ctx, a)
	})
	if err != nil {
		return Unchanged, err
	}
	return Created, nil
}

// profileScope is the scope of the billing profile with the given id, as its audit entries
// name it: the account's and the profile's names, read in one query.
func (s *Store) profileScope(ctx context.Context, profileID int64) (Scope, error) {
	var names struct{ Account, Profile string }
	err := s.conn(ctx).Table("billing_profiles AS p").Select("a.name AS account, p.name AS profile").
		Joins("JOIN billing_accounts AS a ON a.id = p.billing_account_id").Where("p.id = ?", profileID).Take(&names).Error
	if err != nil {
		return Scope{}, wrap("profile scope", err)
	}
	return Scope{Account: BillingAccount{Name: names.Account}, Profile: &BillingProfile{ID: profileID, Name: names.Profile}}, nil
}
