package web_test

import (
	"context"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/store"
)

// pageStatements counts the statements each page of the load benchmark (issue 10) sends to the
// database, on an account of profiles profiles, each with lots lots, days days of charges and
// refunds adjustments, processed on the 20th: the second request of each page, once whatever a
// page keeps for the next has been kept.
func pageStatements(t *testing.T, profiles, lots, days, refunds int) map[string]int64 {
	t.Helper()
	h := newHarness(t, store.SQLite, wideScenario(t, profiles, lots, days, refunds), false)
	at := time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC).AddDate(0, 0, days-1)
	h.process(t, time.Date(at.Year(), at.Month(), 20, 8, 0, 0, 0, time.UTC))
	ctx := context.Background()
	u := h.user(t, bigReader)
	if _, err := h.store.EnsureToken(ctx, u.ID, "statements", benchToken); err != nil {
		t.Fatal(err)
	}
	var n atomic.Int64
	if err := h.store.CountStatements(&n); err != nil {
		t.Fatal(err)
	}
	c := h.signedIn(t, bigReader)
	arm := "/providers/Microsoft.Billing/billingAccounts/" + url.PathEscape(bigAccount) + "/billingProfiles/" + bigProfile +
		"/providers/Microsoft.Consumption"
	bearer := map[string]string{"Authorization": "Bearer " + benchToken}
	out := map[string]int64{}
	for _, p := range []struct {
		name, path string
		headers    map[string]string
	}{
		{"credits page", bigCredits, nil},
		{"lots fragment", bigCredits, map[string]string{"HX-Request": "true", "HX-Target": "lots-table"}},
		{"transactions fragment", bigCredits, map[string]string{"HX-Request": "true", "HX-Target": "tx-table"}},
		{"charts fragment", bigCredits + "/charts", map[string]string{"HX-Request": "true", "HX-Target": "credits-charts"}},
		{"account summary", "/accounts/" + url.PathEscape(bigAccount) + "/credits", nil},
		{"API balanceSummary", arm + "/credits/balanceSummary?api-version=2021-10-01", bearer},
		{"API lots", arm + "/lots?api-version=2021-10-01", bearer},
		{"API events", arm + "/events?api-version=2021-10-01&startDate=2024-01-01&endDate=2026-12-31", bearer},
	} {
		for i := range 2 {
			before := n.Load()
			resp, body := c.do("GET", p.path, nil, p.headers)
			if resp.StatusCode != 200 {
				t.Fatalf("GET %s: status %d\n%.300s", p.path, resp.StatusCode, body)
			}
			switch {
			case i == 1:
				out[p.name] = n.Load() - before
			case p.name == "credits page": // the first view reads what the second finds kept
				out[p.name+" (cold)"] = n.Load() - before
			}
		}
	}
	return out
}

// TestStatementsPerPage: every page of the load benchmark sends as many statements with ten
// times the lots, the adjustments and the profiles (no statement per row, issue 10), within a
// budget: the session and the scope take 2 or 3 of them in the portal, 2 in the API (the token
// with its user; the account, the profile and the grants on them, store.ScopeGrants). The
// credits page seen again at the same ledger version reads its tables and balance section from
// the portal's memory (creditsData), while its first view reads them (cold); the account
// summary's rows and the API's page of settled events, seen again at the same ledger versions,
// come from the portal's memory too (keptRows, keptEventPage). The API's events page differs
// between the two accounts for that reason: on the smaller its first page reaches the pending
// events (M12), which are computed each time, with their lots' sources; on the larger it holds
// settled events only, and the session and the scope are all it reads.
func TestStatementsPerPage(t *testing.T) {
	budget := map[string]int64{"credits page (cold)": 17, "credits page": 5, "lots fragment": 5, "transactions fragment": 6,
		"charts fragment": 4, "account summary": 4, "API balanceSummary": 3, "API lots": 3, "API events": 6}
	small := pageStatements(t, 2, 4, 70, 20)
	large := pageStatements(t, 12, 40, 400, 600)
	for name, n := range large {
		t.Logf("%s: %d statements (%d on the smaller account)", name, n, small[name])
		if n > budget[name] || small[name] > budget[name] || (n != small[name] && name != "API events") {
			t.Errorf("%s: %d statements, %d on the smaller account; want the same, at most %d", name, n, small[name], budget[name])
		}
		if name == "API events" && n > 2 {
			t.Errorf("API events, a page of settled events seen again: %d statements, want at most 2", n)
		}
	}
}
