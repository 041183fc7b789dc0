package views

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
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

// TestAccountSummaryKeptRowsAreItsRows: the account summary (M14) with its rows rendered apart
// and kept (AccountCreditsRow.Kept, as the portal keeps them, issue 10) is the same page, byte
// for byte, as with its rows rendered in place, in both date orders, odd texts escaped.
func TestAccountSummaryKeptRowsAreItsRows(t *testing.T) {
	rows := []AccountCreditsRow{
		{DisplayName: "Engineering <R&D>", Name: "PBFV-AB12-CD3-EF4", Href: "/accounts/a:b/profiles/PBFV-AB12-CD3-EF4/credits?x=1&y=\"2\"",
			Currency: "USD", Estimated: money.MustParse("1234.5"), Current: money.MustParse("-3"), ActiveLots: 2,
			NextExpiry: ledger.MustDate("2026-12-01"), NextExpiring: money.MustParse("7.25")},
		{DisplayName: "Paris", Name: "QW7R-KM45-TY6-UP8", Href: "/b", Currency: "EUR"},
	}
	for _, loc := range []Locale{{DayFirst: true}, {}} {
		render := func(rows []AccountCreditsRow) string {
			var b strings.Builder
			if err := AccountCreditsPage(AccountCredits{Loc: loc, Rows: rows}).Render(context.Background(), &b); err != nil {
				t.Fatal(err)
			}
			return b.String()
		}
		kept := slices.Clone(rows)
		for i, r := range kept {
			var b strings.Builder
			if err := AccountCreditsTableRow(loc, r).Render(context.Background(), &b); err != nil {
				t.Fatal(err)
			}
			kept[i].Kept = b.String()
		}
		if got, want := render(kept), render(rows); got != want {
			t.Errorf("%+v: the page with its rows kept differs:\n got %s\nwant %s", loc, got, want)
		}
	}
}
