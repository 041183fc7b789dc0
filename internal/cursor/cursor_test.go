package cursor

import (
	"errors"
	"strings"
	"testing"
)

// position is a keyset position as the lists keep one.
type position struct {
	Value string `json:"v"`
	ID    int64  `json:"i"`
}

// TestCodec: a sealed position opens with its own key and purpose only, needs no escaping in a
// URL, and anything altered, truncated or oversized is ErrInvalid.
func TestCodec(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	c := New(secret, "lots")
	want := position{Value: "2026-06-15\x00Ünïcode & more", ID: 42}
	tok := c.Seal(want)
	if strings.ContainsAny(tok, "+/=&?# ") {
		t.Errorf("token %q needs escaping in a URL", tok)
	}
	var got position
	if err := New(secret, "lots").Open(tok, &got); err != nil || got != want {
		t.Fatalf("Open = %+v, %v; want %+v", got, err, want)
	}
	flipped := []byte(tok)
	flipped[3] ^= 1
	payload, sig, _ := strings.Cut(tok, ".")
	for name, tt := range map[string]struct {
		c   Codec
		tok string
	}{
		"other key":     {New([]byte("another installation"), "lots"), tok},
		"other purpose": {New(secret, "scopes"), tok},
		"tampered":      {c, string(flipped)},
		"no signature":  {c, payload},
		"empty":         {c, ""},
		"garbage":       {c, "!!!.???"},
		"not JSON":      {c, "bm90IGpzb24." + sig},
		"too long":      {c, strings.Repeat("a", 2000) + "." + sig},
	} {
		var p position
		if err := tt.c.Open(tt.tok, &p); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: Open err = %v, want ErrInvalid", name, err)
		}
	}
	var wrongShape []int
	if err := c.Open(tok, &wrongShape); !errors.Is(err, ErrInvalid) {
		t.Errorf("a position opened as another shape: %v", err)
	}
}
