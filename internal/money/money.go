// Package money holds the exact decimal amount type used for every sum of money in CreditDesk
// (DOMAIN M16), and the one currency check (M2). An Amount is a count of micro-units (10^-6) in
// an int64: exact, cheap to add, and stored as a plain integer column on every database. No
// float64 ever holds money.
package money

import (
	"cmp"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Scale is the number of decimal places an Amount keeps.
const Scale = 6

// unit is one whole currency unit in micro-units.
const unit = 1_000_000

// Limit bounds the magnitude Parse accepts, in whole units: one amount stays below 100 billion.
// An Amount itself holds up to about 9.2 trillion units (2^63-1 micro-units); no operation ever
// wraps past that (see checked.go), and the callers' documented limits keep sums far below it.
const Limit = 100_000_000_000

// Amount is an exact decimal amount of money with six decimal places. The zero value is 0.
type Amount struct {
	micros int64
}

// Zero is the amount 0.
var Zero = Amount{}

// ErrSyntax reports a string that is not a plain decimal number.
var ErrSyntax = errors.New("not a decimal number")

// ErrPrecision reports a number with more than six decimal places.
var ErrPrecision = errors.New("more than 6 decimal places")

// ErrRange reports a number whose magnitude reaches Limit.
var ErrRange = errors.New("too large")

// FromMicros returns the amount of the given number of micro-units.
func FromMicros(micros int64) Amount { return Amount{micros: micros} }

// FromUnits returns the amount of the given number of whole units. It is for constants: it
// panics with ErrOverflow beyond the range of an Amount rather than wrap.
func FromUnits(units int64) Amount { return must(FromMicros(units).MulChecked(unit)) }

// Parse reads a plain decimal string such as "2000", "-25.5" or "0.000001". It refuses
// exponents, thousands separators, spaces, more than six decimal places and magnitudes of
// Limit or more, so that what is stored is exactly what was written.
func Parse(s string) (Amount, error) {
	if s == "" {
		return Zero, ErrSyntax
	}
	neg := false
	body := s
	switch body[0] {
	case '-':
		neg, body = true, body[1:]
	case '+':
		body = body[1:]
	}
	whole, frac, hasPoint := strings.Cut(body, ".")
	if whole == "" && frac == "" || hasPoint && frac == "" || !digitsOnly(whole) || !digitsOnly(frac) {
		return Zero, ErrSyntax
	}
	if len(frac) > Scale {
		return Zero, ErrPrecision
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > len(strconv.Itoa(Limit))-1 {
		return Zero, ErrRange
	}
	var units int64
	if whole != "" {
		units, _ = strconv.ParseInt(whole, 10, 64) // digits only and short: cannot fail
	}
	if units >= Limit {
		return Zero, ErrRange
	}
	frac += strings.Repeat("0", Scale-len(frac))
	fraction, _ := strconv.ParseInt(frac, 10, 64)
	micros := units*unit + fraction
	if neg {
		micros = -micros
	}
	return Amount{micros: micros}, nil
}

// MustParse is Parse for constants in tests and fixtures; it panics on a bad literal.
func MustParse(s string) Amount {
	a, err := Parse(s)
	if err != nil {
		panic(fmt.Sprintf("money.MustParse(%q): %v", s, err))
	}
	return a
}

func digitsOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Micros returns the amount as a count of micro-units.
func (a Amount) Micros() int64 { return a.micros }

// Add returns a + b. It is for operands the caller's limits already bound (see checked.go): a
// result beyond the range of an Amount panics with ErrOverflow rather than wrap. Sums of
// unchecked input use AddChecked.
func (a Amount) Add(b Amount) Amount { return must(a.AddChecked(b)) }

// Sub returns a - b, panicking with ErrOverflow like Add rather than wrap.
func (a Amount) Sub(b Amount) Amount { return must(a.SubChecked(b)) }

// Neg returns -a, panicking with ErrOverflow for the one amount whose negation does not fit.
func (a Amount) Neg() Amount { return must(Zero.SubChecked(a)) }

// Abs returns |a|.
func (a Amount) Abs() Amount {
	if a.micros < 0 {
		return a.Neg()
	}
	return a
}

// Cmp returns -1, 0 or +1 as a is less than, equal to or greater than b.
func (a Amount) Cmp(b Amount) int { return cmp.Compare(a.micros, b.micros) }

// IsZero reports whether a is 0.
func (a Amount) IsZero() bool { return a.micros == 0 }

// IsNegative reports whether a is below 0.
func (a Amount) IsNegative() bool { return a.micros < 0 }

// IsPositive reports whether a is above 0.
func (a Amount) IsPositive() bool { return a.micros > 0 }

// Min returns the smaller of a and b.
func Min(a, b Amount) Amount {
	if a.micros < b.micros {
		return a
	}
	return b
}

// Max returns the larger of a and b.
func Max(a, b Amount) Amount {
	if a.micros > b.micros {
		return a
	}
	return b
}

// String renders the amount as a plain decimal with at least two decimal places and no
// trailing zeros beyond them: "2000.00", "-25.50", "0.000001".
func (a Amount) String() string { return string(a.Append(make([]byte, 0, 24))) }

// Append appends the amount as String renders it to b, without allocating beyond b's growth:
// the JSON encoders of large lists write thousands of amounts a response.
func (a Amount) Append(b []byte) []byte {
	m := uint64(a.micros)
	if a.micros < 0 {
		b = append(b, '-')
		m = -m // two's complement: right for the most negative amount too
	}
	b = strconv.AppendUint(b, m/unit, 10)
	frac := m % unit
	digits := Scale // the fraction's digits kept: trailing zeros dropped, two at least
	for digits > 2 && frac%10 == 0 {
		frac /= 10
		digits--
	}
	b = append(b, '.')
	for div := pow10(digits - 1); div > 0; div /= 10 {
		b = append(b, byte('0'+frac/div%10))
	}
	return b
}

// pow10 is 10^n for a small n >= 0.
func pow10(n int) uint64 {
	p := uint64(1)
	for range n {
		p *= 10
	}
	return p
}

// MarshalJSON renders the amount as a JSON number with its exact decimal digits.
func (a Amount) MarshalJSON() ([]byte, error) { return a.Append(nil), nil }

// UnmarshalJSON reads a JSON number or a JSON string holding a decimal, exactly.
func (a *Amount) UnmarshalJSON(b []byte) error {
	s := string(b)
	if len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"' {
		s = s[1 : len(s)-1]
	}
	v, err := Parse(s)
	if err != nil {
		return fmt.Errorf("money: %q: %w", s, err)
	}
	*a = v
	return nil
}
