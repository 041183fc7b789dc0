package store

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/password"
)

// LinkPurpose says what a one-time link is for; its values are the purpose column's.
type LinkPurpose string

// The two kinds of one-time link.
const (
	// Invitation lets a user whom a partner admin or an owner added choose a first password.
	Invitation LinkPurpose = "invitation"
	// Reset lets a user who forgot their password choose a new one.
	Reset LinkPurpose = "reset"
)

// LinkValidity is how long a one-time link can be used, on the wall clock.
const LinkValidity = 7 * 24 * time.Hour

// LinkToken is a one-time link; only the SHA-256 of its secret is stored.
type LinkToken struct {
	ID        int64
	UserID    int64
	Purpose   LinkPurpose
	TokenHash string
	CreatedBy string // the email of who asked for it (the user themself for a reset)
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}

// ErrLinkInvalid is a link that does not exist, was used, replaced or revoked, or expired: the
// page says the same in every case.
var ErrLinkInvalid = fmt.Errorf("the link is not valid: %w", fault.ErrNotFound)

// IssueLink gives the user a new one-time link for purpose, valid LinkValidity from the wall
// clock, and returns its secret (for the email or the operator; never stored). An earlier
// unused link of the same purpose stops working: resending replaces it. Audited (X1).
func (s *Store) IssueLink(ctx context.Context, actor User, u User, purpose LinkPurpose) (string, LinkToken, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", LinkToken{}, fmt.Errorf("store: link secret: %w", err)
	}
	secret := base64.RawURLEncoding.EncodeToString(b)
	now := s.wall()
	t := LinkToken{UserID: u.ID, Purpose: purpose, TokenHash: HashToken(secret), CreatedBy: actor.Email, CreatedAt: now, ExpiresAt: now.Add(LinkValidity)}
	err := s.Tx(ctx, func(tx *Store) error {
		if err := tx.dropUnusedLinks(ctx, u.ID, purpose); err != nil {
			return err
		}
		if err := wrap("issue link", tx.conn(ctx).Create(&t).Error); err != nil {
			return err
		}
		return tx.audit(ctx, actor, AuditEntry{Action: AuditLinkIssued, Target: emailOf(u.Email),
			After: textOf(string(purpose) + ", valid until " + t.ExpiresAt.Format(time.RFC3339))})
	})
	return secret, t, err
}

// dropUnusedLinks deletes the user's unused links of a purpose.
func (s *Store) dropUnusedLinks(ctx context.Context, userID int64, purpose LinkPurpose) error {
	err := s.conn(ctx).Where("user_id = ? AND purpose = ? AND used_at IS NULL", userID, purpose).Delete(&LinkToken{}).Error
	return wrap("drop links", err)
}

// RevokeInvitation makes the user's unused invitation link stop working; fault.ErrNotFound when
// there is none. Audited (X1).
func (s *Store) RevokeInvitation(ctx context.Context, actor User, u User) error {
	return s.Tx(ctx, func(tx *Store) error {
		res := tx.conn(ctx).Where("user_id = ? AND purpose = ? AND used_at IS NULL", u.ID, Invitation).Delete(&LinkToken{})
		if err := affectedOne("revoke invitation", res.Error, min(res.RowsAffected, 1)); err != nil {
			return err
		}
		return tx.audit(ctx, actor, AuditEntry{Action: AuditInvitationRevoked, Target: emailOf(u.Email)})
	})
}

// PendingInvitations returns, by user id, the unused invitation of each of the users that has
// one (expired ones included: the page offers to resend them).
func (s *Store) PendingInvitations(ctx context.Context, userIDs []int64) (map[int64]LinkToken, error) {
	out := map[int64]LinkToken{}
	if len(userIDs) == 0 {
		return out, nil
	}
	var rows []LinkToken
	err := s.conn(ctx).Where("user_id IN ? AND purpose = ? AND used_at IS NULL", userIDs, Invitation).Find(&rows).Error
	if err != nil {
		return nil, wrap("pending invitations", err)
	}
	for _, r := range rows {
		out[r.UserID] = r
	}
	return out, nil
}

// LinkUser returns the link of a secret and its user while the link can be used (unused and not
// expired on the wall clock); ErrLinkInvalid otherwise.
func (s *Store) LinkUser(ctx context.Context, secret string) (LinkToken, User, error) {
	var t LinkToken
	err := s.conn(ctx).Where("token_hash = ? AND used_at IS NULL AND expires_at > ?", HashToken(strings.TrimSpace(secret)), s.wall()).
		Take(&t).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return LinkToken{}, User{}, ErrLinkInvalid
	}
	if err != nil {
		return LinkToken{}, User{}, wrap("link", err)
	}
	u, err := s.UserByID(ctx, t.UserID)
	return t, u, err
}

// UseLink spends a link on a new password, in one transaction: the link is marked used (only
// one of two simultaneous uses wins), the password replaced, the user's other unused links
// dropped and every session of the user ended (a reset signs out whoever had the
// old password). ErrLinkInvalid for a link that cannot be used. Audited (X1).
func (s *Store) UseLink(ctx context.Context, secret, hash string) (User, error) {
	var u User
	err := s.Tx(ctx, func(tx *Store) error {
		t, user, err := tx.LinkUser(ctx, secret)
		if err != nil {
			return err
		}
		now := tx.wall()
		res := tx.conn(ctx).Model(&LinkToken{}).Where("id = ? AND used_at IS NULL", t.ID).Update("used_at", now)
		if res.Error != nil {
			return wrap("use link", res.Error)
		}
		if res.RowsAffected != 1 {
			return ErrLinkInvalid
		}
		// Any other link of the user (an invitation and a reset both pending) is spent too.
		if err := wrap("drop links", tx.conn(ctx).Where("user_id = ? AND used_at IS NULL", user.ID).Delete(&LinkToken{}).Error); err != nil {
			return err
		}
		if err := tx.SetUserPassword(ctx, user, user, hash); err != nil { // audited

			return err
		}
		if err := tx.EndSessions(ctx, user.ID); err != nil {
			return err
		}
		u = user
		u.PasswordHash, u.SessionEpoch = hash, user.SessionEpoch+1
		return nil
	})
	return u, err
}

// HasPassword reports whether a user can sign in with a password (one an operator, an
// invitation or a reset set), rather than the unusable one of a user added by someone else.
func (u User) HasPassword() bool { return !password.IsUnset(u.PasswordHash) }

// RecordLinkRequest remembers that a link was asked for by email (Forgot password) from a
// client address, on the wall clock, and drops requests older than before.
func (s *Store) RecordLinkRequest(ctx context.Context, email, address string, before time.Time) error {
	r := LinkRequest{Email: strings.ToLower(strings.TrimSpace(email)), Address: address, At: s.wall()}
	if err := s.conn(ctx).Where("at < ?", before.UTC()).Delete(&LinkRequest{}).Error; err != nil {
		return wrap("trim link requests", err)
	}
	return wrap("record link request", s.conn(ctx).Create(&r).Error)
}

// LinkRequests counts the requests since a time for an email and for a client address.
func (s *Store) LinkRequests(ctx context.Context, email, address string, since time.Time) (byEmail, byAddress int64, err error) {
	return countSince[LinkRequest](ctx, s, "count link requests", email, address, since)
}

// LinkRequest is one Forgot password request.
type LinkRequest struct {
	ID      int64
	Email   string
	Address string
	At      time.Time
}
