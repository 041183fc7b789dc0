package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The credits page as the browser test finds it.
const (
	txRows     = `[data-testid=tx-grid] [data-testid=tx-row]`
	txPending  = `[data-testid=tx-grid] [data-testid=tx-pending]`
	txFrom     = `[data-testid=tx-from]`
	txTo       = `[data-testid=tx-to]`
	txState    = `[data-testid=tx-state]`
	lotsStatus = `[data-testid=lots-status]`
)

// csvDownload is what fetching the page's transactions CSV link gives, fetched by the page
// itself so that it carries the browser's session cookie.
type csvDownload struct {
	Status      int    `json:"status"`
	Disposition string `json:"disposition"`
	Body        string `json:"body"`
}

// TestBrowserReaderFiltersCreditsAndDownloadsCSV: a profile reader opens the Azure credits page
// of the worked example, filters the transactions by date range and status in place (htmx; the
// window marker survives, the URL is pushed so a reload shows the same rows), filters the
// credits list without losing the transaction filters, and downloads the transactions CSV of the
// command bar with the filters applied.
func TestBrowserReaderFiltersCreditsAndDownloadsCSV(t *testing.T) {
	t.Parallel()
	h, b := newBrowserHarness(t)
	h.addLedger(t, ledgerDay)
	console := b.watchConsole()

	b.signIn(reader)
	b.open(creditsPath)
	b.do("wait for the transactions", chromedp.WaitVisible(chromedp.CSS(txRows)))
	if n := eval[int](b, `document.querySelectorAll('`+txRows+`').length`); n != 8 {
		t.Fatalf("%d transactions, want 8 (one pending, seven settled)", n)
	}
	if got := b.text(`[data-testid=estimated-balance]`); got != "USD 625.00" {
		t.Errorf("estimated balance %q", got)
	}
	b.screenshot("credits")

	// The date range: typed as a person types a date (month, day, year in an en-US browser).
	b.markWindow()
	b.do("type the from date", chromedp.SendKeys(chromedp.CSS(txFrom), "05012026"))
	b.do("type the to date", chromedp.SendKeys(chromedp.CSS(txTo), "06302026"))
	b.waitFor("the table narrows to May and June", `location.search.includes('from=2026-05-01') && location.search.includes('to=2026-06-30') &&
		[...document.querySelectorAll('`+txRows+` time')].length === 4 &&
		[...document.querySelectorAll('`+txRows+` time')].every(e => e.dateTime >= '2026-05-01' && e.dateTime <= '2026-06-30')`)
	b.settled()
	// The status: settled only.
	b.do("choose Settled", chromedp.SendKeys(chromedp.CSS(txState), "Settled"))
	b.waitFor("the URL holds the status", `location.search.includes('state=settled')`)
	b.settled()
	if n := eval[int](b, `document.querySelectorAll('`+txPending+`').length`); n != 0 {
		t.Errorf("%d pending rows after choosing Settled", n)
	}
	// The credits list filter keeps the transactions' filters in the pushed URL.
	b.do("choose Expired credits", chromedp.SendKeys(chromedp.CSS(lotsStatus), "Expired"))
	b.waitFor("the credits list shows the expired lot", `location.search.includes('status=expired') &&
		location.search.includes('from=2026-05-01') && document.querySelectorAll('[data-testid=lot-row]').length === 1`)
	b.settled()
	if !b.marked() {
		t.Fatal("filtering reloaded the whole page; want the tables swapped in place")
	}
	b.screenshot("credits-filtered")
	// The command bar's Download CSV links follow the tables swapped in place (out of band).
	if hrefs := eval[[]string](b, `['lots-csv', 'tx-csv'].map(id => document.getElementById(id).getAttribute('href'))`); !strings.Contains(hrefs[0], "status=expired") ||
		!strings.Contains(hrefs[1], "state=settled") || !strings.Contains(hrefs[1], "from=2026-05-01") {
		t.Errorf("Download CSV links after filtering in place: %q", hrefs)
	}
	filtered := b.location()
	for _, want := range []string{"from=2026-05-01", "to=2026-06-30", "state=settled", "status=expired"} {
		if !strings.Contains(filtered, want) {
			t.Errorf("pushed URL %s lacks %s", filtered, want)
		}
	}
	if strings.Contains(filtered, "=&") || strings.HasSuffix(filtered, "=") {
		t.Errorf("pushed URL %s carries empty parameters", filtered)
	}

	// A reload of the pushed URL shows the same rows.
	b.open(filtered)
	if n := eval[int](b, `document.querySelectorAll('`+txRows+`').length`); n != 4 {
		t.Errorf("after reload: %d transactions, want the same 4", n)
	}

	// The CSV link carries the filters; fetch it with the browser's cookies.
	href := eval[string](b, `document.querySelector('[data-testid=tx-csv]').getAttribute('href')`)
	if !strings.Contains(href, "transactions.csv?") || !strings.Contains(href, "state=settled") {
		t.Errorf("CSV link %q", href)
	}
	got, err := chromedp.Run(b.ctx, chromedp.Evaluate[csvDownload](`fetch(document.querySelector('[data-testid=tx-csv]').href)
		.then(async r => ({status: r.status, disposition: r.headers.get('Content-Disposition') || '', body: await r.text()}))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("fetch the CSV: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(got.Body), "\n")
	if got.Status != 200 || !strings.HasPrefix(got.Disposition, "attachment;") || len(lines) != 5 ||
		lines[0] != "Transaction date,Description,Amount,Balance,Currency,Status,Invoice number" {
		t.Errorf("CSV download: status %d, %q\n%s", got.Status, got.Disposition, got.Body)
	}
	for _, l := range lines[1:] {
		if !strings.Contains(l, ",Settled,") || l < "2026-05-01" || l > "2026-06-30~" {
			t.Errorf("CSV row outside the filters: %s", l)
		}
	}
	if csp := console.matching("Content Security Policy"); len(csp) > 0 {
		t.Errorf("CSP violations: %v", csp)
	}
}
