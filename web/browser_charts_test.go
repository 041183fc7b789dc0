package web_test

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// chartSeries is a chart's dataset as Chart.js holds it: its look and its points or values.
type chartSeries struct {
	Look   string      `json:"look"`
	Points [][2]string `json:"points"`
	Values []float64   `json:"values"`
}

// chartOf reads back the datasets of the chart drawn on a canvas, from the Chart.js instance.
func chartOf(b *browser, canvasID string) []chartSeries {
	b.t.Helper()
	b.waitFor("the chart "+canvasID+" is drawn", `!!(window.Chart && Chart.getChart(document.getElementById('`+canvasID+`')))`)
	return eval[[]chartSeries](b, `Chart.getChart(document.getElementById('`+canvasID+`')).data.datasets.map(d => ({
		look: d.look,
		points: d.data.filter(p => typeof p === 'object').map(p => [p.date, String(p.y)]),
		values: d.data.filter(p => typeof p === 'number')}))`)
}

// cellAmounts reads a column of amounts from a table's rows ("USD 1,234.50" is 1234.5).
func cellAmounts(b *browser, rows string, col int) []float64 {
	b.t.Helper()
	return eval[[]float64](b, `[...document.querySelectorAll('`+rows+`')].map(r =>
		Number(r.cells[`+strconv.Itoa(col)+`].firstChild.textContent.replace(/[^0-9.-]/g, '')))`)
}

// TestBrowserChartsMatchTables (issue 11): on the demo, the charts of the credits page (balance
// over time, each credit against its expiry), of the account's credits summary and of the
// Benefits workspace hold, in the browser, the figures of the tables beside them (M12, M14, P2).
func TestBrowserChartsMatchTables(t *testing.T) {
	t.Parallel()
	h, b := newBrowserHarness(t)
	h.loadDemo(t, demoDay)
	h.process(t, demoDay)
	console := b.watchConsole()
	b.signIn("account.reader@northwind.example")

	b.open(profilePath + "/credits")
	got := chartOf(b, "balance-chart")
	table := eval[[][2]string](b, `[...document.querySelectorAll('#balance-history-table tbody tr')].map(r =>
		[r.dataset.look + ' ' + r.dataset.date, r.querySelector('[data-amount]').dataset.amount])`)
	var drawn [][2]string
	looks := map[string]bool{}
	for _, s := range got {
		looks[s.Look] = true
		for _, p := range s.Points {
			drawn = append(drawn, [2]string{s.Look + " " + p[0], p[1]})
		}
	}
	if !equalPairs(drawn, table) {
		t.Errorf("balance chart %v\ntable %v", drawn, table)
	}
	for _, look := range []string{"settled", "estimate", "projection", "expiry"} {
		if !looks[look] {
			t.Errorf("the balance chart has no %s series: %v", look, got)
		}
	}
	b.screenshot("credits-charts")
	lots := chartOf(b, "lots-chart")
	if len(lots) != 2 || !equalFloats(lots[0].Values, cellAmounts(b, `#runway-lots tbody tr`, 2)) ||
		!equalFloats(lots[1].Values, cellAmounts(b, `#runway-lots tbody tr`, 4)) {
		t.Errorf("lots chart %v, table balances %v, unused %v", lots, cellAmounts(b, `#runway-lots tbody tr`, 2), cellAmounts(b, `#runway-lots tbody tr`, 4))
	}

	// The account: a chart per currency (the demo's profiles are in USD and EUR), each holding
	// the rows of the table in its currency.
	b.open(accountPath + "/credits")
	currencies := eval[[]string](b, `[...new Set([...document.querySelectorAll('#profile-credits tbody tr')].map(r => r.cells[1].textContent.trim().slice(0, 3)))]`)
	if len(currencies) < 2 {
		t.Errorf("the demo's account has profiles in %v, want two currencies", currencies)
	}
	for _, cur := range currencies {
		profiles := chartOf(b, "profiles-chart-"+strings.ToLower(cur))
		rows := `#profile-credits tbody tr[data-currency=` + cur + `]`
		if len(profiles) != 2 || len(profiles[0].Values) == 0 ||
			!equalFloats(profiles[0].Values, cellAmounts(b, rows, 1)) || !equalFloats(profiles[1].Values, cellAmounts(b, rows, 5)) {
			t.Errorf("%s profiles chart %v, table %v %v", cur, profiles, cellAmounts(b, rows, 1), cellAmounts(b, rows, 5))
		}
	}
	b.screenshot("account-chart")

	// The Benefits workspace (P2): benefits by status and the amounts not redeemed yet.
	b.signOut()
	b.signIn(partnerAdmin)
	b.open(partPath + "/benefits")
	statuses := chartOf(b, "benefit-status-chart")
	labels := eval[[]string](b, `Chart.getChart(document.getElementById('benefit-status-chart')).data.labels`)
	tableLabels := eval[[]string](b, `[...document.querySelectorAll('#benefit-status-table tbody tr')].map(r => r.cells[0].textContent.trim())`)
	if len(statuses) != 1 || !equalFloats(statuses[0].Values, cellAmounts(b, `#benefit-status-table tbody tr`, 1)) ||
		!slices.Equal(labels, tableLabels) || len(labels) != 5 {
		t.Errorf("status chart %v %v, table %v %v", labels, statuses, tableLabels, cellAmounts(b, `#benefit-status-table tbody tr`, 1))
	}
	unredeemed := chartOf(b, "unredeemed-chart")
	if len(unredeemed) != 1 || !equalFloats(unredeemed[0].Values, cellAmounts(b, `#unredeemed-table tbody tr`, 1)) {
		t.Errorf("unredeemed chart %v, table %v", unredeemed, cellAmounts(b, `#unredeemed-table tbody tr`, 1))
	}
	b.screenshot("benefit-charts")
	if errs := console.matching(""); len(errs) > 0 {
		t.Errorf("console errors: %v", errs)
	}
}

// equalPairs compares two lists of (key, amount) pairs, amounts as numbers.
func equalPairs(a, b [][2]string) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	for i := range a {
		if a[i][0] != b[i][0] || decimal(a[i][1]) != decimal(b[i][1]) {
			return false
		}
	}
	return true
}

// equalFloats compares two non-empty lists of numbers.
func equalFloats(a, b []float64) bool {
	if len(a) != len(b) || len(a) == 0 {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// decimal reads a decimal; anything else is NaN, which equals nothing.
func decimal(s string) float64 {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return math.NaN()
	}
	return f
}
