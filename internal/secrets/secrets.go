// Package secrets seals the credentials CreditDesk must keep, such as the client secret of an
// Entra app registration, so that the database never holds them in clear. The operator gives a
// key (-secrets-key); a database copied without that key cannot open what it holds.
//
// Key derivation: the key text (at least 32 characters; `openssl rand -hex 32` makes a good
// one) is the input keying material of HKDF-SHA256 (RFC 5869) with the salt
// "creditdesk/secrets/v1" and the info "aes-256-gcm", which yields the 32-byte AES-256 key.
// Each value is sealed with AES-256-GCM under a random 96-bit nonce, with the caller's context
// (for example the billing account the credential belongs to) as additional authenticated
// data, so a sealed value copied to another row does not open there. A sealed value is the
// text "v1.<key id>.<base64url(nonce | ciphertext | tag)>"; the key id is the first 8 bytes of
// HMAC-SHA256(derived key, "key id") in hex, so a value sealed under another key is named as
// such instead of failing as a corrupt one.
package secrets

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
)

// MinKeyLength is the shortest key text accepted, in bytes.
const MinKeyLength = 32

// The errors of opening a sealed value. Their messages are written for an operator.
var (
	// ErrNoKey: this instance was started without -secrets-key.
	ErrNoKey = errors.New("no -secrets-key is configured, so stored credentials cannot be read")
	// ErrWrongKey: the value was sealed under another key.
	ErrWrongKey = errors.New("the stored credentials were sealed with another -secrets-key than this instance's")
	// ErrCorrupt: the value or its context was altered, or it is not a sealed value at all.
	ErrCorrupt = errors.New("the stored credentials are damaged or belong to another record")
)

// Sealer seals and opens values under one key. A nil *Sealer is an instance without a key: it
// seals nothing and opens nothing (ErrNoKey).
type Sealer struct {
	aead  cipher.AEAD
	keyID string
}

const (
	version = "v1"
	salt    = "creditdesk/secrets/v1"
	info    = "aes-256-gcm"
)

// New derives the sealing key from the operator's key text. It refuses a key shorter than
// MinKeyLength bytes.
func New(keyText string) (*Sealer, error) {
	if len(keyText) < MinKeyLength {
		return nil, fmt.Errorf("the secrets key must be at least %d characters (generate one with `openssl rand -hex 32`)", MinKeyLength)
	}
	key, err := hkdf.Key(sha256.New, []byte(keyText), []byte(salt), info, 32)
	if err != nil {
		return nil, fmt.Errorf("secrets: derive key: %w", err)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("secrets: cipher: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("secrets: gcm: %w", err)
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte("key id"))
	return &Sealer{aead: aead, keyID: hex.EncodeToString(mac.Sum(nil)[:8])}, nil
}

// KeyID names the key without revealing it.
func (s *Sealer) KeyID() string {
	if s == nil {
		return ""
	}
	return s.keyID
}

// Seal encrypts plaintext bound to context (additional authenticated data).
func (s *Sealer) Seal(plaintext []byte, context string) (string, error) {
	if s == nil {
		return "", ErrNoKey
	}
	nonce := make([]byte, s.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", fmt.Errorf("secrets: nonce: %w", err)
	}
	sealed := s.aead.Seal(nonce, nonce, plaintext, []byte(context))
	return version + "." + s.keyID + "." + base64.RawURLEncoding.EncodeToString(sealed), nil
}

// Open decrypts a value Seal returned for the same context: ErrNoKey without a key, ErrWrongKey
// for a value sealed under another key, ErrCorrupt for anything else that does not open.
func (s *Sealer) Open(sealed, context string) ([]byte, error) {
	if s == nil {
		return nil, ErrNoKey
	}
	parts := strings.Split(sealed, ".")
	if len(parts) != 3 || parts[0] != version {
		return nil, ErrCorrupt
	}
	if parts[1] != s.keyID {
		return nil, ErrWrongKey
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil || len(raw) < s.aead.NonceSize()+s.aead.Overhead() {
		return nil, ErrCorrupt
	}
	n := s.aead.NonceSize()
	plain, err := s.aead.Open(nil, raw[:n], raw[n:], []byte(context))
	if err != nil {
		return nil, ErrCorrupt
	}
	return plain, nil
}
