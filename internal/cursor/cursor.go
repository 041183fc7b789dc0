// Package cursor is the one codec of the opaque keyset cursors that page CreditDesk's lists: the
// portal's tables ("after") and the Azure-compatible API ($skiptoken). A cursor is a position
// (any JSON value) signed with HMAC-SHA256 under a key derived from the server's secret and the
// cursor's purpose, so a client can neither forge a position nor carry a cursor to another kind
// of list. It imports only the standard library.
package cursor

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
)

// ErrInvalid is a token the codec did not make, or one altered since.
var ErrInvalid = errors.New("cursor: not a cursor this list gave out")

// maxToken bounds what Open reads.
const maxToken = 1024

// Codec seals and opens the cursors of one purpose.
type Codec struct{ key []byte }

// New derives the key of purpose's cursors from secret (the server's session key), so every
// instance with the same secret opens every other's cursors.
func New(secret []byte, purpose string) Codec {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("creditdesk cursor " + purpose))
	return Codec{key: m.Sum(nil)}
}

// Seal returns the opaque token of the position v: base64url(JSON) "." base64url(MAC). v must be
// a value encoding/json can encode, as the positions of this program are.
func (c Codec) Seal(v any) string {
	body, err := json.Marshal(v)
	if err != nil {
		panic("cursor: position cannot be encoded: " + err.Error())
	}
	payload := base64.RawURLEncoding.EncodeToString(body)
	return payload + "." + base64.RawURLEncoding.EncodeToString(c.mac(payload))
}

// Open checks a token made by Seal and decodes its position into v; anything else is
// ErrInvalid.
func (c Codec) Open(token string, v any) error {
	payload, sig, ok := strings.Cut(token, ".")
	if !ok || len(token) > maxToken {
		return ErrInvalid
	}
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, c.mac(payload)) {
		return ErrInvalid
	}
	body, err := base64.RawURLEncoding.DecodeString(payload)
	if err != nil || json.Unmarshal(body, v) != nil {
		return ErrInvalid
	}
	return nil
}

// mac is the first 16 bytes of HMAC-SHA256 over the payload.
func (c Codec) mac(payload string) []byte {
	m := hmac.New(sha256.New, c.key)
	m.Write([]byte(payload))
	return m.Sum(nil)[:16]
}
