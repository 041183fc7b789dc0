package password

import (
	"errors"
	"strings"
	"testing"
)

// TestProductionCostsStay: the hashes CreditDesk stores keep the OWASP argon2id costs (19 MiB,
// 2 passes, 1 lane), and the zero Params mean those costs, never cheaper ones.
func TestProductionCostsStay(t *testing.T) {
	want := Params{MemoryKiB: 19456, Passes: 2, Lanes: 1}
	if got := Production(); got != want {
		t.Errorf("Production() = %+v, want %+v", got, want)
	}
	h, err := Params{}.Hash("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("the zero Params hashed %q, want the production costs", h)
	}
}

// TestHashRefusesCostsArgon2Cannot: costs below argon2's minimum are an error, not a panic.
func TestHashRefusesCostsArgon2Cannot(t *testing.T) {
	for _, p := range []Params{{MemoryKiB: 8, Passes: 0, Lanes: 1}, {MemoryKiB: 8, Passes: 1, Lanes: 0}, {MemoryKiB: 15, Passes: 1, Lanes: 2}} {
		if h, err := p.Hash("correct horse battery staple"); err == nil {
			t.Errorf("%+v.Hash = %q, want an error", p, h)
		}
	}
}

func TestHashVerify(t *testing.T) {
	h, err := Production().Hash("correct horse battery staple")
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
	h2, _ := Production().Hash("correct horse battery staple")
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
