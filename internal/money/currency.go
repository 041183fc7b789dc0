package money

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/text/currency"
)

// ErrCurrency reports a code that is not an ISO 4217 currency code in capitals.
var ErrCurrency = errors.New("not an ISO 4217 currency code")

// CheckCurrency is CreditDesk's one currency check (M2, M16), used wherever a currency comes in
// (billing profiles, benefits, cost exports, scenario files): code must be the three capital
// letters of a currency on the ISO 4217 list of golang.org/x/text/currency, such as USD, EUR or
// JPY. "usd", "123", "US" and "ABC" are refused, and so is XXX, the code of no currency.
func CheckCurrency(code string) error {
	if len(code) == 3 && strings.ToUpper(code) == code {
		if u, err := currency.ParseISO(code); err == nil && u != (currency.Unit{}) {
			return nil
		}
	}
	return fmt.Errorf("%q is %w in capitals, such as USD", code, ErrCurrency)
}

// MinorUnits is the number of decimals a currency's amounts are written with, as
// golang.org/x/text/currency (CLDR) gives them for ISO 4217: 2 for USD and EUR, 0 for JPY, 3 for
// KWD. A code CheckCurrency refuses gets 2.
func MinorUnits(code string) int {
	u, err := currency.ParseISO(code)
	if err != nil || u == (currency.Unit{}) {
		return 2
	}
	scale, _ := currency.Standard.Rounding(u)
	return scale
}

// Format renders the amount for people, as a plain decimal with the minor units of the currency
// and more decimals only when the amount has them: "2000.00" for USD, "2000" for JPY, "12.500"
// for KWD, "0.000001" for USD, "0.5" for JPY. Nothing is rounded. String, whose two decimals
// the API's wire format keeps, is the same number.
func (a Amount) Format(code string) string {
	whole, frac, _ := strings.Cut(a.String(), ".")
	frac = strings.TrimRight(frac, "0")
	if units := MinorUnits(code); len(frac) < units {
		frac += strings.Repeat("0", units-len(frac))
	}
	if frac == "" {
		return whole
	}
	return whole + "." + frac
}

// Round rounds the amount to the currency's minor units (cents of USD, whole yen), half away
// from zero. It is for projections (the runway's rate, what will expire), which the pages show
// rounded: they are estimates, and a burn rate carries micro-units no one needs to read. Ledger
// amounts are always shown exactly.
func (a Amount) Round(code string) Amount {
	step := int64(1) // micro-units in the currency's smallest unit
	for range Scale - MinorUnits(code) {
		step *= 10
	}
	m := a.micros
	r := m % step
	m -= r
	switch {
	case step == 1: // six decimals: nothing to round
	case r >= step/2:
		m += step
	case r <= -step/2:
		m -= step
	}
	return FromMicros(m)
}
