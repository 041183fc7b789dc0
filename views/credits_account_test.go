package views

import (
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/money"
)

// TestAccountChartCurrency: the account summary's chart (M14) writes its axis in the profiles'
// currency when they share one, and names each profile's currency in its label when they do
// not, since one axis cannot be in two currencies.
func TestAccountChartCurrency(t *testing.T) {
	row := func(name, currency string) AccountCreditsRow {
		return AccountCreditsRow{DisplayName: name, Currency: currency, Estimated: money.MustParse("10.50")}
	}
	same := AccountCredits{Rows: []AccountCreditsRow{row("Engineering", "USD"), row("Marketing", "USD")}}.Chart()
	if same.Currency != "USD" || same.Labels[0] != "Engineering" {
		t.Errorf("one currency: axis %q, labels %q", same.Currency, same.Labels)
	}
	mixed := AccountCredits{Rows: []AccountCreditsRow{row("Engineering", "USD"), row("Paris", "EUR")}}.Chart()
	if mixed.Currency != "" || !strings.HasSuffix(mixed.Labels[1], "(EUR)") || !strings.HasSuffix(mixed.Labels[0], "(USD)") {
		t.Errorf("two currencies: axis %q, labels %q", mixed.Currency, mixed.Labels)
	}
}
