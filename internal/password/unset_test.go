package password

import (
	"errors"
	"testing"
)

// TestUnsetNeverVerifies: the hash of an account without a password refuses every password as
// a plain mismatch (no error to log), and is recognised as unset; a real hash is not.
func TestUnsetNeverVerifies(t *testing.T) {
	h, err := Unset()
	if err != nil {
		t.Fatal(err)
	}
	for _, pw := range []string{"", "creditdesk-demo", "creditdesk:unset", h} {
		if err := Verify(pw, h); !errors.Is(err, ErrMismatch) {
			t.Errorf("Verify(%q, unset) = %v, want ErrMismatch", pw, err)
		}
	}
	if !IsUnset(h) {
		t.Error("IsUnset(Unset()) = false")
	}
	real, err := Production().Hash("a long passphrase")
	if err != nil {
		t.Fatal(err)
	}
	if IsUnset(real) {
		t.Error("IsUnset(Hash(...)) = true")
	}
}
