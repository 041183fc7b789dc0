package web_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestCreditsShowNotCoveredList (M10, issue 8 item 2): everyone who sees the credits page sees
// the installation's stored not-covered list, edits included, next to the burn order; an upload
// takes its eligibility from that list whatever the export's spelling.
func TestCreditsShowNotCoveredList(t *testing.T) {
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) {
		h := newLedgerHarness(t, d)
		ctx := context.Background()
		op := store.User{Email: "operator (test)"}
		if _, err := h.store.AddNotCovered(ctx, op, "Contoso Widgets"); err != nil {
			t.Fatal(err)
		}
		if _, err := h.store.RemoveNotCovered(ctx, op, "canonical"); err != nil {
			t.Fatal(err)
		}
		list, err := h.store.NotCovered(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := list.Names()
		if !slices.Contains(want, "Contoso Widgets") || slices.Contains(want, "Canonical") {
			t.Fatalf("stored list %q", want)
		}
		for _, who := range []string{"profile.owner@northwind.example", reader} {
			c := h.signedIn(t, who)
			p := c.page(creditsPath, http.StatusOK)
			box := p.Find(testid("burn-order") + " " + testid("not-covered"))
			if got := texts(box.Find("li")); !slices.Equal(got, want) {
				t.Errorf("%s sees\n%q\nwant the stored list\n%q", who, got, want)
			}
			if got := texts(box.Find("summary")); !slices.Equal(got, []string{"Products not covered by credits"}) {
				t.Errorf("%s: disclosure summary %q", who, got)
			}
			if !strings.Contains(box.Text(), "Azure Marketplace products") {
				t.Errorf("%s: Marketplace is not named: %q", who, box.Text())
			}
		}

		c := h.signedIn(t, "profile.owner@northwind.example")
		csv := "billingProfileId,date,productName,billingCurrency,costInBillingCurrency\n" +
			"PBFV-AB12-CD3-EF4,07/08/2026,CONTOSO  widget,USD,12.00\n"
		if resp, body := c.uploadCSV(profilePath+"/charges/upload", "widgets.csv", csv); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("upload: status %d\n%.400s", resp.StatusCode, body)
		}
		p := c.page(creditsPath, http.StatusOK)
		if got := strings.Join(strings.Fields(p.Find(testid("ineligible")).Text()), " "); !strings.HasPrefix(got, "USD 12.00 of pending charges") {
			t.Errorf("ineligible after the upload: %q", got)
		}
		if got := strings.TrimSpace(p.Find(testid("estimated-balance")).Text()); got != "USD 625.00" {
			t.Errorf("estimated balance %s: the not-covered upload burned credit", got)
		}
	})
}
