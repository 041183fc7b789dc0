package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/arm"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// listPage is one decoded list page.
type listPage struct {
	Value []struct {
		Name       string
		Properties struct{ EventType string }
	}
	NextLink *string
}

// follow fetches a list page by its absolute URL (the first one by path) and decodes it.
func follow(t *testing.T, h *harness, token, link string) listPage {
	t.Helper()
	resp, body := apiGet(t, h, token, link[len(h.server.URL):])
	var p listPage
	if resp.StatusCode != 200 || json.Unmarshal(body, &p) != nil {
		t.Fatalf("%s: %d %s", link, resp.StatusCode, body)
	}
	return p
}

// TestPagingStableUnderInserts: lots and events added while a client pages through them are
// neither skipped nor repeated, and every row that existed at the start comes exactly once
// (keyset cursors, never OFFSET; contract §1.6). On SQLite and PostgreSQL.
func TestPagingStableUnderInserts(t *testing.T) {
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) {
		h := newARMHarness(t, d, "testdata/arm.json", armOptions{pageSize: 2})
		ctx := context.Background()
		eng := engineering(t, h.store)
		today := ledger.DateOf(h.clock.T)

		before, _, _ := h.store.LotsPage(ctx, store.LotQuery{ProfileIDs: []int64{eng.ID}, Limit: 1000, Today: today})
		seen := map[string]int{}
		link := h.server.URL + profilePathARM + cons + "/lots?api-version=2021-10-01"
		for i := 0; link != ""; i++ {
			p := follow(t, h, ownerToken, link)
			for _, l := range p.Value {
				seen[l.Name]++
			}
			// Between pages, a new lot arrives and is released (M15).
			lot := store.LotRow{BillingProfileID: eng.ID, Name: fmt.Sprintf("added-%d", i), Source: "PromotionalCredit",
				Currency: "USD", OriginalAmount: money.MustParse("10"), StartDate: ledger.MustDate("2026-06-01"), ExpirationDate: ledger.MustDate("2026-12-31"), PurchasedDate: ledger.MustDate("2026-06-01")}
			if _, err := h.store.SaveLot(ctx, tester, lot); err != nil {
				t.Fatal(err)
			}
			if _, err := h.store.ProcessAll(ctx, today); err != nil {
				t.Fatal(err)
			}
			link = ""
			if p.NextLink != nil {
				link = *p.NextLink
			}
		}
		for name, n := range seen {
			if n > 1 {
				t.Errorf("lot %s came %d times", name, n)
			}
		}
		for _, l := range before {
			if seen[l.Name] != 1 {
				t.Errorf("lot %s, there from the start, came %d times", l.Name, seen[l.Name])
			}
		}

		settled, _, _ := h.store.EventsPage(ctx, store.EventQuery{ProfileIDs: []int64{eng.ID}, Newest: true, Limit: 1000})
		seenEvents := map[string]int{}
		link = h.server.URL + profilePathARM + cons + "/events?api-version=2021-10-01&startDate=2026-01-01&endDate=2027-12-31"
		pages := 0
		for link != "" {
			p := follow(t, h, ownerToken, link)
			for _, e := range p.Value {
				seenEvents[e.Name]++
			}
			// Between pages a month passes: the next invoice settles new events (M9, M13).
			h.clock.T = h.clock.T.AddDate(0, 1, 0)
			if _, err := h.store.ProcessAll(ctx, ledger.DateOf(h.clock.T)); err != nil {
				t.Fatal(err)
			}
			link = ""
			if p.NextLink != nil {
				link = *p.NextLink
			}
			pages++
		}
		for name, n := range seenEvents {
			if n > 1 {
				t.Errorf("event %s came %d times", name, n)
			}
		}
		for _, e := range settled {
			if name := arm.SettledName(profilePathARM, e.Seq); seenEvents[name] != 1 {
				t.Errorf("event %d (%s), settled from the start, came %d times", e.Seq, e.Description, seenEvents[name])
			}
		}
		if pages < 3 {
			t.Errorf("%d pages", pages)
		}
	})
}

// TestNextLinkFromPublicURL (issue 12): with -public-url the nextLink starts with it whatever
// Host and X-Forwarded-Proto the client sends; without it the request's own host is used.
func TestNextLinkFromPublicURL(t *testing.T) {
	t.Parallel()
	path := profilePathARM + cons + "/lots"
	for _, tt := range []struct{ publicURL, want string }{
		{"https://credits.example.com/cd", "https://credits.example.com/cd" + path},
		{"", "https://evil.example.com" + path},
	} {
		h := newARMHarness(t, store.SQLite, "testdata/arm.json", armOptions{pageSize: 1, publicURL: tt.publicURL})
		req, err := http.NewRequest(http.MethodGet, h.server.URL+path+"?api-version=2021-10-01", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = "evil.example.com"
		req.Header.Set("X-Forwarded-Proto", "http")
		req.Header.Set("Authorization", "Bearer "+ownerToken)
		resp, err := h.server.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var p listPage
		err = json.NewDecoder(resp.Body).Decode(&p)
		resp.Body.Close()
		if err != nil || p.NextLink == nil {
			t.Fatalf("public URL %q: %d, %v, no nextLink", tt.publicURL, resp.StatusCode, err)
		}
		if got, query, _ := strings.Cut(*p.NextLink, "?"); got != tt.want || !strings.Contains(query, "skiptoken=") {
			t.Errorf("public URL %q: nextLink %s, want %s?...skiptoken=...", tt.publicURL, *p.NextLink, tt.want)
		}
	}
}
