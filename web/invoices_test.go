package web_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

const invoicesPath = profilePath + "/invoices"

// TestInvoicesWorkedExample: M9: the three invoices of the worked example, and the detail of
// April and May: totals, the credit each lot applied, which lot paid which charge.
func TestInvoicesWorkedExample(t *testing.T) {
	t.Parallel()
	for _, d := range storetest.Dialects(t) {
		t.Run(string(d), func(t *testing.T) {
			h := newLedgerHarness(t, d)
			c := h.client(t)
			c.signIn("profile.invoicemanager@northwind.example")
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
			if got := strings.Join(cells(p, testid("allocation-row")), "\n"); got !=
				"Apr 10, 2026 | Virtual Machines | Promotional credit promo | USD 300.00\n"+
					"Apr 25, 2026 | Storage | Promotional credit promo | USD 500.00" {
				t.Errorf("April allocations:\n%s", got)
			}
			mayHref := strings.Replace(april.AttrOr("href", ""), "INV-202604-", "INV-202605-", 1)
			p = c.page(mayHref, http.StatusOK)
			if got := strings.Join(cells(p, testid("per-lot-row")), "\n"); got !=
				"Promotional credit promo | May 15, 2026 | USD 350.00\nPurchased credit prepaid | Apr 19, 2027 | USD 400.00" {
				t.Errorf("May per lot (burn order, M9; the promo expired on May 15, M11):\n%s", got)
			}
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
}

// TestInvoiceDetailRoles: M3: every role on the profile may view an invoice; a user without a
// role gets the same 404 as for a missing scope.
func TestInvoiceDetailRoles(t *testing.T) {
	t.Parallel()
	h := newLedgerHarness(t, store.SQLite)
	owner := h.client(t)
	owner.signIn("account.owner@northwind.example")
	href := owner.page(invoicesPath, http.StatusOK).Find(testid("invoice-row")+" a").First().AttrOr("href", "")
	for i, caller := range callers[1:] {
		c := h.client(t)
		c.signIn(caller.email)
		want := http.StatusOK
		if i == len(callers)-2 {
			want = http.StatusNotFound
		}
		if resp, _ := c.get(href); resp.StatusCode != want {
			t.Errorf("%s: status %d, want %d", caller.name, resp.StatusCode, want)
		}
	}
}
