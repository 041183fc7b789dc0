package views

import (
	"strings"

	"github.com/creditdesk/creditdesk/internal/money"
)

// Money formats an amount with its ISO 4217 code the way the pages show money (M16): thousands
// separators, the currency's minor units (two for USD, none for JPY) and more decimals only when
// the amount has them, the sign before the code as ICU's en locale writes it: "USD 1,234.50",
// "-USD 25.00", "EUR 0.000001", "JPY 1,235". The digits are the exact decimal of
// money.Amount.Format, never a float.
func Money(a money.Amount, currency string) string {
	whole, frac, hasFrac := strings.Cut(a.Abs().Format(currency), ".")
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
	if hasFrac {
		b.WriteByte('.')
		b.WriteString(frac)
	}
	return b.String()
}
