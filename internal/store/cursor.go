package store

import (
	"crypto/rand"
	"fmt"

	"github.com/creditdesk/creditdesk/internal/cursor"
	"github.com/creditdesk/creditdesk/internal/fault"
)

// position is a keyset position of the portal's lists: the sort value of the last row given
// and its id, and what list it is in (Bind, "" where the value alone ties it to its list).
type position struct {
	Value string `json:"v"`
	ID    int64  `json:"i"`
	Bind  string `json:"b,omitempty"`
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

// encodeCursor makes the opaque, signed keyset cursor of a sort value and a row id in the list
// bind names.
func (s *Store) encodeCursor(bind, value string, id int64) string {
	return s.cursors.Seal(position{Value: value, ID: id, Bind: bind})
}

// decodeCursor reads a cursor made by encodeCursor for the list bind names; anything else,
// another list's cursor included, is a bad "after" parameter.
func (s *Store) decodeCursor(bind, c string) (string, int64, error) {
	p, err := s.openCursor(c)
	if err == nil && p.Bind != bind {
		err = badCursor()
	}
	return p.Value, p.ID, err
}

// CheckCursor checks that c is a keyset cursor as this store gives out, of any list, so that a
// bad one in a URL is refused before any list is read; the error names the "after" parameter.
// The list reading it checks that it is that list's.
func (s *Store) CheckCursor(c string) error {
	_, err := s.openCursor(c)
	return err
}

// openCursor reads the position of a cursor this store signed, of any list.
func (s *Store) openCursor(c string) (position, error) {
	var p position
	if err := s.cursors.Open(c, &p); err != nil || p.ID <= 0 {
		return position{}, badCursor()
	}
	return p, nil
}

// badCursor is the error of an "after" parameter that is not a cursor of the list read.
func badCursor() error {
	return fmt.Errorf("store: cursor: %w", fault.Field("after", "not a cursor this list gave out; start again from the first page"))
}
