package password

import (
	"errors"
	"strings"
	"testing"
)

func TestHashVerify(t *testing.T) {
	h, err := Hash("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash %q is not an argon2id PHC string with the expected parameters", h)
	}
	if err := Verify("correct horse battery staple", h); err != nil {
		t.Errorf("Verify(right password) = %v, want nil", err)
	}
	if err := Verify("Correct horse battery staple", h); !errors.Is(err, ErrMismatch) {
		t.Errorf("Verify(wrong password) = %v, want ErrMismatch", err)
	}
	h2, _ := Hash("correct horse battery staple")
	if h == h2 {
		t.Error("two hashes of one password are equal: the salt is not random")
	}
}

func TestVerifyRefusesMalformedHashes(t *testing.T) {
	for _, h := range []string{"", "plain", "$argon2i$v=19$m=1,t=1,p=1$c2FsdA$a2V5", "$argon2id$v=19$m=x$c2FsdA$a2V5", "$argon2id$v=19$m=1,t=1,p=1$!!$a2V5"} {
		if err := Verify("whatever password", h); err == nil || errors.Is(err, ErrMismatch) {
			t.Errorf("Verify(%q) = %v, want a format error", h, err)
		}
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		pw   string
		want string
	}{
		{"short", "must be at least 12 characters"},
		{strings.Repeat("a", 12), ""},
		{strings.Repeat("a", 128), ""},
		{strings.Repeat("a", 129), "must be at most 128 characters"},
	}
	for _, tt := range tests {
		if got := Check(tt.pw); got != tt.want {
			t.Errorf("Check(%d chars) = %q, want %q", len(tt.pw), got, tt.want)
		}
	}
}
