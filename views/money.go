package views

import (
	"strings"

	"github.com/creditdesk/creditdesk/internal/money"
)

// Money formats an amount with its ISO 4217 code the way the pages show money (M16): thousands
// separators, two decimals, more only when the amount has them, the sign before the code as
// ICU's en locale writes it: "USD 1,234.50", "-USD 25.00", "EUR 0.000001". The digits are the
// exact decimal of money.Amount.String, never a float.
func Money(a money.Amount, currency string) string {
	whole, frac, _ := strings.Cut(a.Abs().String(), ".")
	var b strings.Builder
	b.Grow(len(currency) + len(whole) + len(whole)/3 + len(frac) + 3)
	if a.IsNegative() {
		b.WriteByte('-')
	}
	if currency != "" {
		b.WriteString(currency)
		b.WriteByte(' ')
	}
	for i := 0; i < len(whole); i++ {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteByte(whole[i])
	}
	b.WriteByte('.')
	b.WriteString(frac)
	return b.String()
}

// Cents rounds an amount to whole cents, half away from zero. Only projections (the runway's
// rate and what will expire) are shown rounded: they are estimates, and a burn rate carries
// micro-units no one needs to read. Ledger amounts are always shown exactly.
func Cents(a money.Amount) money.Amount {
	const cent = 10_000 // micro-units
	m := a.Micros()
	r := m % cent
	m -= r
	switch {
	case r >= cent/2:
		m += cent
	case r <= -cent/2:
		m -= cent
	}
	return money.FromMicros(m)
}
