package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/creditdesk/creditdesk/internal/store"
)

// fragment requests path as the htmx control targeting the table id would, and checks that the
// answer is that table alone.
func (c *client) fragment(path, target string) *goquery.Document {
	c.t.Helper()
	resp, body := c.do("GET", path, nil, map[string]string{"HX-Request": "true", "HX-Target": target})
	if resp.StatusCode != http.StatusOK || strings.Contains(body, "<html") || !strings.HasPrefix(body, `<div id="`+target+`"`) {
		c.t.Fatalf("fragment %s for #%s: status %d\n%.300s", path, target, resp.StatusCode, body)
	}
	if !strings.Contains(strings.Join(resp.Header.Values("Vary"), ","), "HX-Request") {
		c.t.Error("the fragment does not vary on HX-Request")
	}
	d, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	return d
}

// lotNames lists the credit ids of the listed lots.
func lotNames(d *goquery.Document) []string {
	return texts(d.Find(testid("lot-row") + " td:first-child .id"))
}

// TestCreditsFiltersByURLAndFragment: the status filter of the credits list and the date,
// status and type filters of the transactions give the same rows by URL and as htmx fragments.
func TestCreditsFiltersByURLAndFragment(t *testing.T) {
	t.Parallel()
	h := newLedgerHarness(t, store.SQLite)
	c := h.signedIn(t, reader)
	lots := []struct{ query, want string }{
		{"?status=expired", "promo"}, {"?status=active", "prepaid"}, {"?status=used", ""},
		{"?sort=amount&order=desc", "prepaid,promo"}, {"?sort=amount", "promo,prepaid"}, {"?sort=source&order=desc", "prepaid,promo"},
	}
	for _, tt := range lots {
		byURL := strings.Join(lotNames(c.page(creditsPath+tt.query, http.StatusOK)), ",")
		frag := c.fragment(creditsPath+tt.query, "lots-table")
		if got := strings.Join(lotNames(frag), ","); byURL != tt.want || got != tt.want {
			t.Errorf("%s: page %q, fragment %q, want %q", tt.query, byURL, got, tt.want)
		}
		if tt.want == "" && !strings.Contains(frag.Find(testid("lots-empty")).Text(), "No credits have this status") {
			t.Errorf("%s: no empty-filter message", tt.query)
		}
	}
	txs := []struct{ query, want string }{
		{"?state=pending", "2026-07-10 -USD 200.00"},
		{"?kind=ExpiredCredit", "2026-05-15 -USD 350.00"},
		{"?from=2026-06-01&to=2026-06-30&state=settled", "2026-06-12 USD 25.00,2026-06-05 -USD 750.00"},
		{"?kind=NewCredit&to=2026-04-10", "2026-04-01 USD 1,500.00"},
		{"?state=settled&kind=PendingCharges", ""},
	}
	for _, tt := range txs {
		for _, d := range []*goquery.Document{c.page(creditsPath+tt.query, http.StatusOK), c.fragment(creditsPath+tt.query, "tx-table")} {
			var got []string
			d.Find(testid("tx-row")).Each(func(_ int, r *goquery.Selection) {
				day, _ := r.Find("time").Attr("datetime")
				got = append(got, day+" "+strings.TrimSpace(r.Find("td.num").First().Text()))
			})
			if strings.Join(got, ",") != tt.want {
				t.Errorf("%s: %v, want %q", tt.query, got, tt.want)
			}
		}
	}
	// The settled transactions of a range are the store's, newest first, none pending.
	d := c.page(creditsPath+"?state=settled", http.StatusOK)
	if n, p := d.Find(testid("tx-row")).Length(), d.Find(testid("tx-pending")).Length(); n != 7 || p != 0 {
		t.Errorf("settled: %d rows (%d pending), want 7 and none pending", n, p)
	}
	// The filter forms show the state of the URL, and the CSV links carry the filters.
	d = c.page(creditsPath+"?status=expired&from=2026-05-01&state=settled", http.StatusOK)
	if v, _ := d.Find(testid("tx-from")).Attr("value"); v != "2026-05-01" {
		t.Errorf("from field = %q", v)
	}
	if v := d.Find(testid("lots-status")+" option[selected]").AttrOr("value", ""); v != "expired" {
		t.Errorf("status select = %q", v)
	}
	if href := d.Find(testid("tx-csv")).AttrOr("href", ""); href != creditsPath+"/transactions.csv?from=2026-05-01&state=settled" {
		t.Errorf("transactions CSV link = %q", href)
	}
	if href := d.Find(testid("lots-csv")).AttrOr("href", ""); href != creditsPath+"/lots.csv?status=expired" {
		t.Errorf("credits CSV link = %q", href)
	}
}

// TestCreditsPagingByURLAndFragment: both tables page in the database by keyset; following
// "Next page" by URL visits every row once in order, and the htmx link of a page gives the same
// rows as its URL.
func TestCreditsPagingByURLAndFragment(t *testing.T) {
	t.Parallel()
	h := newHarness(t, store.SQLite, bigScenario(t, 45, 200, 60), false)
	h.process(t, time.Date(2024, 7, 19, 8, 0, 0, 0, time.UTC))
	c := h.signedIn(t, bigReader)

	var byURL []string
	pages := 0
	for path := bigCredits + "?sort=start&order=desc"; path != ""; pages++ {
		d := c.page(path, http.StatusOK)
		byURL = append(byURL, lotNames(d)...)
		path = d.Find(testid("lots")+" "+testid("next-page")).AttrOr("href", "")
		if pages > 0 && d.Find(testid("lots")+" "+testid("first-page")).Length() != 1 {
			t.Error("a later page has no First page link")
		}
	}
	if pages != 3 || len(byURL) != 45 || byURL[0] != "lot-0044" || byURL[44] != "lot-0000" {
		t.Errorf("%d pages, %d lots, from %v", pages, len(byURL), byURL)
	}
	d := c.page(bigCredits+"?sort=start&order=desc", http.StatusOK)
	// A Next page's cursor belongs to its list: in another order it is a 400 naming "after".
	next, _ := url.Parse(d.Find(testid("lots")+" "+testid("next-page")).AttrOr("href", ""))
	if resp, body := c.get(bigCredits + "?sort=amount&after=" + url.QueryEscape(next.Query().Get("after"))); resp.StatusCode != http.StatusBadRequest ||
		!strings.Contains(body, "after:") {
		t.Errorf("a cursor of another order: %d", resp.StatusCode)
	}
	hx := d.Find(testid("lots")+" "+testid("next-page")).AttrOr("hx-get", "")
	if got := lotNames(c.fragment(hx, "lots-table")); strings.Join(got, ",") != strings.Join(byURL[20:40], ",") {
		t.Errorf("the htmx Next page gave %v", got)
	}

	bp := scopeOf(t, h.store, bigAccount, bigProfile).Profile
	rows, settled := 0, 0
	for path := bigCredits; path != ""; {
		d := c.page(path, http.StatusOK)
		rows += d.Find(testid("tx-row")).Length()
		settled += d.Find(testid("tx-row")).Length() - d.Find(testid("tx-pending")).Length()
		next := d.Find(testid("transactions") + " " + testid("next-page"))
		path = next.AttrOr("href", "")
		if hx := next.AttrOr("hx-get", ""); hx != "" && c.fragment(hx, "tx-table").Find(testid("tx-row")).Length() == 0 {
			t.Errorf("the htmx Next page %s is empty", hx)
		}
	}
	if int64(settled) != bp.EventSeq || rows <= settled {
		t.Errorf("paged through %d settled transactions (%d rows), the profile has %d", settled, rows, bp.EventSeq)
	}
}

// TestCreditsBadQuery: X2: a bad query parameter is a 400 whose message names it, on the page,
// its fragments and the exports.
func TestCreditsBadQuery(t *testing.T) {
	t.Parallel()
	h := newLedgerHarness(t, store.SQLite)
	c := h.signedIn(t, reader)
	tests := []struct{ query, param string }{
		{"from=2026-13-01", "from"}, {"to=yesterday", "to"}, {"from=2026-07-01&to=2026-06-01", "to"},
		{"status=pending", "status"}, {"state=done", "state"}, {"kind=Refund", "kind"},
		{"sort=color", "sort"}, {"order=up", "order"}, {"before=-3", "before"}, {"before=abc", "before"},
		{"after=not-a-cursor", "after"}, {"after=" + strings.Repeat("A", 400), "after"},
		{"from=" + strings.Repeat("2", 100), "from"}, {"status=" + strings.Repeat("x", 100), "status"},
	}
	for _, tt := range tests {
		for _, path := range []string{creditsPath, creditsPath + "/lots.csv", creditsPath + "/transactions.csv"} {
			resp, body := c.get(path + "?" + tt.query)
			if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, tt.param+":") {
				t.Errorf("%s?%.60s: status %d, want 400 naming %q\n%.200s", path, tt.query, resp.StatusCode, tt.param, body)
			}
		}
		resp, body := c.do("GET", creditsPath+"?"+tt.query, nil, map[string]string{"HX-Request": "true", "HX-Target": "tx-table"})
		if resp.StatusCode != http.StatusBadRequest || !strings.HasPrefix(body, tt.param+":") {
			t.Errorf("fragment ?%.60s: status %d %q", tt.query, resp.StatusCode, body)
		}
	}
}
