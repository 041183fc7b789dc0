package secrets

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

const (
	keyA = "0123456789abcdef0123456789abcdef-key-a"
	keyB = "0123456789abcdef0123456789abcdef-key-b"
)

func mustNew(t *testing.T, key string) *Sealer {
	t.Helper()
	s, err := New(key)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestSealOpen: a value opens under its key and context only, and the sealed text does not
// contain the plaintext.
func TestSealOpen(t *testing.T) {
	a, b := mustNew(t, keyA), mustNew(t, keyB)
	plain := []byte("client-secret-value~with.odd_chars")
	sealed, err := a.Seal(plain, "account:7")
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(sealed, string(plain)) {
		t.Fatal("the sealed text holds the plaintext")
	}
	got, err := a.Open(sealed, "account:7")
	if err != nil || !bytes.Equal(got, plain) {
		t.Fatalf("Open = %q, %v", got, err)
	}
	again, _ := a.Seal(plain, "account:7")
	if again == sealed {
		t.Error("two seals of one value are equal: the nonce is not random")
	}
	tampered := sealed[:len(sealed)-2] + "AA"
	if sealed[len(sealed)-2:] == "AA" {
		tampered = sealed[:len(sealed)-2] + "BB"
	}
	var nilSealer *Sealer
	tests := []struct {
		name    string
		s       *Sealer
		sealed  string
		context string
		want    error
	}{
		{"other context", a, sealed, "account:8", ErrCorrupt},
		{"other key", b, sealed, "account:7", ErrWrongKey},
		{"no key", nilSealer, sealed, "account:7", ErrNoKey},
		{"tampered", a, tampered, "account:7", ErrCorrupt},
		{"not sealed", a, "plain text", "account:7", ErrCorrupt},
		{"bad base64", a, "v1." + a.KeyID() + ".***", "account:7", ErrCorrupt},
		{"too short", a, "v1." + a.KeyID() + ".AAAA", "account:7", ErrCorrupt},
	}
	for _, tt := range tests {
		if _, err := tt.s.Open(tt.sealed, tt.context); !errors.Is(err, tt.want) {
			t.Errorf("%s: Open err = %v, want %v", tt.name, err, tt.want)
		}
	}
	if _, err := nilSealer.Seal(plain, "x"); !errors.Is(err, ErrNoKey) {
		t.Errorf("nil Seal err = %v", err)
	}
}

// TestKeyDerivation: the key id depends on the key text only, and short keys are refused.
func TestKeyDerivation(t *testing.T) {
	if first, again := mustNew(t, keyA), mustNew(t, keyA); first.KeyID() != again.KeyID() {
		t.Error("one key text gives two key ids")
	}
	if mustNew(t, keyA).KeyID() == mustNew(t, keyB).KeyID() {
		t.Error("two keys share a key id")
	}
	if _, err := New(strings.Repeat("x", MinKeyLength-1)); err == nil {
		t.Error("a short key is accepted")
	}
	if strings.Contains(mustNew(t, keyA).KeyID(), "0123") {
		t.Error("the key id shows the key")
	}
}
