package money

import (
	"encoding/json"
	"errors"
	"testing"
)

// TestParseAndString: M16: amounts are exact decimals; what is written is what is stored.
func TestParseAndString(t *testing.T) {
	tests := []struct {
		in     string
		micros int64
		out    string
	}{
		{"2000", 2_000_000_000, "2000.00"},
		{"2000.00", 2_000_000_000, "2000.00"},
		{"-25.5", -25_500_000, "-25.50"},
		{"0.000001", 1, "0.000001"},
		{"+7.10", 7_100_000, "7.10"},
		{"0", 0, "0.00"},
		{"-0.01", -10_000, "-0.01"},
		{"99999999999.999999", 99_999_999_999_999_999, "99999999999.999999"},
		{"007.5", 7_500_000, "7.50"},
	}
	for _, tt := range tests {
		a, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if a.Micros() != tt.micros || a.String() != tt.out {
			t.Errorf("Parse(%q) = %d micros %q, want %d %q", tt.in, a.Micros(), a.String(), tt.micros, tt.out)
		}
	}
}

func TestParseRefusesWhatIsNotAPlainDecimal(t *testing.T) {
	tests := []struct {
		in   string
		want error
	}{
		{"", ErrSyntax}, {"-", ErrSyntax}, {".", ErrSyntax}, {"1.", ErrSyntax}, {"1e3", ErrSyntax},
		{"1,000.00", ErrSyntax}, {" 1", ErrSyntax}, {"1.2.3", ErrSyntax}, {"NaN", ErrSyntax}, {"--1", ErrSyntax},
		{"0.0000001", ErrPrecision}, {"100000000000", ErrRange}, {"123456789012345678901", ErrRange},
	}
	for _, tt := range tests {
		if _, err := Parse(tt.in); !errors.Is(err, tt.want) {
			t.Errorf("Parse(%q) err = %v, want %v", tt.in, err, tt.want)
		}
	}
}

func TestArithmetic(t *testing.T) {
	a, b := MustParse("10.10"), MustParse("0.000001")
	if got := a.Add(b).String(); got != "10.100001" {
		t.Errorf("Add = %s", got)
	}
	if got := b.Sub(a).String(); got != "-10.099999" {
		t.Errorf("Sub = %s", got)
	}
	if a.Neg().Abs() != a || !a.Neg().IsNegative() || !a.IsPositive() || !Zero.IsZero() {
		t.Error("Neg/Abs/sign predicates")
	}
	if Min(a, b) != b || Max(a, b) != a || a.Cmp(b) != 1 || b.Cmp(a) != -1 || a.Cmp(a) != 0 {
		t.Error("Min/Max/Cmp")
	}
	// 0.1 + 0.2 is exactly 0.3, as it never is in float64.
	if MustParse("0.1").Add(MustParse("0.2")) != MustParse("0.3") {
		t.Error("0.1 + 0.2 != 0.3")
	}
	if FromUnits(3) != MustParse("3") || FromMicros(5).Micros() != 5 {
		t.Error("FromUnits/FromMicros")
	}
}

func TestJSON(t *testing.T) {
	b, err := json.Marshal(struct{ A Amount }{MustParse("-1234.5")})
	if err != nil || string(b) != `{"A":-1234.50}` {
		t.Errorf("Marshal = %s, %v", b, err)
	}
	var v struct{ A, B Amount }
	if err := json.Unmarshal([]byte(`{"A":"12.34","B":0.000001}`), &v); err != nil || v.A != MustParse("12.34") || v.B.Micros() != 1 {
		t.Errorf("Unmarshal = %+v, %v", v, err)
	}
	for _, bad := range []string{`{"A":"1e3"}`, `{"A":"12.3456789"}`, `{"A":true}`} {
		if err := json.Unmarshal([]byte(bad), &v); err == nil {
			t.Errorf("Unmarshal(%s) accepted", bad)
		}
	}
	var a Amount
	if err := a.UnmarshalJSON([]byte(`"5`)); err == nil {
		t.Error("a lone quote was accepted")
	}
}
