package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

const invoicesPath = profilePath + "/invoices"

// TestInvoicesWorkedExample: M9: the three invoices of the worked example, and the detail of
// April and May: totals, the credit each lot applied, which lot paid which charge.
func TestInvoicesWorkedExample(t *testing.T) {
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) {
		h := newLedgerHarness(t, d)
		c := h.signedIn(t, "profile.invoicemanager@northwind.example")
		p := c.page(invoicesPath, http.StatusOK)
		rows := cells(p, testid("invoice-row"))
		want := []string{
			"Jun 2026 | Jul 5, 2026 | USD 800.00 | USD 0.00 | USD 800.00 | USD 0.00",
			"May 2026 | Jun 5, 2026 | USD 750.00 | USD 0.00 | USD 750.00 | USD 0.00",
			"Apr 2026 | May 5, 2026 | USD 840.00 | USD 40.00 | USD 800.00 | USD 40.00",
		}
		if len(rows) != 3 {
			t.Fatalf("%d invoices, want 3", len(rows))
		}
		for i, w := range want {
			if _, rest, _ := strings.Cut(rows[i], " | "); rest != w {
				t.Errorf("invoice %d: %q, want %q", i, rest, w)
			}
		}
		april := p.Find(testid("invoice-row") + " a").Last()
		if !strings.HasPrefix(april.Text(), "INV-202604-") {
			t.Fatalf("the last invoice is %q", april.Text())
		}
		p = c.page(april.AttrOr("href", ""), http.StatusOK)
		for id, w := range map[string]string{"total-charges": "USD 840.00", "ineligible-charges": "USD 40.00",
			"credits-applied": "USD 800.00", "amount-due": "USD 40.00", "invoice-expired": "USD 0.00"} {
			if got := strings.TrimSpace(p.Find(testid(id)).Text()); got != w {
				t.Errorf("April %s = %q, want %q", id, got, w)
			}
		}
		checkRows(t, "April allocations", p, testid("allocation-row"),
			"Apr 10, 2026 | Virtual Machines | Promotional credit promo | USD 300.00",
			"Apr 25, 2026 | Storage | Promotional credit promo | USD 500.00")
		mayHref := strings.Replace(april.AttrOr("href", ""), "INV-202604-", "INV-202605-", 1)
		p = c.page(mayHref, http.StatusOK)
		checkRows(t, "May per lot (burn order, M9; the promo expired on May 15, M11)", p, testid("per-lot-row"),
			"Promotional credit promo | May 15, 2026 | USD 350.00", "Purchased credit prepaid | Apr 19, 2027 | USD 400.00")
		if got := p.Find(testid("invoice-expired")).Text(); got != "USD 350.00" {
			t.Errorf("May expired credit = %q", got)
		}
		if resp, _ := c.get(invoicesPath + "/INV-209912-000001"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("an unknown invoice: status %d, want 404", resp.StatusCode)
		}
		if resp, body := c.get(invoicesPath + "/" + strings.Repeat("X", 60)); resp.StatusCode != http.StatusBadRequest ||
			!strings.Contains(body, "invoice:") {
			t.Errorf("an over-long invoice number: status %d", resp.StatusCode)
		}
	})
}

// TestInvoiceDetailRoles: M3: every role on the profile may view an invoice; a user without a
// role gets the same 404 as for a missing scope.
func TestInvoiceDetailRoles(t *testing.T) {
	t.Parallel()
	h := newLedgerHarness(t, store.SQLite)
	owner := h.signedIn(t, "account.owner@northwind.example")
	href := owner.page(invoicesPath, http.StatusOK).Find(testid("invoice-row")+" a").First().AttrOr("href", "")
	for i, caller := range callers[1:] {
		c := h.signedIn(t, caller.email)
		want := http.StatusOK
		if i == len(callers)-2 {
			want = http.StatusNotFound
		}
		if resp, _ := c.get(href); resp.StatusCode != want {
			t.Errorf("%s: status %d, want %d", caller.name, resp.StatusCode, want)
		}
	}
}

// TestInvoiceAllocationsPaged (M9): an invoice of 131 allocations lists them a hundred at a time
// by charge date, product and lot: "Next page" shows the rest, in place with htmx; "First page"
// goes back; a cursor the list did not give out, or an over-long one, is a 400 naming "after".
func TestInvoiceAllocationsPaged(t *testing.T) {
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) {
		h := newLedgerHarness(t, d)
		ctx := context.Background()
		p := engineering(t, h.store)
		var charges []store.ChargeTotal // with July 3's Virtual Machines, 131 charges in July
		for i := range 130 {
			charges = append(charges, store.ChargeTotal{Date: fmt.Sprintf("2026-07-%02d", 4+i%26),
				Product: fmt.Sprintf("Product %03d", i), PublisherType: "Azure", Eligible: true, Amount: 1_000000})
		}
		if _, err := h.store.SetChargeTotals(ctx, p, charges, "test"); err != nil {
			t.Fatal(err)
		}
		h.process(t, time.Date(2026, 8, 6, 9, 0, 0, 0, time.UTC))
		c := h.signedIn(t, "profile.invoicemanager@northwind.example")
		july := fmt.Sprintf("%s/INV-202607-%06d", invoicesPath, p.ID)
		first := c.page(july, http.StatusOK)
		rows := cells(first, testid("allocation-row"))
		if len(rows) != 100 || !strings.HasPrefix(rows[0], "Jul 3, 2026 | Virtual Machines") ||
			!strings.HasPrefix(rows[1], "Jul 4, 2026 | Product 000 |") || first.Find(testid("first-page")).Length() != 0 {
			t.Fatalf("first page: %d rows from %q, %q", len(rows), rows[0], rows[1])
		}
		next := first.Find("#invoice-allocations "+testid("next-page")).AttrOr("hx-get", "")
		rest := c.fragment(next, "invoice-allocations")
		if rest.Find("h1, "+testid("per-lot")).Length() != 0 {
			t.Errorf("the htmx page is more than the allocations table")
		}
		more := cells(rest, testid("allocation-row"))
		if len(more) != 31 || more[30] != "Jul 29, 2026 | Product 129 | Purchased credit prepaid | USD 1.00" ||
			rest.Find(testid("next-page")).Length() != 0 || rest.Find(testid("first-page")).AttrOr("href", "") != july {
			t.Errorf("second page: %d rows, last %q", len(more), more[len(more)-1])
		}
		seen := map[string]bool{}
		for _, r := range append(rows, more...) {
			seen[r] = true
		}
		if len(seen) != 131 {
			t.Errorf("%d distinct allocations over the two pages, want 131", len(seen))
		}
		for _, bad := range []string{"x", strings.Repeat("a", 1300)} {
			if resp, body := c.get(july + "?after=" + bad); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "after") {
				t.Errorf("after=%.10s…: status %d", bad, resp.StatusCode)
			}
		}
	})
}
