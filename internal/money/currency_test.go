package money

import (
	"errors"
	"testing"

	"golang.org/x/text/currency"
)

// TestCheckCurrency (M2, M16): one rule for every currency that comes in: the capitals of an ISO
// 4217 code.
func TestCheckCurrency(t *testing.T) {
	for _, code := range []string{"USD", "EUR", "GBP", "JPY", "KWD", "CHF"} {
		if err := CheckCurrency(code); err != nil {
			t.Errorf("CheckCurrency(%q) = %v, want nil", code, err)
		}
	}
	for _, code := range []string{"", "usd", "Usd", "123", "US", "USDX", "ABC", "XXX", "U$D", " USD"} {
		err := CheckCurrency(code)
		if !errors.Is(err, ErrCurrency) {
			t.Errorf("CheckCurrency(%q) = %v, want ErrCurrency", code, err)
		}
	}
	if got := CheckCurrency("usd").Error(); got != `"usd" is not an ISO 4217 currency code in capitals, such as USD` {
		t.Errorf("message %q", got)
	}
}

// TestEveryISOCodePasses: every code of the list passes the check.
func TestEveryISOCodePasses(t *testing.T) {
	n := 0
	for it := currency.Query(); it.Next(); n++ {
		if code := it.Unit().String(); CheckCurrency(code) != nil {
			t.Errorf("%s: %v", code, CheckCurrency(code))
		}
	}
	if n < 150 {
		t.Errorf("%d currencies listed, want the ISO 4217 list", n)
	}
}

// TestFormat: the currency's minor units, more only when the amount has them, never rounded.
func TestFormat(t *testing.T) {
	tests := []struct{ amount, code, want string }{
		{"2000", "USD", "2000.00"},
		{"2000", "JPY", "2000"},
		{"-1234.5", "JPY", "-1234.5"},
		{"0", "JPY", "0"},
		{"12.5", "KWD", "12.500"},
		{"0.000001", "USD", "0.000001"},
		{"-25.5", "EUR", "-25.50"},
		{"7", "", "7.00"},
		{"7", "ABC", "7.00"},
	}
	for _, tt := range tests {
		if got := MustParse(tt.amount).Format(tt.code); got != tt.want {
			t.Errorf("%s in %q = %q, want %q", tt.amount, tt.code, got, tt.want)
		}
	}
	for _, code := range []string{"USD", "JPY", "KWD"} {
		if got := MinorUnits(code); got != map[string]int{"USD": 2, "JPY": 0, "KWD": 3}[code] {
			t.Errorf("MinorUnits(%s) = %d", code, got)
		}
	}
}

// TestRound: projections round half away from zero to the currency's minor units.
func TestRound(t *testing.T) {
	tests := []struct{ in, currency, want string }{
		{"26.932222", "USD", "26.93"}, {"0.005", "USD", "0.01"}, {"-0.005", "USD", "-0.01"},
		{"1.004999", "USD", "1.00"}, {"-2.994", "USD", "-2.99"}, {"7", "USD", "7.00"},
		{"1234.5", "JPY", "1235.00"}, {"-1234.5", "JPY", "-1235.00"}, {"1234.499999", "JPY", "1234.00"},
		{"1.0005", "KWD", "1.001"}, {"0.000001", "", "0.00"},
	}
	for _, tt := range tests {
		if got := MustParse(tt.in).Round(tt.currency).String(); got != tt.want {
			t.Errorf("%s.Round(%q) = %s, want %s", tt.in, tt.currency, got, tt.want)
		}
	}
}
