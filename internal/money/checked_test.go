package money

import (
	"errors"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestCheckedArithmetic: M16, X2: a sum or product beyond the range of an Amount is
// ErrOverflow, never a wrapped value; everything in range is exact.
func TestCheckedArithmetic(t *testing.T) {
	maxA, minA := FromMicros(math.MaxInt64), FromMicros(math.MinInt64)
	one := FromMicros(1)
	tests := []struct {
		name string
		got  func() (Amount, error)
		want Amount
		err  bool
	}{
		{"max + 1", func() (Amount, error) { return maxA.AddChecked(one) }, Zero, true},
		{"min + -1", func() (Amount, error) { return minA.AddChecked(one.Neg()) }, Zero, true},
		{"max + min", func() (Amount, error) { return maxA.AddChecked(minA) }, FromMicros(-1), false},
		{"max - -1", func() (Amount, error) { return maxA.SubChecked(one.Neg()) }, Zero, true},
		{"min - 1", func() (Amount, error) { return minA.SubChecked(one) }, Zero, true},
		{"0 - min", func() (Amount, error) { return Zero.SubChecked(minA) }, Zero, true},
		{"-1 - min", func() (Amount, error) { return FromMicros(-1).SubChecked(minA) }, maxA, false},
		{"100 lines of 99,999,999,999", func() (Amount, error) { return MustParse("99999999999").MulChecked(100) }, Zero, true},
		{"92 lines of 99,999,999,999", func() (Amount, error) { return MustParse("99999999999").MulChecked(92) }, FromMicros(9_199_999_999_908_000_000), false},
		{"93 lines of 99,999,999,999", func() (Amount, error) { return MustParse("99999999999").MulChecked(93) }, Zero, true},
		{"max × -1", func() (Amount, error) { return maxA.MulChecked(-1) }, FromMicros(-math.MaxInt64), false},
		{"min × -1", func() (Amount, error) { return minA.MulChecked(-1) }, Zero, true},
		{"min × 1", func() (Amount, error) { return minA.MulChecked(1) }, minA, false},
		{"2^62 × -2", func() (Amount, error) { return FromMicros(1 << 62).MulChecked(-2) }, minA, false},
		{"2^62 × 2", func() (Amount, error) { return FromMicros(1 << 62).MulChecked(2) }, Zero, true},
		{"0 × min", func() (Amount, error) { return Zero.MulChecked(math.MinInt64) }, Zero, false},
	}
	for _, tt := range tests {
		got, err := tt.got()
		if tt.err != errors.Is(err, ErrOverflow) || got != tt.want {
			t.Errorf("%s = %v, %v; want %v, overflow %t", tt.name, got.Micros(), err, tt.want.Micros(), tt.err)
		}
	}
}

// TestCheckedAgreesWithBigIntegers: property: for random operands near and far from the edges,
// the checked operations give the exact result exactly when it fits in an int64.
func TestCheckedAgreesWithBigIntegers(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 2))
	edges := []int64{0, 1, -1, math.MaxInt64, math.MinInt64, math.MaxInt64 / 2, math.MinInt64 / 2, 1 << 32, -(1 << 32)}
	pick := func() int64 {
		if rng.IntN(3) == 0 {
			return edges[rng.IntN(len(edges))] + rng.Int64N(5) - 2
		}
		return int64(rng.Uint64())
	}
	minB, maxB := big.NewInt(math.MinInt64), big.NewInt(math.MaxInt64)
	check := func(op string, a, b int64, exact *big.Int, got Amount, err error) {
		fits := exact.Cmp(minB) >= 0 && exact.Cmp(maxB) <= 0
		if fits != (err == nil) || fits && got.Micros() != exact.Int64() {
			t.Fatalf("%d %s %d = %d, %v; exact %s", a, op, b, got.Micros(), err, exact)
		}
	}
	for range 100_000 {
		a, b := pick(), pick()
		x, y := big.NewInt(a), big.NewInt(b)
		got, err := FromMicros(a).AddChecked(FromMicros(b))
		check("+", a, b, new(big.Int).Add(x, y), got, err)
		got, err = FromMicros(a).SubChecked(FromMicros(b))
		check("-", a, b, new(big.Int).Sub(x, y), got, err)
		got, err = FromMicros(a).MulChecked(b)
		check("×", a, b, new(big.Int).Mul(x, y), got, err)
	}
}

// TestUncheckedPanicsRatherThanWrap: Add, Sub, Neg and FromUnits are for bounded operands; when
// a bound is missing they stop with ErrOverflow instead of returning wrapped money.
func TestUncheckedPanicsRatherThanWrap(t *testing.T) {
	maxA := FromMicros(math.MaxInt64)
	for name, f := range map[string]func(){
		"Add":       func() { maxA.Add(FromMicros(1)) },
		"Sub":       func() { maxA.Neg().Sub(FromMicros(2)) },
		"Neg":       func() { FromMicros(math.MinInt64).Neg() },
		"FromUnits": func() { FromUnits(10_000_000_000_000) },
	} {
		func() {
			defer func() {
				if r := recover(); r != ErrOverflow {
					t.Errorf("%s: recovered %v, want ErrOverflow", name, r)
				}
			}()
			f()
		}()
	}
	if got := FromMicros(math.MinInt64).String(); got != "-9223372036854.775808" {
		t.Errorf("the most negative amount renders %q", got)
	}
}
