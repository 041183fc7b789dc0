package web_test

import (
	"encoding/csv"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/store"
)

// getCSV downloads an export and parses it, checking it is a CSV attachment.
func (c *client) getCSV(path string) [][]string {
	c.t.Helper()
	resp, body := c.get(path)
	if resp.StatusCode != http.StatusOK {
		c.t.Fatalf("GET %s: status %d\n%.300s", path, resp.StatusCode, body)
	}
	if ct, cd := resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"); !strings.HasPrefix(ct, "text/csv") ||
		!strings.HasPrefix(cd, "attachment; filename=") || !strings.HasSuffix(cd, `.csv"`) {
		c.t.Errorf("%s: Content-Type %q, Content-Disposition %q", path, ct, cd)
	}
	recs, err := csv.NewReader(strings.NewReader(body)).ReadAll()
	if err != nil {
		c.t.Fatalf("%s: %v", path, err)
	}
	return recs
}

// join renders CSV records one per line, fields separated by commas.
func join(recs [][]string) string {
	lines := make([]string, len(recs))
	for i, r := range recs {
		lines[i] = strings.Join(r, ",")
	}
	return strings.Join(lines, "\n")
}

// TestCreditsCSVExports: both exports stream every row with the page's filters, amounts as
// plain decimals, dates in ISO form.
func TestCreditsCSVExports(t *testing.T) {
	t.Parallel()
	h := newLedgerHarness(t, store.SQLite)
	c := h.signedIn(t, reader)

	got := join(c.getCSV(creditsPath + "/lots.csv"))
	want := `Source,Start date,Expiration date,Current balance,Original amount,Currency,Status,API status,Days to expiry,Credit id,PO number,Purchased date
PromotionalCredit,2026-04-01,2026-05-15,0.00,1500.00,USD,Expired,Expired,-56,promo,,2026-04-01
PurchasedCredit,2026-04-20,2027-04-19,825.00,2000.00,USD,Active,Active,283,prepaid,,2026-04-20`
	if got != want {
		t.Errorf("lots.csv:\n%s\nwant:\n%s", got, want)
	}
	if got := join(c.getCSV(creditsPath + "/lots.csv?status=active&sort=amount&order=desc")); strings.Count(got, "\n") != 1 || !strings.Contains(got, "prepaid") {
		t.Errorf("filtered lots.csv:\n%s", got)
	}

	recs := c.getCSV(creditsPath + "/transactions.csv")
	if len(recs) != 9 || join(recs[:2]) != "Transaction date,Description,Amount,Balance,Currency,Status,Invoice number\n"+
		"2026-07-10,Pending charges,-200.00,625.00,USD,Pending," {
		t.Errorf("transactions.csv:\n%s", join(recs))
	}
	if last := strings.Join(recs[8], ","); !strings.HasPrefix(last, "2026-04-01,") || !strings.Contains(last, ",1500.00,1500.00,USD,Settled,") {
		t.Errorf("the oldest transaction: %s", last)
	}
	got = join(c.getCSV(creditsPath + "/transactions.csv?state=settled&kind=SettledCharges"))
	for _, w := range []string{",-800.00,2700.00,USD,Settled,INV-202604-", ",-750.00,1600.00,USD,Settled,INV-202605-", ",-800.00,825.00,USD,Settled,INV-202606-"} {
		if !strings.Contains(got, w) {
			t.Errorf("settled charges export lacks %q:\n%s", w, got)
		}
	}
	if got := c.getCSV(creditsPath + "/transactions.csv?state=pending"); len(got) != 2 {
		t.Errorf("pending only: %d records, want the header and one", len(got))
	}
}

// TestCreditsCSVStreamsEveryPage: an export is not limited to a page of the table: it reads the
// store page by page until the last row.
func TestCreditsCSVStreamsEveryPage(t *testing.T) {
	t.Parallel()
	h := newHarness(t, store.SQLite, bigScenario(t, 30, 400, 1200), false)
	h.process(t, time.Date(2025, 2, 4, 8, 0, 0, 0, time.UTC))
	c := h.signedIn(t, bigReader)
	if recs := c.getCSV(bigCredits + "/lots.csv"); len(recs) != 31 {
		t.Errorf("lots.csv: %d records, want 31", len(recs))
	}
	recs := c.getCSV(bigCredits + "/transactions.csv?state=settled")
	if len(recs) < 1200 {
		t.Errorf("transactions.csv: %d records, want every settled event (more than 1,200)", len(recs))
	}
	seen := map[string]bool{}
	for _, r := range recs[1:] {
		key := strings.Join(r, ",")
		if seen[key] {
			t.Fatalf("a transaction appears twice: %s", key)
		}
		seen[key] = true
	}
}
