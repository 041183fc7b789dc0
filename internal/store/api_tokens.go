package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base32"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// TokenPrefix starts every API token secret CreditDesk makes, so that a leaked one is easy to
// recognise (and for secret scanners to find).
const TokenPrefix = "cdt_"

// MaxTokenName is the longest token name accepted.
const MaxTokenName = 100

// NewTokenSecret returns a fresh secret: the prefix and 32 bytes from crypto/rand in lower-case
// base32, 256 bits that a fast hash protects well enough (HashToken).
func NewTokenSecret() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("store: token secret: %w", err)
	}
	enc := base32.StdEncoding.WithPadding(base32.NoPadding)
	return TokenPrefix + strings.ToLower(enc.EncodeToString(b)), nil
}

// CreateToken gives owner a new personal API token and records it in the audit log (X1), in one
// transaction. It returns the secret, which is shown once and never stored: only its hash is.
// The name is required; expiresAt nil means the token does not expire. A token's times are the
// wall clock's: it expires in real time, whatever the business day.
func (s *Store) CreateToken(ctx context.Context, actor, owner User, name string, expiresAt *time.Time) (string, APIToken, error) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		return "", APIToken{}, fault.Field("name", "Give the token a name, such as the script that will use it.")
	case len(name) > MaxTokenName:
		return "", APIToken{}, fault.Field("name", fmt.Sprintf("Use at most %d characters.", MaxTokenName))
	case !utf8.ValidString(name) || strings.ContainsFunc(name, unicode.IsControl):
		return "", APIToken{}, fault.Field("name", "Use text without control characters.")
	case expiresAt != nil && !expiresAt.After(s.wall()):
		return "", APIToken{}, fault.Field("expires", "Choose an expiry in the future.")
	}
	secret, err := NewTokenSecret()
	if err != nil {
		return "", APIToken{}, err
	}
	t := APIToken{UserID: owner.ID, Name: name, TokenHash: HashToken(secret), CreatedAt: s.wall()}
	after := fault.Say(KeyAuditValue, name)
	if expiresAt != nil {
		exp := expiresAt.UTC()
		t.ExpiresAt = &exp
		after = fault.Say(KeyAuditTokenExpires, name, exp)
	}
	err = s.Tx(ctx, func(tx *Store) error {
		if err := tx.conn(ctx).Create(&t).Error; err != nil {
			return wrap("create token", err)
		}
		return tx.audit(ctx, actor, AuditEntry{Action: AuditTokenCreated, Target: emailOf(owner.Email), After: after})
	})
	return secret, t, err
}

// TokensOfUser lists a user's API tokens, newest first, revoked ones included.
func (s *Store) TokensOfUser(ctx context.Context, userID int64) ([]APIToken, error) {
	var ts []APIToken
	err := s.conn(ctx).Where("user_id = ?", userID).Order("created_at DESC, id DESC").Find(&ts).Error
	return ts, wrap("tokens of user", err)
}

// RevokeToken revokes one of the actor's own tokens and records it (X1). Another user's token is
// not found, exactly like a missing one; revoking a revoked token changes nothing.
func (s *Store) RevokeToken(ctx context.Context, actor User, tokenID int64) error {
	return s.Tx(ctx, func(tx *Store) error {
		var t APIToken
		if err := tx.conn(ctx).Where("id = ? AND user_id = ?", tokenID, actor.ID).Take(&t).Error; err != nil {
			return wrap("revoke token", err)
		}
		if t.RevokedAt != nil {
			return nil
		}
		if err := tx.conn(ctx).Model(&APIToken{}).Where("id = ?", t.ID).Update("revoked_at", tx.wall()).Error; err != nil {
			return wrap("revoke token", err)
		}
		return tx.audit(ctx, actor, AuditEntry{Action: AuditTokenRevoked, Target: emailOf(actor.Email), Before: fault.Say(KeyAuditValue, t.Name)})
	})
}

// TokenBySecret returns the token with this secret and its user, whatever its state: the caller
// decides what a revoked or expired token means. An unknown secret is fault.ErrNotFound. Every
// API request reads both, in one statement scanned column by column (issue 10).
func (s *Store) TokenBySecret(ctx context.Context, secret string) (APIToken, User, error) {
	var t APIToken
	var u User
	err := s.conn(ctx).Raw(`SELECT t.id, t.user_id, t.name, t.token_hash, t.created_at, t.expires_at, t.last_used_at,
			t.revoked_at, u.`+strings.ReplaceAll(userColumns, ", ", ", u.")+`
		FROM api_tokens AS t JOIN users AS u ON u.id = t.user_id WHERE t.token_hash = ? LIMIT 1`, HashToken(secret)).Row().
		Scan(append([]any{&t.ID, &t.UserID, &t.Name, &t.TokenHash, &t.CreatedAt, &t.ExpiresAt, &t.LastUsedAt, &t.RevokedAt},
			userFields(&u)...)...)
	if errors.Is(err, sql.ErrNoRows) {
		err = gorm.ErrRecordNotFound
	}
	return t, u, wrap("token by secret", err)
}

// TokenTouchInterval is how stale a token's last-used time may get: a busy token is written at
// most once per interval, not on every request.
const TokenTouchInterval = time.Minute

// TouchToken records that the token was used at now, unless lastUsed (what the caller read) is
// less than TokenTouchInterval old. It reports whether it wrote. The write never waits for a
// lock (withoutWaiting): behind a long import it fails at once, and the next request writes
// it, rather than holding one of SQLite's few connections for the busy timeout.
func (s *Store) TouchToken(ctx context.Context, t APIToken, now time.Time) (bool, error) {
	if t.LastUsedAt != nil && now.Sub(*t.LastUsedAt) < TokenTouchInterval {
		return false, nil
	}
	err := s.withoutWaiting(ctx, func(db *gorm.DB) error {
		return db.Model(&APIToken{}).Where("id = ?", t.ID).Update("last_used_at", now.UTC()).Error
	})
	return err == nil, wrap("touch token", err)
}
