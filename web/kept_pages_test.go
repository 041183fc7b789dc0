package web_test

import (
	"bytes"
	"context"
	"net/http"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
	"github.com/creditdesk/creditdesk/web"
)

// TestAccountSummaryKeptAcrossPortals: a portal shows the account's credits summary (M14) with
// the rows of profiles whose ledgers have not moved since it summarised them the same day from
// its memory, one statement fewer (issue 10), rendered in the reader's date order (X3); a lot
// canceled through a second portal over the same database shows at once on the first (M12: the
// estimate drops), as on another portal; the next business day is read afresh.
func TestAccountSummaryKeptAcrossPortals(t *testing.T) {
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) {
		h, n, first, second := ownerOnTwoPortals(t, d)
		path := "/accounts/" + url.PathEscape(accountName) + "/credits"
		statements := func(c *client) (int64, string) {
			before := n.Load()
			resp, body := c.get(path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: status %d", path, resp.StatusCode)
			}
			return n.Load() - before, body
		}
		statements(first) // computes the balance sections and keeps them in the database
		table := func(page string) string {
			html, _ := doc(t, page).Find(`[data-testid="profile-credits"]`).Html()
			return html
		}
		// read is what a portal that has kept nothing in memory reads.
		read := func() (int64, string) {
			c := h.secondPortal(t).signedIn(t, "account.owner@northwind.example")
			n, page := statements(c)
			return n, table(page)
		}
		fresh, page := read()
		kept, again := statements(first)
		if kept != fresh-1 || table(again) != page {
			t.Errorf("the summary again: %d statements, want %d (%d less 1), and the same rows", kept, fresh-1, fresh)
		}
		// The kept rows are the reader's own: X3, dates in the reader's order.
		for _, lang := range []string{"en-US", "en-GB", "en-US"} {
			_, body := first.do(http.MethodGet, path, nil, map[string]string{"Accept-Language": lang})
			got := doc(t, body).Find(`[data-testid="profile-credits-row"] time`).First().Text()
			if want := map[string]string{"en-GB": "19 Apr 2027", "en-US": "Apr 19, 2027"}[lang]; got != want {
				t.Errorf("%s: next expiry %q, want %q", lang, got, want)
			}
		}
		if resp, _ := second.post(creditsPath+"/lots/prepaid/cancel", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("cancel through the second portal: status %d", resp.StatusCode)
		}
		_, after := statements(first)
		if _, want := read(); table(after) != want || table(after) == page {
			t.Errorf("after the cancel the first portal shows the rows it kept, or not what another portal shows:\n%s", table(after))
		}
		if got := doc(t, after).Find(`[data-testid="profile-credits-row"]`).Length(); got != 2 {
			t.Errorf("%d rows, want the account's 2 profiles", got)
		}
		kept, _ = statements(first)
		h.clock.T = time.Date(2026, 5, 21, 9, 0, 0, 0, time.UTC)
		if n, _ := statements(first); n <= kept {
			t.Errorf("the next day: %d statements, want more than %d (read afresh)", n, kept)
		}
	})
}

// TestEventsPageKeptAcrossPortals: the API writes again a page of a profile's events (E1) that
// holds settled events only, from its memory while the profile's ledger has not moved, with the
// same bytes and two statements fewer (issue 10); a processing run of another instance (a lot
// released, M15) moves the profile's ledger, and the page is read afresh; a page that reaches the
// pending events (M12) is computed each time.
func TestEventsPageKeptAcrossPortals(t *testing.T) {
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) {
		h := newARMHarness(t, d, "testdata/arm.json", armOptions{pageSize: 2})
		var n atomic.Int64
		if err := h.store.CountStatements(&n); err != nil {
			t.Fatal(err)
		}
		path := profilePathARM + cons + "/events?api-version=2021-10-01&startDate=2024-01-01&endDate=2026-12-31"
		get := func(h *harness) (int64, []byte) {
			before := n.Load()
			resp, body := apiGet(t, h, ownerToken, path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: status %d %s", path, resp.StatusCode, body)
			}
			return n.Load() - before, bytes.ReplaceAll(body, []byte(h.server.URL), nil) // the nextLink names the portal
		}
		get(h)
		// read is what a portal that has kept nothing in memory reads.
		read := func() (int64, []byte) { return get(freshAPI(t, h)) }
		fresh, page := read()
		kept, again := get(h)
		if kept != fresh-2 || !bytes.Equal(again, page) {
			t.Errorf("the page again: %d statements, want %d (%d less 2), and the same bytes", kept, fresh-2, fresh)
		}
		ctx := context.Background()
		eng := engineering(t, h.store)
		lot := store.LotRow{BillingProfileID: eng.ID, Name: "added", Source: "PromotionalCredit", Currency: "USD",
			OriginalAmount: money.MustParse("10"), StartDate: ledger.MustDate("2026-06-01"),
			ExpirationDate: ledger.MustDate("2026-12-31"), PurchasedDate: ledger.MustDate("2026-06-01")}
		if _, err := h.store.SaveLot(ctx, tester, lot); err != nil {
			t.Fatal(err)
		}
		h.process(t, h.clock.T)
		if got, after := get(h); got != fresh || !bytes.Equal(after, page) {
			t.Errorf("after another instance's processing run: %d statements, want %d (read afresh), and the same events", got, fresh)
		}
		if n, _ := get(h); n != kept {
			t.Errorf("then again: %d statements, want %d (kept at the new version)", n, kept)
		}
		last := profilePathARM + cons + "/events?api-version=2021-10-01&startDate=2026-06-01&endDate=2026-12-31"
		path = last
		get(h) // keeps the pending events in the database
		if got, _ := get(h); got <= kept {
			t.Errorf("a page of pending events again: %d statements, want more than %d (computed again)", got, kept)
		}
	})
}

// freshAPI is another portal over the harness's database, serving the API with the same
// settings but its own memory, as a second instance behind a load balancer is.
func freshAPI(t *testing.T, h *harness) *harness {
	t.Helper()
	return h.otherPortal(t, func(d *web.Deps) { d.Config.SecureCookie, d.APIPageSize = true, 2 })
}
