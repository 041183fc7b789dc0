package store

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"
)

// CreateUser inserts a user, by actor, and audits it (X1); the email is stored lower-case. A
// taken email is fault.ErrConflict.
func (s *Store) CreateUser(ctx context.Context, actor User, u *User) error {
	if err := s.createUser(ctx, u); err != nil {
		return err
	}
	return s.audit(ctx, actor, AuditEntry{Action: AuditUserCreated, Target: emailOf(u.Email), After: textOf(u.Name)})
}

// createUser inserts a user; the caller audits it.
func (s *Store) createUser(ctx context.Context, u *User) error {
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	return wrap("create user", s.conn(ctx).Create(u).Error)
}

// UserByID returns the user with the given id. Every signed-in request reads it (loadUser),
// so its columns are scanned into their fields directly rather than through GORM's reflection
// (issue 10).
func (s *Store) UserByID(ctx context.Context, id int64) (User, error) {
	var u User
	err := s.conn(ctx).Model(&User{}).Select(userColumns).Where("id = ?", id).Limit(1).Row().Scan(userFields(&u)...)
	if errors.Is(err, sql.ErrNoRows) {
		err = gorm.ErrRecordNotFound
	}
	return u, wrap("user by id", err)
}

// UserByEmail returns the user with the given email, matched case-insensitively.
func (s *Store) UserByEmail(ctx context.Context, email string) (User, error) {
	var u User
	err := s.conn(ctx).Where("email = ?", strings.ToLower(strings.TrimSpace(email))).Take(&u).Error
	return u, wrap("user by email", err)
}

// UsersByEmail returns the users among emails that exist, keyed by lower-case email.
func (s *Store) UsersByEmail(ctx context.Context, emails []string) (map[string]User, error) {
	keys := make([]string, len(emails))
	for i, e := range emails {
		keys[i] = strings.ToLower(e)
	}
	return findKeyed(ctx, s, "users by email", "email", keys, func(u User) string { return u.Email })
}

// SetUserPassword replaces the password hash of user u, by actor, and audits it (X1). The
// failed sign-ins counted against u's email go with the old password, so a lockout ends: by a
// reset link or by an operator, as the lockout message advises.
func (s *Store) SetUserPassword(ctx context.Context, actor, u User, hash string) error {
	return s.atomic(ctx, func(tx *Store) error {
		res := tx.conn(ctx).Model(&User{}).Where("id = ?", u.ID).
			Updates(map[string]any{"password_hash": hash, "updated_at": tx.now().UTC()})
		if err := affectedOne("set password", res.Error, res.RowsAffected); err != nil {
			return err
		}
		if err := tx.ClearSignInFailures(ctx, u.Email, time.Time{}); err != nil {
			return err
		}
		return tx.audit(ctx, actor, AuditEntry{Action: AuditPasswordSet, Target: emailOf(u.Email)})
	})
}

// SetUserName replaces the display name of user u, by actor, audits it (X1) and moves the
// benefits version of the organisations whose workspaces show u as a holder, in one transaction.
// It first takes u's memberships, as an assignment to u does: an assignment committing while the
// name changes would otherwise move its organisation's version before the new name is visible,
// and a portal would keep the old name under the new version.
func (s *Store) SetUserName(ctx context.Context, actor, u User, name string) error {
	return s.atomic(ctx, func(tx *Store) error {
		if err := tx.lockMemberships(ctx, u.ID); err != nil {
			return err
		}
		res := tx.conn(ctx).Model(&User{}).Where("id = ?", u.ID).
			Updates(map[string]any{"name": name, "updated_at": tx.now().UTC()})
		if err := affectedOne("set name", res.Error, res.RowsAffected); err != nil {
			return err
		}
		err := tx.audit(ctx, actor, AuditEntry{Action: AuditUserRenamed, Target: emailOf(u.Email), Before: textOf(u.Name),
			After: textOf(name)})
		if err != nil {
			return err
		}
		return tx.touchHolderBenefits(ctx, u.ID)
	})
}

// SetLastScope remembers the billing scope a user opened last (M5).
func (s *Store) SetLastScope(ctx context.Context, id int64, scope string) error {
	res := s.conn(ctx).Model(&User{}).Where("id = ?", id).Update("last_scope", scope)
	return affectedOne("set last scope", res.Error, res.RowsAffected)
}

// affectedOne turns an update that touched no row into fault.ErrNotFound.
func affectedOne(op string, err error, rows int64) error {
	if err != nil {
		return wrap(op, err)
	}
	if rows == 0 {
		return wrap(op, errNotFound)
	}
	return nil
}

// UserCount returns the number of users; 0 means a fresh installation.
func (s *Store) UserCount(ctx context.Context) (int64, error) {
	var n int64
	err := s.conn(ctx).Model(&User{}).Count(&n).Error
	return n, wrap("count users", err)
}

// EndSessions moves the user's session epoch on, ending every session begun before (sign-out).
func (s *Store) EndSessions(ctx context.Context, id int64) error {
	res := s.conn(ctx).Model(&User{}).Where("id = ?", id).Update("session_epoch", gorm.Expr("session_epoch + 1"))
	return affectedOne("end sessions", res.Error, res.RowsAffected)
}
