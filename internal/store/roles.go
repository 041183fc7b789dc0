package store

import (
	"context"
	"fmt"

	"gorm.io/gorm/clause"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/password"
)

// Scope identifies a billing account, or one of its profiles when Profile is not nil.
type Scope struct {
	Account BillingAccount
	Profile *BillingProfile
}

// Kind is the access kind of the scope.
func (sc Scope) Kind() access.Kind {
	if sc.Profile != nil {
		return access.Profile
	}
	return access.Account
}

// ID is the ARM resource id of the scope, used in the audit log and to remember the last scope.
func (sc Scope) ID() string {
	id := "/providers/Microsoft.Billing/billingAccounts/" + sc.Account.Name
	if sc.Profile != nil {
		id += "/billingProfiles/" + sc.Profile.Name
	}
	return id
}

// reachesScope is the SQL condition of M3's inheritance, the one place it is written: a role
// assignment aliased r reaches the scope whose account id and profile id are the SQL expressions
// account and profile ("" for an account scope) when it is on that account itself, or on that
// profile. GrantsOn, AssignmentsOn, ScopeGrants and the scopes picker all read roles through it.
// account and profile are SQL text pasted as it is: column names or "?", never input.
func reachesScope(account, profile string) string {
	c := "r.billing_account_id = " + account + " AND "
	if profile == "" {
		return c + "r.billing_profile_id IS NULL"
	}
	return c + "(r.billing_profile_id IS NULL OR r.billing_profile_id = " + profile + ")"
}

// scopeArgs are the arguments of reachesScope("?", "?") for a scope, or of reachesScope("?", "")
// for an account, and the profile placeholder to pass it.
func scopeArgs(sc Scope) (profile string, args []any) {
	if sc.Profile == nil {
		return "", []any{sc.Account.ID}
	}
	return "?", []any{sc.Account.ID, sc.Profile.ID}
}

// GrantsOn returns what a user holds on a scope, directly or inherited from its account (M3).
func (s *Store) GrantsOn(ctx context.Context, userID int64, sc Scope) (access.Grants, error) {
	var rows []RoleAssignment
	profile, args := scopeArgs(sc)
	q := s.conn(ctx).Table("role_assignments AS r").Where("r.user_id = ?", userID).Where(reachesScope("?", profile), args...)
	if err := q.Find(&rows).Error; err != nil {
		return nil, wrap("grants on scope", err)
	}
	return grantsFrom(sc, rows), nil
}

// grantsFrom is what the role assignments rows give on a scope: those on its account, inherited
// by its profiles, and those on the profile itself (M3). Rows of other scopes count for nothing.
func grantsFrom(sc Scope, rows []RoleAssignment) access.Grants {
	var onAccount, onProfile []access.Role
	for _, r := range rows {
		switch {
		case r.BillingAccountID != sc.Account.ID:
		case r.BillingProfileID == nil:
			onAccount = append(onAccount, access.Role(r.Role))
		case sc.Profile != nil && *r.BillingProfileID == sc.Profile.ID:
			onProfile = append(onProfile, access.Role(r.Role))
		}
	}
	return access.Effective(sc.Kind(), onAccount, onProfile)
}

// AssignmentRow is a role assignment on a scope as the Access control page lists it.
type AssignmentRow struct {
	ID        int64
	UserEmail string
	UserName  string
	Role      access.Role
	Inherited bool // held on the billing account, shown on the profile, removable only there
}

// AssignmentsOn lists the role assignments that reach a scope, inherited ones included, ordered
// by email, then assignment; one query.
func (s *Store) AssignmentsOn(ctx context.Context, sc Scope) ([]AssignmentRow, error) {
	type row struct {
		ID               int64
		Email            string
		Name             string
		Role             string
		BillingProfileID *int64
	}
	var rows []row
	profile, args := scopeArgs(sc)
	q := s.conn(ctx).Table("role_assignments AS r").
		Select("r.id, u.email, u.name, r.role, r.billing_profile_id").
		Joins("JOIN users AS u ON u.id = r.user_id").
		Where(reachesScope("?", profile), args...)
	if err := q.Order("u.email, r.id").Scan(&rows).Error; err != nil {
		return nil, wrap("assignments on scope", err)
	}
	out := make([]AssignmentRow, len(rows))
	for i, r := range rows {
		out[i] = AssignmentRow{ID: r.ID, UserEmail: r.Email, UserName: r.Name, Role: access.Role(r.Role),
			Inherited: sc.Profile != nil && r.BillingProfileID == nil}
	}
	return out, nil
}

// GrantRole gives the user with email the role on a scope and records it in the audit log, in
// one transaction. An email without an account gets one, without a usable password (named by
// the email, for an invitation to complete), and created reports it. A role already held is
// fault.Invalid naming the field.
func (s *Store) GrantRole(ctx context.Context, actor User, sc Scope, email string, role access.Role) (u User, created bool, err error) {
	err = s.Tx(ctx, func(tx *Store) error {
		if err := tx.lockAccount(ctx, sc.Account.ID); err != nil { // one direct role per user and scope
			return err
		}
		var err error
		u, created, err = tx.userOrInvitee(ctx, actor, email)
		if err != nil {
			return err
		}
		held, err := tx.AssignmentsOn(ctx, sc)
		if err != nil {
			return err
		}
		for _, h := range held {
			if h.UserEmail == u.Email && !h.Inherited {
				return fault.Field("email", fmt.Sprintf("%s already holds the %s role here. Remove it first to give another role.", u.Email, h.Role.Title()))
			}
		}
		a := RoleAssignment{UserID: u.ID, BillingAccountID: sc.Account.ID, Role: string(role), CreatedAt: tx.now().UTC()}
		if sc.Profile != nil {
			a.BillingProfileID = &sc.Profile.ID
		}
		if err := wrap("grant role", tx.conn(ctx).Create(&a).Error); err != nil {
			if isConflict(err) {
				return fault.Field("email", fmt.Sprintf("%s already holds the %s role here.", u.Email, role.Title()))
			}
			return err
		}
		return tx.audit(ctx, actor, AuditEntry{Action: AuditRoleGranted, Scope: sc.ID(), Target: emailOf(u.Email),
			After: fault.Say(KeyAuditValue, role)})
	})
	return u, created, err
}

// userOrInvitee returns the user with email, creating one without a usable password
// (password.Unset) when there is none, audited (X1).
func (s *Store) userOrInvitee(ctx context.Context, actor User, email string) (User, bool, error) {
	u, err := s.UserByEmail(ctx, email)
	if !isNotFound(err) {
		return u, false, err
	}
	hash, err := password.Unset()
	if err != nil {
		return User{}, false, err
	}
	u = User{Email: email, Name: email, PasswordHash: hash}
	if err := s.CreateUser(ctx, actor, &u); err != nil { // audited
		return User{}, false, err
	}
	return u, true, nil
}

// RemoveRole removes a role assignment held directly on a scope and records it, unless it is the
// last owner of the scope (M4) or an inherited one (M3). The scope's account row is locked first
// so that two owners removing each other at once cannot both succeed.
func (s *Store) RemoveRole(ctx context.Context, actor User, sc Scope, assignmentID int64) error {
	return s.Tx(ctx, func(tx *Store) error {
		if err := tx.lockAccount(ctx, sc.Account.ID); err != nil {
			return err
		}
		rows, err := tx.AssignmentsOn(ctx, sc)
		if err != nil {
			return err
		}
		all := make([]access.Assignment, len(rows))
		var target AssignmentRow
		for i, r := range rows {
			all[i] = access.Assignment{ID: r.ID, Role: r.Role, Inherited: r.Inherited}
			if r.ID == assignmentID {
				target = r
			}
		}
		if err := access.CanRemove(all, assignmentID); err != nil {
			return fmt.Errorf("store: remove role: %w", err)
		}
		if err := tx.conn(ctx).Where("id = ?", assignmentID).Delete(&RoleAssignment{}).Error; err != nil {
			return wrap("remove role", err)
		}
		return tx.audit(ctx, actor, AuditEntry{Action: AuditRoleRemoved, Scope: sc.ID(), Target: emailOf(target.UserEmail),
			Before: fault.Say(KeyAuditValue, target.Role)})
	})
}

// lockAccount takes a row lock on a billing account for the rest of the transaction. SQLite
// needs none: its transactions begin IMMEDIATE and so already exclude other writers.
func (s *Store) lockAccount(ctx context.Context, id int64) error {
	if s.dialect != Postgres {
		return nil
	}
	var a BillingAccount
	err := s.conn(ctx).Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", id).Take(&a).Error
	return wrap("lock billing account", err)
}
