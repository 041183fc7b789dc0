package costcsv

import (
	"errors"
	"math/big"
	"strconv"
	"strings"

	"github.com/creditdesk/creditdesk/internal/money"
)

// maxExponentDigits bounds the exponent of a cost so that "1E999999999" cannot make math/big
// build a huge power of ten; four digits already go far beyond any amount money can hold.
const maxExponentDigits = 4

// errCostRange reports a cost whose magnitude reaches money.Limit once rounded.
var errCostRange = bad(KeyCostTooLarge, int(money.Limit))

// parseCost reads costInBillingCurrency exactly: an optional sign, digits with an optional
// fraction, an optional exponent ("1.5E-05"), rounded half-even to money.Scale decimal places.
// The common case, a plain decimal of at most six places, takes money.Parse's fast path.
func parseCost(s string) (money.Amount, error) {
	a, err := money.Parse(s)
	switch {
	case err == nil:
		return a, nil
	case errors.Is(err, money.ErrRange):
		return money.Zero, errCostRange
	}
	neg, m, exp, ok := scanDecimal(s)
	if !ok {
		return money.Zero, bad(KeyNotNumber, cellValue(s))
	}
	micros, ok := roundToMicros(m, money.Scale-m.fracLen+exp)
	if !ok {
		return money.Zero, errCostRange
	}
	if neg {
		micros = -micros
	}
	return money.FromMicros(micros), nil
}

// limitMicros is money.Limit in micro-units: 10^17, a number of limitDigits digits.
const (
	limitMicros = money.Limit * 1_000_000
	limitDigits = 18
)

// mantissa is the digits of a decimal without its point, kept as the two strings around it so
// that reading a cost allocates nothing: whole has no leading zeros, and when it is empty
// neither has frac, whose length still counts as fraction digits.
type mantissa struct {
	whole, frac string
	fracLen     int
}

func (m mantissa) digits() int { return len(m.whole) + len(m.frac) }

// roundToMicros returns m·10^shift rounded half-even to an integer, if its magnitude stays
// below money.Limit whole units. Exports write up to about 15 significant digits, which uint64
// holds; longer mantissas take math/big.
func roundToMicros(m mantissa, shift int) (int64, bool) {
	n := m.digits()
	switch {
	case n == 0:
		return 0, true
	case n+shift > limitDigits: // at least 10^18: surely too large
		return 0, false
	case shift < 0 && -shift > n+1: // below 10^n / 10^(n+2): under a hundredth of a micro-unit
		return 0, true
	case n > limitDigits:
		return roundBig(m.whole+m.frac, shift)
	}
	var mant uint64
	for _, part := range [2]string{m.whole, m.frac} {
		for i := 0; i < len(part); i++ {
			mant = mant*10 + uint64(part[i]-'0') // at most 18 digits: no overflow
		}
	}
	if shift >= 0 {
		mant *= pow10u(shift) // n+shift ≤ 18: no overflow
	} else {
		div := pow10u(-shift) // -shift ≤ n+1 ≤ 19: fits uint64
		q, r := mant/div, mant%div
		if r > div-r || r == div-r && q%2 == 1 {
			q++
		}
		mant = q
	}
	if mant >= limitMicros {
		return 0, false
	}
	return int64(mant), true
}

// roundBig is roundToMicros for mantissas longer than 18 digits.
func roundBig(digits string, shift int) (int64, bool) {
	mant, _ := new(big.Int).SetString(digits, 10) // digits only: cannot fail
	if shift >= 0 {
		mant.Mul(mant, pow10(shift))
	} else {
		div := pow10(-shift)
		q, r := new(big.Int).QuoRem(mant, div, new(big.Int))
		if c := r.Lsh(r, 1).Cmp(div); c > 0 || c == 0 && q.Bit(0) == 1 {
			q.Add(q, big.NewInt(1))
		}
		mant = q
	}
	if !mant.IsInt64() || mant.Int64() >= limitMicros {
		return 0, false
	}
	return mant.Int64(), true
}

// pow10u returns 10^n for n ≤ 19.
func pow10u(n int) uint64 {
	p := uint64(1)
	for range n {
		p *= 10
	}
	return p
}

func pow10(n int) *big.Int { return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(n)), nil) }

// scanDecimal splits [+-]digits[.digits][(e|E)[+-]digits] into its sign, mantissa and
// exponent. At least one mantissa digit is needed, and one after a point.
func scanDecimal(s string) (neg bool, m mantissa, exp int, ok bool) {
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg, s = s[0] == '-', s[1:]
	}
	body, exponent, hasExp := strings.Cut(s, "e")
	if !hasExp {
		body, exponent, hasExp = strings.Cut(s, "E")
	}
	whole, frac, hasPoint := strings.Cut(body, ".")
	if whole == "" && frac == "" || hasPoint && frac == "" || !digitsOnly(whole) || !digitsOnly(frac) {
		return false, mantissa{}, 0, false
	}
	if hasExp {
		digits := strings.TrimLeft(exponent, "+-")
		if len(exponent)-len(digits) > 1 || digits == "" || !digitsOnly(digits) || len(digits) > maxExponentDigits {
			return false, mantissa{}, 0, false
		}
		exp, _ = strconv.Atoi(exponent) // a sign and at most four digits: cannot fail
	}
	m = mantissa{whole: strings.TrimLeft(whole, "0"), frac: frac, fracLen: len(frac)}
	if m.whole == "" {
		m.frac = strings.TrimLeft(frac, "0")
	}
	return neg, m, exp, true
}

func digitsOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
