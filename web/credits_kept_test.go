package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
	"github.com/creditdesk/creditdesk/web"
)

// secondPortal is another portal over the harness's database, with the same session key and
// clocks but its own memory, as a second instance behind a load balancer is.
func (h *harness) secondPortal(t testing.TB) *harness { return h.otherPortal(t, nil) }

// otherPortal is secondPortal with the server's dependencies changed by adjust first (nil for
// none), served over TLS when adjust asks for secure cookies.
func (h *harness) otherPortal(t testing.TB, adjust func(*web.Deps)) *harness {
	t.Helper()
	deps := testDeps(h.store, h.clocks())
	if adjust != nil {
		adjust(&deps)
	}
	srv := newServer(t, deps)
	serve := httptest.NewServer
	if deps.Config.SecureCookie {
		serve = httptest.NewTLSServer
	}
	other := &harness{store: h.store, clock: h.clock, wall: h.wall, web: srv, server: serve(srv)}
	t.Cleanup(srv.WaitBackground) // after the server closed: the emails its requests started
	t.Cleanup(other.server.Close)
	return other
}

// ownerOnTwoPortals is the ledger scenario processed on 2026-05-20 (the prepaid lot may then be
// canceled) in a harness on d whose statements n counts, with the account owner signed in on it
// (first) and on a second portal over the same database (second).
func ownerOnTwoPortals(t *testing.T, d store.Dialect) (h *harness, n *atomic.Int64, first, second *client) {
	t.Helper()
	h = newHarness(t, d, "testdata/roles.json", false)
	h.addLedger(t, time.Date(2026, 5, 20, 9, 0, 0, 0, time.UTC))
	n = new(atomic.Int64)
	if err := h.store.CountStatements(n); err != nil {
		t.Fatal(err)
	}
	first, second = h.client(t), h.secondPortal(t).client(t)
	first.signIn("account.owner@northwind.example")
	second.signIn("account.owner@northwind.example")
	return h, n, first, second
}

// TestCreditsPageKeptAcrossPortals: a portal shows the credits page of a profile whose ledger
// has not moved from what it read for the same day and query, with four statements fewer (issue
// 10); a lot canceled through a second portal over the same database shows at once on the
// first (M8, M12: the canceled credit leaves the estimate as a pending transaction), and so
// does the next business day (M8: statuses follow the day); the kept transactions table
// follows the reader's locale (X3).
func TestCreditsPageKeptAcrossPortals(t *testing.T) {
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) {
		h, n, first, second := ownerOnTwoPortals(t, d)
		statements := func(path string) (int64, string) {
			before := n.Load()
			resp, body := first.get(path)
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: status %d", path, resp.StatusCode)
			}
			return n.Load() - before, body
		}
		statements(creditsPath) // computes and keeps the balance section of the day
		read, page := statements(creditsPath + "?sort=amount")
		kept, again := statements(creditsPath + "?sort=amount")
		if kept != read-4 || again != page {
			t.Errorf("the page again: %d statements, want %d (%d less 4), and the same page", kept, read-4, read)
		}
		if n, _ := statements(creditsPath); n != read {
			t.Errorf("another query: %d statements, want %d", n, read)
		}
		if n, _ := statements(creditsPath); n != kept {
			t.Errorf("that query again: %d statements, want %d", n, kept)
		}
		if resp, _ := second.post(creditsPath+"/lots/prepaid/cancel", url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("cancel through the second portal: status %d", resp.StatusCode)
		}
		_, page = statements(creditsPath)
		dd := doc(t, page)
		if got := dd.Find(`[data-testid="canceled-credit"]`).Text(); !strings.Contains(got, "-USD 2,000.00") {
			t.Errorf("canceled credit on the first portal: %q, want -USD 2,000.00", got)
		}
		if pending := dd.Find(`[data-testid="tx-row"].pending`).Text(); !strings.Contains(pending, "Canceled credit") {
			t.Errorf("pending transactions on the first portal: %q, want the canceled credit", pending)
		}
		// The kept transactions table is the reader's own: X3, dates in the reader's order.
		for _, lang := range []string{"en-GB", "en-US", "en-GB"} {
			_, body := first.do(http.MethodGet, creditsPath, nil, map[string]string{"Accept-Language": lang})
			got := doc(t, body).Find(testid("tx-row") + " time[datetime='2026-05-15']").First().Text()
			if want := map[string]string{"en-GB": "15 May 2026", "en-US": "May 15, 2026"}[lang]; got != want {
				t.Errorf("%s: transaction date %q, want %q", lang, got, want)
			}
		}
		h.clock.T = time.Date(2026, 5, 21, 9, 0, 0, 0, time.UTC)
		if n, _ := statements(creditsPath); n <= kept {
			t.Errorf("the next day: %d statements, want more than %d (read afresh)", n, kept)
		}
	})
}
