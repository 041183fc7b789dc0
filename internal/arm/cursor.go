package arm

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"strings"
)

// Cursor is where the next page of a list starts: a keyset position, never an offset, so rows
// inserted while a client pages are neither skipped nor repeated. It travels in the nextLink as
// an opaque, signed $skiptoken bound to the list and query it came from.
type Cursor struct {
	Bind    string `json:"b"`           // Binding of the list and query
	Phase   int    `json:"p,omitempty"` // events: 0 settled, 1 pending
	Profile int64  `json:"r,omitempty"` // the profile of the last row given
	After   int64  `json:"a,omitempty"` // lots: the last id; events: the last seq
	Date    string `json:"d,omitempty"` // settled events: the date of the last one
	Key     string `json:"k,omitempty"` // pending events: the last PendingKey
}

// SkipToken is the query parameter that carries the cursor.
const SkipToken = "$skiptoken"

// maxToken bounds what Open reads.
const maxToken = 1024

// Sealer signs and checks cursors with a key of its own, derived from the server's secret, so a
// client can neither forge a position nor move a cursor to another list.
type Sealer struct{ key []byte }

// NewSealer derives the cursor key from secret (the session key) with HMAC-SHA256.
func NewSealer(secret []byte) Sealer {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte("creditdesk arm cursor v1"))
	return Sealer{key: m.Sum(nil)}
}

// Seal returns the opaque token of c: base64url(JSON) "." base64url(MAC).
func (s Sealer) Seal(c Cursor) string {
	body, _ := json.Marshal(c)
	payload := base64.RawURLEncoding.EncodeToString(body)
	return payload + "." + base64.RawURLEncoding.EncodeToString(s.mac(payload))
}

// Open checks a token made by Seal for the list and query named by bind; anything else is a 400
// naming $skiptoken.
func (s Sealer) Open(token, bind string) (Cursor, error) {
	bad := BadParameter(SkipToken, "it is not a token this list gave out: start again from the first page")
	payload, sig, ok := strings.Cut(token, ".")
	if !ok || len(token) > maxToken {
		return Cursor{}, bad
	}
	got, err := base64.RawURLEncoding.DecodeString(sig)
	if err != nil || !hmac.Equal(got, s.mac(payload)) {
		return Cursor{}, bad
	}
	body, err := base64.RawURLEncoding.DecodeString(payload)
	var c Cursor
	if err != nil || json.Unmarshal(body, &c) != nil || c.Bind != bind || c.Phase < 0 || c.Phase > 1 || c.After < 0 {
		return Cursor{}, bad
	}
	return c, nil
}

// mac is the first 16 bytes of HMAC-SHA256 over the payload.
func (s Sealer) mac(payload string) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte(payload))
	return m.Sum(nil)[:16]
}

// Binding names what a cursor belongs to: the list's path and the query that shapes it.
func Binding(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:8])
}
