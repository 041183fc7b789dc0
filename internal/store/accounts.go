package store

import (
	"context"
	"strings"

	"gorm.io/gorm"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/fault"
)

// Change says what a Save method did.
type Change int

// The outcomes of a Save method.
const (
	Unchanged Change = iota
	Created
	Updated
)

// action is the audit action of a change that was made: created, or else updated.
func (c Change) action(created, updated AuditAction) AuditAction {
	if c == Created {
		return created
	}
	return updated
}

// SaveAccount creates the billing account keyed by its name (case-insensitively), or updates the
// display name, agreement type, account type and status of the existing one when they differ, by
// actor, and audits the change (X1).
func (s *Store) SaveAccount(ctx context.Context, actor User, a BillingAccount) (BillingAccount, Change, error) {
	a, change, err := s.saveAccount(ctx, a)
	if err != nil || change == Unchanged {
		return a, change, err
	}
	return a, change, s.audit(ctx, actor, AuditEntry{Action: change.action(AuditAccountCreated, AuditAccountUpdated),
		Scope: Scope{Account: a}.ID(), Target: textOf(a.DisplayName), After: textOf(a.DisplayName)})
}

// saveAccount is SaveAccount without the audit entry.
func (s *Store) saveAccount(ctx context.Context, a BillingAccount) (BillingAccount, Change, error) {
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

// SaveProfile creates the billing profile of account keyed by its name (stored upper-case), or
// updates the named columns of the existing one when they differ, by actor, and audits the
// change (X1).
func (s *Store) SaveProfile(ctx context.Context, actor User, account BillingAccount, p BillingProfile) (BillingProfile, Change, error) {
	p.BillingAccountID = account.ID
	p, change, err := s.saveProfile(ctx, p)
	if err != nil || change == Unchanged {
		return p, change, err
	}
	return p, change, s.audit(ctx, actor, AuditEntry{Action: change.action(AuditProfileCreated, AuditProfileUpdated),
		Scope: Scope{Account: account, Profile: &p}.ID(), Target: textOf(p.DisplayName), After: textOf(p.DisplayName)})
}

// saveProfile is SaveProfile without the audit entry: a sync audits what it changed as a whole.
func (s *Store) saveProfile(ctx context.Context, p BillingProfile) (BillingProfile, Change, error) {
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
		"po_number": p.PONumber, "status": p.Status, "ledger_version": gorm.Expr("ledger_version + 1"),
	}).Error
	p.ID, p.CreatedAt = old.ID, old.CreatedAt
	return p, Updated, wrap("update billing profile", err)
}

// EnsureRole gives user u a role on a scope unless it is already held, by actor, and audits it
// (X1); it reports whether it created the assignment.
func (s *Store) EnsureRole(ctx context.Context, actor, u User, sc Scope, role string) (bool, error) {
	q := s.conn(ctx).Model(&RoleAssignment{}).Where("user_id = ? AND billing_account_id = ? AND role = ?", u.ID, sc.Account.ID, role)
	a := RoleAssignment{UserID: u.ID, BillingAccountID: sc.Account.ID, Role: role, CreatedAt: s.now().UTC()}
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
	if err := wrap("ensure role", s.conn(ctx).Create(&a).Error); err != nil {
		return false, err
	}
	return true, s.audit(ctx, actor, AuditEntry{Action: AuditRoleGranted, Scope: sc.ID(), Target: emailOf(u.Email),
		After: fault.Say(KeyAuditValue, access.Role(role))})
}
