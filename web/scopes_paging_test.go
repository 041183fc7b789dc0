package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/store"
)

// manyScopes gives the account reader of testdata/roles.json a reader role on 30 more accounts
// ("Account 01" to "Account 30"), the first with 12 profiles, and adds an account it holds no
// role on. It returns the names of the big account and of the foreign one.
func manyScopes(t *testing.T, h *harness) (big, foreign string) {
	t.Helper()
	ctx := context.Background()
	u := h.user(t, "account.reader@northwind.example")
	account := func(i int) store.BillingAccount {
		a, _, err := h.store.SaveAccount(ctx, tester, store.BillingAccount{Name: fmt.Sprintf("many-%02d", i), DisplayName: fmt.Sprintf("Account %02d", i),
			AgreementType: string(access.AgreementMCA), AccountType: "Enterprise", Status: "Active"})
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	for i := 1; i <= 30; i++ {
		a := account(i)
		if _, err := h.store.EnsureRole(ctx, tester, u, store.Scope{Account: a}, "reader"); err != nil {
			t.Fatal(err)
		}
		for j := 1; i == 1 && j <= 12; j++ {
			if _, _, err := h.store.SaveProfile(ctx, tester, a, store.BillingProfile{Name: fmt.Sprintf("MANY-%04d-000-000", j),
				DisplayName: fmt.Sprintf("Team %02d", j), Currency: "USD", InvoiceDay: 1, Status: "Active"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	return "many-01", account(31).Name
}

// pickerLink returns the href of the element with the test id, "" when there is none.
func pickerLink(d *goquery.Document, id string) string {
	href, _ := d.Find(`[data-testid="` + id + `"]`).Attr("href")
	if href == "" {
		href, _ = d.Find(`[data-testid="` + id + `"] a`).Attr("href")
	}
	return href
}

// TestPickerPagesAccountsAndProfiles: M5 with many scopes: 25 accounts a page, each with its
// profiles when it has at most five, otherwise a link to all of them, plain links that work without JavaScript (the
// same pages come as htmx fragments varying on HX-Request), and the scope opened last first.
func TestPickerPagesAccountsAndProfiles(t *testing.T) {
	t.Parallel()
	h := rolesHarness(t)
	big, foreign := manyScopes(t, h)
	c := h.signedIn(t, "account.reader@northwind.example")

	seen := map[string]int{}
	link, pages := "/scopes", 0
	for ; link != "" && pages < 5; pages++ {
		resp, body := c.get(link)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d", link, resp.StatusCode)
		}
		d := doc(t, body)
		accounts := d.Find(`[data-testid="scope-row"]`).FilterFunction(func(_ int, s *goquery.Selection) bool {
			return strings.Contains(s.Text(), "Billing account")
		})
		if pages == 0 && accounts.Length() != 25 {
			t.Errorf("the first page lists %d accounts, want 25", accounts.Length())
		}
		accounts.Each(func(_ int, s *goquery.Selection) { seen[s.Find("a").First().Text()]++ })
		if first := pickerLink(d, "first-page"); (pages > 0) != (first != "") {
			t.Errorf("page %d: first-page link %q", pages+1, first)
		}
		link = pickerLink(d, "next-page")
	}
	// The accounts list's Next cursor belongs to it: in an account's profiles, or with a search,
	// it is a 400 naming "after" rather than a page from the wrong place.
	_, first := c.get("/scopes")
	next, _ := url.Parse(pickerLink(doc(t, first), "next-page"))
	after := url.QueryEscape(next.Query().Get("after"))
	for _, other := range []string{"/scopes?account=" + big + "&after=" + after, "/scopes?q=account&after=" + after} {
		if resp, body := c.get(other); resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "after:") {
			t.Errorf("%s: %d, want 400 naming after", other, resp.StatusCode)
		}
	}
	if pages != 2 || len(seen) != 32 {
		t.Errorf("%d pages listing %d accounts, want 2 pages and all 32 (the 30 added, Northwind, Fabrikam)", pages, len(seen))
	}
	for name, n := range seen {
		if n != 1 {
			t.Errorf("%s listed %d times", name, n)
		}
	}

	_, body := c.get("/scopes?q=account+01")
	d := doc(t, body)
	if got := strings.Join(rowNames(d), ","); got != "Account 01" {
		t.Errorf("the big account's group: %s, want the account alone with a link to its 12 profiles", got)
	}
	more := pickerLink(d, "scope-more")
	if text := strings.TrimSpace(d.Find(`[data-testid="scope-more"]`).Text()); text != "All 12 billing profiles of Account 01" || more == "" {
		t.Fatalf("the link to the rest of the profiles: %q -> %q", text, more)
	}
	_, body = c.get(more)
	if got := rowNames(doc(t, body)); len(got) != 13 || got[0] != "Account 01" || got[12] != "Team 12" {
		t.Errorf("all the profiles of the big account: %v", got)
	}
	_, body = c.get("/scopes?account=" + big + "&q=team+1")
	if got := strings.Join(rowNames(doc(t, body)), ","); got != "Team 10,Team 11,Team 12" {
		t.Errorf("searching the big account's profiles: %s", got)
	}
	_, body = c.get("/scopes?q=team+1")
	if got := strings.Join(rowNames(doc(t, body)), ","); got != "Team 10,Team 11,Team 12" {
		t.Errorf("a search that finds few profiles lists them under their account: %s", got)
	}

	// A profile opened last is shown under its account, first, even among many.
	c.get("/accounts/" + big + "/profiles/MANY-0007-000-000")
	_, body = c.get("/scopes")
	if got := rowNames(doc(t, body)); len(got) < 2 || got[0] != "Account 01" || got[1] != "Team 07" {
		t.Errorf("after opening Team 07 the picker lists %v, want Account 01, Team 07 first", got)
	}

	// The scope opened last comes first, marked, whatever its name.
	c.get(profilePath)
	_, body = c.get("/scopes")
	d = doc(t, body)
	if got := rowNames(d); len(got) < 2 || got[0] != "Northwind Traders" || got[1] != "Engineering" {
		t.Errorf("after opening Engineering the picker starts %v, want Northwind Traders, Engineering", got[:min(2, len(got))])
	}
	if got := d.Find(`[data-testid="last-opened"]`).Parent().Find("a").Text(); got != "Engineering" {
		t.Errorf("the scope marked as opened last is %q", got)
	}

	frag := c.fragment(pickerLinkOf(t, c, "/scopes"), "scopes-table")
	if frag.Find(`[data-testid="scope-row"]`).Length() == 0 || pickerLink(frag, "first-page") == "" {
		t.Error("the second page as a fragment lacks its rows or its first-page link")
	}
	if resp, _ := c.get("/scopes?after=not-a-cursor"); resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a bad cursor: status %d, want 400 as any bad query parameter", resp.StatusCode)
	}
	if resp, _ := c.get("/scopes?account=" + foreign); resp.StatusCode != http.StatusNotFound {
		t.Errorf("the profiles of an account without a role: status %d, want 404 (M3)", resp.StatusCode)
	}
}

// pickerLinkOf returns the next-page link of a picker page.
func pickerLinkOf(t *testing.T, c *client, path string) string {
	t.Helper()
	_, body := c.get(path)
	link := pickerLink(doc(t, body), "next-page")
	if link == "" {
		t.Fatalf("%s has no next page", path)
	}
	return link
}
