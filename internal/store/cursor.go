package store

import (
	"crypto/rand"
	"fmt"

	"github.com/creditdesk/creditdesk/internal/cursor"
	"github.com/creditdesk/creditdesk/internal/fault"
)

// position is a keyset position of the portal's lists: the sort value of the last row given
// and its id.
type position struct {
	Value string `json:"v"`
	ID    int64  `json:"i"`
}

// randomCursors signs cursors with a key of this process, for a store WithCursorKey did not give
// the server's.
func randomCursors() cursor.Codec {
	secret := make([]byte, 32)
	_, _ = rand.Read(secret) // crypto/rand.Read does not fail (it crashes the program instead)
	return cursor.New(secret, "portal")
}

// WithCursorKey is the store (on the same connections) that signs the cursors of the portal's
// lists with the server's secret (the session key), so that every instance with the same key
// reads every other's.
func (s *Store) WithCursorKey(secret []byte) *Store {
	c := *s
	c.cursors = cursor.New(secret, "portal")
	return &c
}

// encodeCursor makes the opaque, signed keyset cursor of a sort value and a row id.
func (s *Store) encodeCursor(value string, id int64) string {
	return s.cursors.Seal(position{Value: value, ID: id})
}

// decodeCursor reads a cursor made by encodeCursor; anything else is a bad "after" parameter.
func (s *Store) decodeCursor(c string) (string, int64, error) {
	var p position
	if err := s.cursors.Open(c, &p); err != nil || p.ID <= 0 {
		return "", 0, fmt.Errorf("store: cursor: %w", fault.Field("after", "not a cursor this list gave out; start again from the first page"))
	}
	return p.Value, p.ID, nil
}

// CheckCursor checks that c is a keyset cursor as LotsPage gives out, so that a bad one in a URL
// is refused before any list is read; the error names the "after" parameter.
func (s *Store) CheckCursor(c string) error {
	_, _, err := s.decodeCursor(c)
	return err
}
