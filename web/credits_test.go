package web_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// The worked example of the README (internal/scenario/testdata/ledger.json) on the Engineering
// profile of testdata/roles.json, looked at on 2026-07-10 as internal/store/ledger_test.go does.
const (
	ledgerFile  = "../internal/scenario/testdata/ledger.json"
	creditsPath = profilePath + "/credits"
	reader      = "profile.reader@northwind.example"
)

var ledgerDay = time.Date(2026, 7, 10, 9, 0, 0, 0, time.UTC)

// newLedgerHarness serves roles.json plus the worked example, processed on ledgerDay with the
// clock there (lots loaded from a scenario stay invisible until processed, M15).
func newLedgerHarness(t testing.TB, d store.Dialect) *harness {
	t.Helper()
	h := newHarness(t, d, "testdata/roles.json", false)
	h.addLedger(t, ledgerDay)
	return h
}

// addLedger loads the worked example (ledgerFile) beside the harness's scenario and processes
// it at the time.
func (h *harness) addLedger(t testing.TB, at time.Time) {
	t.Helper()
	loadScenario(t, h.store, ledgerFile)
	h.process(t, at)
}

// process sets the clock and runs the processing run on its day.
func (h *harness) process(t testing.TB, at time.Time) {
	t.Helper()
	h.clock.T = at
	if _, err := h.store.ProcessAll(context.Background(), ledger.DateOf(at)); err != nil {
		t.Fatalf("process: %v", err)
	}
}

// page gets a path as a signed-in client and parses it, failing unless the status is want.
func (c *client) page(path string, want int) *goquery.Document {
	c.t.Helper()
	resp, body := c.get(path)
	if resp.StatusCode != want {
		c.t.Fatalf("GET %s: status %d, want %d\n%.400s", path, resp.StatusCode, want, body)
	}
	d, err := goquery.NewDocumentFromReader(strings.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	return d
}

// visible is the text a person reads in markup: tags gone, entities decoded.
func visible(t *testing.T, markup string) string {
	t.Helper()
	d, err := goquery.NewDocumentFromReader(strings.NewReader(markup))
	if err != nil {
		t.Fatal(err)
	}
	return d.Text()
}

// texts lists the text of each element of s, its text nodes joined by single spaces (as a
// reader sees a name above its id).
func texts(s *goquery.Selection) []string {
	var out []string
	s.Each(func(_ int, e *goquery.Selection) {
		var words []string
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.TextNode {
				words = append(words, strings.Fields(n.Data)...)
			}
			for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
				walk(ch)
			}
		}
		for _, n := range e.Nodes {
			walk(n)
		}
		out = append(out, strings.Join(words, " "))
	})
	return out
}

// cells is each row's cells, joined with " | ".
func cells(d *goquery.Document, rows string) []string {
	var out []string
	d.Find(rows).Each(func(_ int, r *goquery.Selection) { out = append(out, strings.Join(texts(r.Find("td")), " | ")) })
	return out
}

// checkRows fails unless the rows that p has under the selector rows, their cells joined by
// " | ", are want, in order.
func checkRows(t *testing.T, what string, p *goquery.Document, rows string, want ...string) {
	t.Helper()
	if got := cells(p, rows); !slices.Equal(got, want) {
		t.Errorf("%s:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func testid(id string) string { return `[data-testid="` + id + `"]` }

// charts follows the credits page p's link to its balance over time and runway, as a browser
// without JavaScript does; htmx loads the same address as a fragment after the first paint.
func (c *client) charts(p *goquery.Document) *goquery.Document {
	c.t.Helper()
	href, ok := p.Find(testid("charts-placeholder") + " a").Attr("href")
	if !ok {
		c.t.Fatal("the credits page links no balance over time and runway")
	}
	return c.page(href, http.StatusOK)
}

// TestCreditsPageWorkedExample: the balance section (M12), the credits list (M7, M8), the
// transactions with the pending one on top (M13), the runway and the burn order (M9) of the
// worked example, on every database.
func TestCreditsPageWorkedExample(t *testing.T) {
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) {
		h := newLedgerHarness(t, d)
		c := h.signedIn(t, reader)
		p := c.page(creditsPath, http.StatusOK)
		want := map[string]string{
			"estimated-balance": "USD 625.00", "current-balance": "USD 825.00", "pending-charges": "-USD 200.00",
			"pending-adjustments": "USD 0.00", "pending-new-credit": "USD 0.00", "expired-credit": "USD 0.00",
		}
		for id, w := range want {
			if got := strings.TrimSpace(p.Find(testid(id)).Text()); got != w {
				t.Errorf("%s = %q, want %q", id, got, w)
			}
		}
		balance := p.Find(testid("balance")).Text()
		for _, w := range []string{"Estimated amount of credits you have after considering all billed and pending transactions",
			"Amount of credits as of your last invoice. It doesn't include any pending transactions",
			"When your estimated balance drops to 0, you are charged for all your usage, including for products that are eligible for credits"} {
			if !strings.Contains(balance, w) {
				t.Errorf("the balance section lacks %q", w)
			}
		}
		if got := p.Find(testid("burn-order")).Text(); !strings.Contains(got, "expires soonest is used first") {
			t.Errorf("the burn order is not stated (M9): %q", got)
		}
		checkRows(t, "credits list", p, testid("lot-row"),
			"Promotional credit promo | Apr 1, 2026 | May 15, 2026 | USD 0.00 | USD 1,500.00 | Expired",
			"Purchased credit prepaid | Apr 20, 2026 | Apr 19, 2027 | USD 825.00 | USD 2,000.00 | Active")
		heads := texts(p.Find(testid("lots-grid") + " th"))
		if strings.Join(heads, ",") != "Source,Start date,Expiration date,Current balance,Original amount,Status" {
			t.Errorf("credits list columns: %v", heads)
		}
		tx := cells(p, testid("tx-row"))
		if len(tx) != 8 || !strings.HasPrefix(tx[0], "Jul 10, 2026 | Pending charges Pending | -USD 200.00 | USD 625.00") ||
			!strings.Contains(tx[1], "USD 825.00") {
			t.Errorf("transactions: pending on top, then 7 settled:\n%s", strings.Join(tx, "\n"))
		}
		// A settled adjustment names the invoice that settled it, linked, as settled charges do (M13).
		refund := p.Find(testid("tx-row")).FilterFunction(func(_ int, r *goquery.Selection) bool {
			return strings.Contains(r.Text(), "Refund for outage")
		})
		if link, _ := refund.Find("a").Attr("href"); !strings.Contains(refund.Text(), "Refund for outage (invoice INV-202606-") ||
			!strings.HasSuffix(link, "/invoices/"+refund.Find("a").Text()) {
			t.Errorf("settled refund %q links %q", refund.Text(), link)
		}
		if heads := texts(p.Find(testid("tx-grid") + " th")); strings.Join(heads, ",") != "Transaction date,Description,Amount,Balance" {
			t.Errorf("transactions columns: %v", heads)
		}
		if p.Find(testid("pending-credit")).Length() != 0 || p.Find(testid("credits-empty")).Length() != 0 {
			t.Error("a processed profile with credits shows the pending notice or the empty state")
		}
		runway := strings.Join(strings.Fields(c.charts(p).Find(testid("runway-summary")).Text()), " ")
		if !strings.Contains(runway, "about USD 25.00 a day") || !strings.Contains(runway, "covers your usage until Aug 4, 2026; from Aug 5, 2026 charges are paid in full") ||
			!strings.Contains(runway, "No credit will expire unused") {
			t.Errorf("runway: %q", runway)
		}
		menu := texts(p.Find(".scopemenu a"))
		if !strings.Contains(strings.Join(menu, ","), "Azure credits,Invoices") {
			t.Errorf("menu: %v", menu)
		}
	})
}

// TestCreditsDatesFollowTheReader: X3: the first Accept-Language tag orders day and month;
// machines read the ISO date of <time datetime>.
func TestCreditsDatesFollowTheReader(t *testing.T) {
	t.Parallel()
	h := newLedgerHarness(t, store.SQLite)
	c := h.signedIn(t, reader)
	resp, body := c.do("GET", creditsPath, nil, map[string]string{"Accept-Language": "en-GB,en;q=0.8"})
	if !strings.Contains(strings.Join(resp.Header.Values("Vary"), ","), "Accept-Language") {
		t.Error("the page does not vary on Accept-Language")
	}
	tm := doc(t, body).Find(testid("lot-row") + " time[datetime='2027-04-19']")
	if tm.Text() != "19 Apr 2027" {
		t.Errorf("en-GB date: %q", tm.Text())
	}
}

// TestCreditsPendingNewCredit: M15: a lot loaded after the last processing run shows as pending
// new credit with the hourly promise, not in the list or the balance, until the next run.
func TestCreditsPendingNewCredit(t *testing.T) {
	t.Parallel()
	h := newLedgerHarness(t, store.SQLite)
	loadScenario(t, h.store, "testdata/credits_pending.json")
	c := h.signedIn(t, reader)
	p := c.page(creditsPath, http.StatusOK)
	notice := strings.Join(strings.Fields(p.Find(testid("pending-credit")).Text()), " ")
	if !strings.Contains(notice, "USD 300.00") || !strings.Contains(notice, "appears after the next processing run (at most hourly)") {
		t.Errorf("pending notice: %q", notice)
	}
	if n := p.Find(testid("lot-row")).Length(); n != 2 {
		t.Errorf("%d lots listed before processing, want 2", n)
	}
	h.process(t, ledgerDay)
	p = c.page(creditsPath, http.StatusOK)
	if p.Find(testid("pending-credit")).Length() != 0 || p.Find(testid("lot-row")).Length() != 3 {
		t.Error("after processing the lot is still pending or not listed")
	}
	if got := p.Find(testid("pending-new-credit")).Text(); got != "USD 300.00" {
		t.Errorf("pending new credit line = %q, want USD 300.00 (M12: started, not invoiced yet)", got)
	}
}

// TestCreditsOtherScopes: M6 and M14: the account summary table, the redirect of a one-profile
// account, the plain explanation for an account that is not an MCA, and the empty state.
func TestCreditsOtherScopes(t *testing.T) {
	t.Parallel()
	h := newLedgerHarness(t, store.SQLite)
	loadScenario(t, h.store, "testdata/credits.json")
	c := h.signedIn(t, "account.reader@northwind.example")

	p := c.page(accountPath+"/credits", http.StatusOK)
	checkRows(t, "M14 table (issue 11: with what expires at the next expiry)", p, testid("profile-credits-row"),
		"Engineering PBFV-AB12-CD3-EF4 | USD 625.00 | USD 825.00 | 1 | Apr 19, 2027 | USD 625.00",
		"Marketing QW7R-KM45-TY6-UP8 | USD 0.00 | USD 0.00 | 0 | — | —")
	if href, _ := p.Find(testid("profile-credits-row") + " a").First().Attr("href"); href != creditsPath {
		t.Errorf("the Engineering row opens %q, want %q", href, creditsPath)
	}

	contoso := "/accounts/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d:7d6c5b4a-3f2e-4d1c-9b0a-8f7e6d5c4b3a_2021-03-15"
	resp, _ := c.get(contoso + "/credits")
	if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusSeeOther || loc != contoso+"/profiles/CT01-AA22-BB3-CC4/credits" {
		t.Errorf("one-profile account: %d to %q, want 303 to its profile's credits", resp.StatusCode, loc)
	}
	p = c.page(contoso+"/profiles/CT01-AA22-BB3-CC4/credits", http.StatusOK)
	if p.Find(testid("credits-empty")).Length() != 1 || p.Find(testid("balance")).Length() != 0 {
		t.Error("a profile without credits does not show the empty state alone")
	}

	for _, path := range []string{"/accounts/" + eaAccount + "/credits", "/accounts/" + eaAccount + "/profiles/FB01-AA22-BB3-CC4/credits",
		"/accounts/" + eaAccount + "/profiles/FB01-AA22-BB3-CC4/invoices"} {
		p = c.page(path, http.StatusOK)
		if got := p.Find(testid("not-mca")).Text(); !strings.Contains(got, "Azure credits are available for Microsoft Customer Agreement accounts") {
			t.Errorf("%s: no M6 explanation: %q", path, got)
		}
		if strings.Contains(strings.Join(texts(p.Find(".scopemenu a")), ","), "Azure credits") {
			t.Errorf("%s: the menu offers Azure credits on an Enterprise Agreement", path)
		}
	}
	if resp, _ := c.get("/accounts/" + eaAccount + "/profiles/FB01-AA22-BB3-CC4/credits/lots.csv"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("a non-MCA export: status %d, want 404", resp.StatusCode)
	}
}
