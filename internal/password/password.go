// Package password hashes and verifies sign-in passwords with argon2id, a memory-hard hash,
// stored in the PHC string format so parameters can be raised later without breaking old hashes.
package password

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
)

// Params are the argon2id costs of new hashes. Verify reads the costs from the hash itself, so a
// hash keeps verifying when the costs of new hashes change.
type Params struct {
	MemoryKiB uint32
	Passes    uint32
	Lanes     uint8
}

// Production returns the costs of every hash CreditDesk stores: the OWASP recommendation for
// argon2id (19 MiB, 2 passes, 1 lane). Tests hash with cheaper costs (package passwordtest);
// nothing else may.
func Production() Params { return Params{MemoryKiB: 19 * 1024, Passes: 2, Lanes: 1} }

// The salt and key lengths of every hash, in bytes.
const (
	saltLen = 16
	keyLen  = 32
)

// Length limits of a password, in bytes: long passphrases are welcome, unbounded input is not.
const (
	MinLength = 12
	MaxLength = 128
)

// ErrMismatch is returned by Verify when the password is wrong.
var ErrMismatch = errors.New("password does not match")

// Check returns a message if the password is unacceptable, or "" when it is fine.
func Check(pw string) string {
	switch {
	case len(pw) < MinLength:
		return fmt.Sprintf("must be at least %d characters", MinLength)
	case len(pw) > MaxLength:
		return fmt.Sprintf("must be at most %d characters", MaxLength)
	}
	return ""
}

// Hash returns the PHC string of a fresh argon2id hash of pw at the costs p. The zero Params
// are the production costs, so a caller that sets nothing gets the strong hash.
func (p Params) Hash(pw string) (string, error) {
	if p == (Params{}) {
		p = Production()
	}
	if p.Passes < 1 || p.Lanes < 1 || p.MemoryKiB < 8*uint32(p.Lanes) {
		return "", fmt.Errorf("password: costs %+v: want at least 1 pass, 1 lane and 8 KiB per lane", p)
	}
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("password: salt: %w", err)
	}
	key := argon2.IDKey([]byte(pw), salt, p.Passes, p.MemoryKiB, p.Lanes, keyLen)
	return p.encode(salt, key), nil
}

// encode is the PHC string of an argon2id key made at the costs p.
func (p Params) encode(salt, key []byte) string {
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, p.MemoryKiB, p.Passes, p.Lanes, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// Verify checks pw against a PHC string made by Hash, in constant time.
func Verify(pw, encoded string) error {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return errors.New("password: unknown hash format")
	}
	var version int
	var memory, time uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return errors.New("password: unsupported argon2 version")
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &time, &threads); err != nil {
		return fmt.Errorf("password: parameters: %w", err)
	}
	b64 := base64.RawStdEncoding
	salt, err := b64.DecodeString(parts[4])
	if err != nil {
		return fmt.Errorf("password: salt: %w", err)
	}
	want, err := b64.DecodeString(parts[5])
	if err != nil {
		return fmt.Errorf("password: key: %w", err)
	}
	got := argon2.IDKey([]byte(pw), salt, time, memory, threads, uint32(len(want)))
	if subtle.ConstantTimeCompare(got, want) != 1 {
		return ErrMismatch
	}
	return nil
}
