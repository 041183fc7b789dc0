package password

import (
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"strings"
)

// unsetSalt marks the hash of an account that has no password yet. The salt is public; the key
// beside it is random and thrown away, so no password verifies against it.
const unsetSalt = "creditdesk:unset"

// Unset returns a password hash that no password verifies: the hash of an account created
// without a password (a partner admin's "Add a new user"). It has the PHC form of Hash, so
// Verify spends the same time on it and answers ErrMismatch; an operator gives the account a
// password with `creditdesk users set-password`.
func Unset() (string, error) {
	key := make([]byte, keyLen)
	if _, err := rand.Read(key); err != nil {
		return "", fmt.Errorf("password: unset key: %w", err)
	}
	return Production().encode([]byte(unsetSalt), key), nil
}

// IsUnset reports whether a stored hash is one made by Unset: the account has no password.
func IsUnset(encoded string) bool {
	parts := strings.Split(encoded, "$")
	return len(parts) == 6 && parts[4] == base64.RawStdEncoding.EncodeToString([]byte(unsetSalt))
}
