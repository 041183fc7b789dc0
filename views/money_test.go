package views

import (
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// TestMoney: M16: exact digits, thousands separators, the currency's minor units (ISO 4217) and
// more decimals only when needed.
func TestMoney(t *testing.T) {
	tests := []struct {
		amount, currency, want string
	}{
		{"0", "USD", "USD 0.00"},
		{"1234.5", "USD", "USD 1,234.50"},
		{"-25", "USD", "-USD 25.00"},
		{"999.99", "EUR", "EUR 999.99"},
		{"1000", "EUR", "EUR 1,000.00"},
		{"123456789.123456", "GBP", "GBP 123,456,789.123456"},
		{"0.000001", "USD", "USD 0.000001"},
		{"-1000000.1", "USD", "-USD 1,000,000.10"},
		{"12.3", "", "12.30"},
		{"1234.5", "JPY", "JPY 1,234.5"},
		{"-1235", "JPY", "-JPY 1,235"},
		{"0", "JPY", "JPY 0"},
		{"1234.5", "KWD", "KWD 1,234.500"},
	}
	for _, tt := range tests {
		if got := Money(money.MustParse(tt.amount), tt.currency); got != tt.want {
			t.Errorf("Money(%s, %s) = %q, want %q", tt.amount, tt.currency, got, tt.want)
		}
	}
}

// TestLocaleDates: X3: the first Accept-Language tag orders month and day.
func TestLocaleDates(t *testing.T) {
	d := ledger.MustDate("2026-04-01")
	tests := []struct{ header, want string }{
		{"", "Apr 1, 2026"}, {"*", "Apr 1, 2026"}, {"en", "Apr 1, 2026"}, {"en-US,en;q=0.9", "Apr 1, 2026"},
		{"es-US", "Apr 1, 2026"}, {"EN-us", "Apr 1, 2026"},
		{"en-GB,en-US;q=0.8", "1 Apr 2026"}, {"fr-FR", "1 Apr 2026"}, {"de", "1 Apr 2026"}, {"en-AU;q=1", "1 Apr 2026"},
	}
	for _, tt := range tests {
		if got := LocaleOf(tt.header).Date(d); got != tt.want {
			t.Errorf("LocaleOf(%q).Date = %q, want %q", tt.header, got, tt.want)
		}
	}
	if got := (Locale{}).Date(ledger.Date{}); got != "" {
		t.Errorf("zero date = %q", got)
	}
	if got := (Locale{}).Month(ledger.PeriodOf(d)); got != "Apr 2026" {
		t.Errorf("Month = %q", got)
	}
}
