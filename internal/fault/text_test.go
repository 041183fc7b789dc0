package fault

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestClip: caller text in a message keeps at most 40 bytes, cut between characters.
func TestClip(t *testing.T) {
	long := strings.Repeat("a", 39) + "é" + strings.Repeat("b", 100) // é straddles byte 40
	tests := []struct{ in, want string }{
		{"", ""},
		{"2021-10-01", "2021-10-01"},
		{strings.Repeat("x", 40), strings.Repeat("x", 40)},
		{strings.Repeat("x", 41), strings.Repeat("x", 40) + "…"},
		{long, strings.Repeat("a", 39) + "…"},
	}
	for _, tt := range tests {
		got := Clip(tt.in)
		if got != tt.want || !utf8.ValidString(got) {
			t.Errorf("Clip(%.50q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestLines: a list of problems reads as one error, a problem a line, and errors.As finds it.
func TestLines(t *testing.T) {
	var err error = Invalid{{Field: "name", Message: "Required."}, {Field: "expires", Message: "In the future."}}
	if got := err.Error(); got != "name: Required.\nexpires: In the future." {
		t.Errorf("Invalid.Error() = %q", got)
	}
	err = Lines[FieldError]{{Field: "a", Message: "b"}}
	var l Lines[FieldError]
	if !errors.As(err, &l) || len(l) != 1 || l.Error() != "a: b" {
		t.Errorf("errors.As: %v", l)
	}
	if got := (Lines[FieldError]{}).Error(); got != "" {
		t.Errorf("no problems = %q", got)
	}
}
