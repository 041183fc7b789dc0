package arm

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/creditdesk/creditdesk/internal/cursor"
	"github.com/creditdesk/creditdesk/internal/ledger"
)

// Cursor is where the next page of a list starts: a keyset position, never an offset, so rows
// inserted while a client pages are neither skipped nor repeated. It travels in the nextLink as
// an opaque, signed $skiptoken bound to the list and query it came from.
type Cursor struct {
	Bind    string      `json:"b"`           // Binding of the list and query
	Phase   int         `json:"p,omitempty"` // events: 0 settled, 1 pending
	Profile int64       `json:"r,omitempty"` // the profile of the last row given
	After   int64       `json:"a,omitempty"` // lots: the last id; events: the last seq
	Date    ledger.Date `json:"d,omitzero"`  // settled events: the date of the last one
	Key     string      `json:"k,omitempty"` // pending events: the last PendingKey
}

// SkipToken is the query parameter that carries the cursor.
const SkipToken = "$skiptoken"

// Sealer signs and checks the API's cursors with the one cursor codec (package cursor), so a
// client can neither forge a position nor move a cursor to another list.
type Sealer struct{ codec cursor.Codec }

// NewSealer derives the cursors' key from secret (the session key).
func NewSealer(secret []byte) Sealer { return Sealer{codec: cursor.New(secret, "arm v1")} }

// Seal returns the opaque token of c.
func (s Sealer) Seal(c Cursor) string { return s.codec.Seal(c) }

// Open checks a token made by Seal for the list and query named by bind; anything else is a 400
// naming $skiptoken.
func (s Sealer) Open(token, bind string) (Cursor, error) {
	var c Cursor
	if s.codec.Open(token, &c) != nil || c.Bind != bind || c.Phase < 0 || c.Phase > 1 || c.After < 0 {
		return Cursor{}, BadParameter(SkipToken, "it is not a token this list gave out: start again from the first page")
	}
	return c, nil
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
