package store

import (
	"context"
	"strings"
)

// Change says what a Save method did.
type Change int

// The outcomes of a Save method.
const (
	Unchanged Change = iota
	Created
	Updated
)

// SaveAccount creates the billing account keyed by its name (case-insensitively), or updates the
// display name, agreement type, account type and status of the existing one when they differ.
func (s *Store) SaveAccount(ctx context.Context, a BillingAccount) (BillingAccount, Change, error) {
	old, err := s.AccountByName(ctx, a.Name)
	if isNotFound(err) {
		a.CreatedAt = s.now().UTC()
		return a, Created, wrap("create billing account", s.conn(ctx).Create(&a).Error)
	}
	if err != nil {
		return a, Unchanged, err
	}
	if old.DisplayName == a.DisplayName && old.AgreementType == a.AgreementType &&
		old.AccountType == a.AccountType && old.Status == a.Status {
		return old, Unchanged, nil
	}
	err = s.conn(ctx).Model(&BillingAccount{}).Where("id = ?", old.ID).Updates(map[string]any{
		"display_name": a.DisplayName, "agreement_type": a.AgreementType,
		"account_type": a.AccountType, "status": a.Status,
	}).Error
	old.DisplayName, old.AgreementType, old.AccountType, old.Status = a.DisplayName, a.AgreementType, a.AccountType, a.Status
	return old, Updated, wrap("update billing account", err)
}

// SaveProfile creates the billing profile keyed by its account and name (stored upper-case), or
// updates the named columns of the existing one when they differ.
func (s *Store) SaveProfile(ctx context.Context, p BillingProfile) (BillingProfile, Change, error) {
	p.Name = strings.ToUpper(p.Name)
	old, err := s.ProfileByName(ctx, p.BillingAccountID, p.Name)
	if err == nil {
		// Lock the row for the rest of the transaction: a load then states charge totals against
		// it, which must not race an import or a processing run.
		old, err = s.lockProfile(ctx, old.ID)
	}
	if isNotFound(err) {
		p.CreatedAt = s.now().UTC()
		return p, Created, wrap("create billing profile", s.conn(ctx).Create(&p).Error)
	}
	if err != nil {
		return p, Unchanged, err
	}
	if old.DisplayName == p.DisplayName && old.Currency == p.Currency && old.InvoiceDay == p.InvoiceDay &&
		old.PONumber == p.PONumber && old.Status == p.Status {
		return old, Unchanged, nil
	}
	err = s.conn(ctx).Model(&BillingProfile{}).Where("id = ?", old.ID).Updates(map[string]any{
		"display_name": p.DisplayName, "currency": p.Currency, "invoice_day": p.InvoiceDay,
		"po_number": p.PONumber, "status": p.Status,
	}).Error
	p.ID, p.CreatedAt = old.ID, old.CreatedAt
	return p, Updated, wrap("update billing profile", err)
}

// EnsureRole gives a user a role on a scope unless it is already held; it reports whether it
// created the assignment.
func (s *Store) EnsureRole(ctx context.Context, userID int64, sc Scope, role string) (bool, error) {
	q := s.conn(ctx).Model(&RoleAssignment{}).Where("user_id = ? AND billing_account_id = ? AND role = ?", userID, sc.Account.ID, role)
	a := RoleAssignment{UserID: userID, BillingAccountID: sc.Account.ID, Role: role, CreatedAt: s.now().UTC()}
	if sc.Profile == nil {
		q = q.Where("billing_profile_id IS NULL")
	} else {
		q = q.Where("billing_profile_id = ?", sc.Profile.ID)
		a.BillingProfileID = &sc.Profile.ID
	}
	var n int64
	if err := q.Count(&n).Error; err != nil {
		return false, wrap("ensure role", err)
	}
	if n > 0 {
		return false, nil
	}
	return true, wrap("ensure role", s.conn(ctx).Create(&a).Error)
}
