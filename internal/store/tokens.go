package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
)

// HashToken returns the stored form of an API token secret: its SHA-256 in hex. A token is a
// long random secret, so a fast hash is enough and lets a lookup use the unique index.
func HashToken(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// EnsureToken gives a user the API token with the given secret unless it exists. A secret held
// by another user is fault.ErrConflict. It reports whether it created the token.
func (s *Store) EnsureToken(ctx context.Context, userID int64, name, secret string) (bool, error) {
	var existing APIToken
	err := s.conn(ctx).Where("token_hash = ?", HashToken(secret)).Take(&existing).Error
	switch {
	case err == nil && existing.UserID == userID:
		return false, nil
	case err == nil:
		return false, wrap("ensure token", errConflict)
	case !isNotFound(wrap("", err)):
		return false, wrap("ensure token", err)
	}
	t := APIToken{UserID: userID, Name: name, TokenHash: HashToken(secret), CreatedAt: s.wall()}
	return true, wrap("create token", s.conn(ctx).Create(&t).Error)
}
