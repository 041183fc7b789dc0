package costcsv

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestParseCost: exact decimals, exponents, half-even rounding to micro-units, refusals (M16).
func TestParseCost(t *testing.T) {
	tests := []struct {
		in      string
		micros  int64
		wantErr string // the key of the problem; "" for none
	}{
		{"12.5", 12_500_000, ""},
		{"-3", -3_000_000, ""},
		{"+0.1", 100_000, ""},
		{".5", 500_000, ""},
		{"0", 0, ""},
		{"-0.0000001", 0, ""},
		{"1.5E-05", 15, ""},
		{"1.5e-5", 15, ""},
		{"2.5E+2", 250_000_000, ""},
		{"1E2", 100_000_000, ""},
		{"12.3456789012", 12_345_679, ""},
		{"0.0000005", 0, ""},   // tie: to even 0
		{"0.0000015", 2, ""},   // tie: to even 2
		{"0.0000025", 2, ""},   // tie: to even 2
		{"-0.0000025", -2, ""}, // symmetric
		{"0.00000251", 3, ""},
		{"0.0000024999999999999999999", 2, ""}, // long mantissa: math/big
		{"00000000000000000000001.5", 1_500_000, ""},
		{"1234567890.1234567890123", 1_234_567_890_123_457, ""},
		{"99999999999.9999994", 99_999_999_999_999_999, ""},
		{"1E-9999", 0, ""},
		{"99999999999.9999995", 0, KeyCostTooLarge},
		{"100000000000", 0, KeyCostTooLarge},
		{"1E11", 0, KeyCostTooLarge},
		{"1E9999", 0, KeyCostTooLarge},
		{"123456789012345678901234567890", 0, KeyCostTooLarge},
		{"abc", 0, KeyNotNumber},
		{"1,5", 0, KeyNotNumber},
		{"NaN", 0, KeyNotNumber},
		{"Inf", 0, KeyNotNumber},
		{"$5", 0, KeyNotNumber},
		{"1.", 0, KeyNotNumber},
		{"--1", 0, KeyNotNumber},
		{"1e", 0, KeyNotNumber},
		{"1e+", 0, KeyNotNumber},
		{"1e+-5", 0, KeyNotNumber},
		{"e5", 0, KeyNotNumber},
		{"1e5.5", 0, KeyNotNumber},
		{"1e12345", 0, KeyNotNumber},
		{" 1", 0, KeyNotNumber},
		{"0x10", 0, KeyNotNumber},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := parseCost(tt.in)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("error %v", err)
			case tt.wantErr != "" && (err == nil || err.(cellError).said.Key != tt.wantErr):
				t.Fatalf("got %v, %v; want error %q", got, err, tt.wantErr)
			case got.Micros() != tt.micros:
				t.Errorf("got %d micro-units, want %d", got.Micros(), tt.micros)
			}
		})
	}
}

// TestParseCostProperty compares parseCost with a math/big.Rat reference on random decimals,
// covering the money.Parse, uint64 and math/big paths alike.
func TestParseCostProperty(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20_000 {
		digits := make([]byte, 1+rng.IntN(25))
		for i := range digits {
			digits[i] = byte('0' + rng.IntN(10))
		}
		point := rng.IntN(len(digits) + 1)
		s := string(digits[:point])
		if point < len(digits) {
			s += "." + string(digits[point:])
		}
		if rng.IntN(2) == 0 {
			s = "-" + s
		}
		if rng.IntN(3) == 0 {
			s += fmt.Sprintf("E%d", rng.IntN(40)-30)
		}
		want, ok := reference(s)
		got, err := parseCost(s)
		if ok != (err == nil) || ok && got.Micros() != want {
			t.Fatalf("parseCost(%q) = %d, %v; reference %d, in range %v", s, got.Micros(), err, want, ok)
		}
	}
}

// reference rounds s half-even to micro-units with big.Rat; ok is false out of range.
func reference(s string) (int64, bool) {
	r, _ := new(big.Rat).SetString(s)
	r.Mul(r, big.NewRat(1_000_000, 1))
	neg := r.Sign() < 0
	r.Abs(r)
	q, m := new(big.Int).QuoRem(r.Num(), r.Denom(), new(big.Int))
	switch c := new(big.Int).Lsh(m, 1).Cmp(r.Denom()); {
	case c > 0, c == 0 && q.Bit(0) == 1:
		q.Add(q, big.NewInt(1))
	}
	if q.Cmp(big.NewInt(limitMicros)) >= 0 {
		return 0, false
	}
	if neg {
		q.Neg(q)
	}
	return q.Int64(), true
}
