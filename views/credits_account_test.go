package views

import (
	"slices"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/money"
)

// TestAccountChartCurrency: the account summary (M14) has a chart for each currency of its
// profiles, in the order of the table, each with its axis in its currency, since one axis
// cannot be in two currencies.
func TestAccountChartCurrency(t *testing.T) {
	row := func(name, currency, amount string) AccountCreditsRow {
		return AccountCreditsRow{DisplayName: name, Currency: currency, Estimated: money.MustParse(amount)}
	}
	charts := AccountCredits{Rows: []AccountCreditsRow{row("Engineering", "USD", "10.50"), row("Paris", "EUR", "7"),
		row("Marketing", "USD", "3.25")}}.Charts()
	if len(charts) != 2 || charts[0].Currency != "USD" || charts[1].Currency != "EUR" || charts[0].ID == charts[1].ID {
		t.Fatalf("charts %+v, want one in USD then one in EUR", charts)
	}
	if got := charts[0].Labels; !slices.Equal(got, []string{"Engineering", "Marketing"}) {
		t.Errorf("USD labels %q", got)
	}
	if got := charts[0].Series[0].Values; len(got) != 2 || got[1] != Number(money.MustParse("3.25")) {
		t.Errorf("USD balances %v", got)
	}
	if got := charts[1].Labels; !slices.Equal(got, []string{"Paris"}) || !strings.Contains(charts[1].Label, "EUR") {
		t.Errorf("EUR labels %q, %q", got, charts[1].Label)
	}
}
