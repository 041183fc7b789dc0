package web_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/password/passwordtest"
	"github.com/creditdesk/creditdesk/internal/scenario"
	"github.com/creditdesk/creditdesk/internal/store"
)

// demoDay is a time on the day the demo scenario is written for; loaded on another day, the
// demo moves with it (scenario.DemoAt).
var demoDay = scenario.DemoWrittenFor.Add(9 * time.Hour)

// demoHarnessAt is the roles scenario with the demo moved to the time loaded beside it (loadDemo),
// processed then.
func demoHarnessAt(t testing.TB, at time.Time) *harness {
	t.Helper()
	h := rolesHarness(t)
	h.loadDemo(t, at)
	h.process(t, at)
	return h
}

// loadDemo loads the demo, moved to the time (scenario.DemoAt), beside the harness's scenario,
// unprocessed, and returns it.
func (h *harness) loadDemo(t testing.TB, at time.Time) *scenario.Scenario {
	t.Helper()
	demo, err := scenario.DemoAt(at)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := scenario.Load(context.Background(), h.store, demo, passwordtest.Params()); err != nil {
		t.Fatal(err)
	}
	return demo
}

// demoLots are the names of the demo account's lots in each status on the harness's business
// day, over its three profiles.
func demoLots(t *testing.T, h *harness) map[ledger.Status][]string {
	t.Helper()
	lots := map[ledger.Status][]string{}
	for _, name := range []string{"PBFV-AB12-CD3-EF4", "QW7R-KM45-TY6-UP8", "ZX9C-VB87-NM6-LK5"} {
		bp := *scopeOf(t, h.store, accountName, name).Profile
		for _, st := range ledger.Statuses {
			rows, _, err := h.store.LotsPage(t.Context(), store.LotQuery{ProfileIDs: []int64{bp.ID}, Statuses: []ledger.Status{st},
				Limit: 50, Today: ledger.DateOf(h.clock.T), Window: ledger.DefaultExpiryWindow})
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				lots[st] = append(lots[st], r.Name)
			}
		}
	}
	return lots
}

// TestDemoCreditsAlive: the demo has, on demoDay, lots in every status (M8), months of charges and a pending refund, so the credits page is alive at first
// start; the page renders for a demo reader.
func TestDemoCreditsAlive(t *testing.T) {
	t.Parallel()
	h := demoHarnessAt(t, demoDay)
	today := ledger.DateOf(demoDay)
	statuses := demoLots(t, h)
	want := map[ledger.Status][]string{
		ledger.StatusActive:     {"eng-azure-plan-2026", "mkt-prepaid-2026", "res-grant-2026"},
		ledger.StatusExpiring:   {"eng-promo-q4-2026", "mkt-launch-2026"},
		ledger.StatusUsed:       {"eng-hackathon-2026", "mkt-events-2025"},
		ledger.StatusExpired:    {"eng-startup-2025", "mkt-agency-2025"},
		ledger.StatusNotStarted: {"eng-commitment-2027", "mkt-promo-2027"},
		ledger.StatusCanceled:   {"res-pilot-2026"},
	}
	for st, names := range want {
		got := statuses[st]
		slices.Sort(got)
		if !slices.Equal(got, names) {
			t.Errorf("%s lots on %s: %v, want %v", st, today, got, names)
		}
	}

	c := h.client(t)
	c.signInWith("li@northwind.example", scenario.DemoPassword)
	p := c.page(creditsPath, http.StatusOK)
	if n := p.Find(testid("tx-pending")).Length(); n < 2 {
		t.Errorf("%d pending transactions on the demo page, want the month's charges and the refund", n)
	}
	if adj := p.Find(testid("pending-adjustments")).Text(); adj != "USD 75.00" {
		t.Errorf("pending credit adjustments = %q, want the demo refund USD 75.00", adj)
	}
	if runway := c.charts(p).Find(testid("runway-summary")).Text(); !strings.Contains(runway, "covers your usage until") {
		t.Errorf("demo runway: %q", runway)
	}
	// Issue 11: a lot no invoice has taken in yet says so next to its balance of 0 (M12a); a
	// used one does not.
	notInvoiced := map[string]bool{}
	p.Find(testid("lot-row")).Each(func(_ int, row *goquery.Selection) {
		notInvoiced[row.Find(".id").First().Text()] = row.Find(testid("lot-not-invoiced")).Length() == 1
	})
	if !notInvoiced["eng-commitment-2027"] || notInvoiced["eng-hackathon-2026"] || notInvoiced["eng-azure-plan-2026"] {
		t.Errorf("not-invoiced notes: %v, want on eng-commitment-2027 only", notInvoiced)
	}
	// Research has a lot and no charges: the runway says so rather than guess.
	owner := h.client(t)
	owner.signInWith("ana@northwind.example", scenario.DemoPassword)
	// Issue 11: the account summary says which balance each column uses.
	summary := owner.page(accountPath+"/credits", http.StatusOK)
	if basis := summary.Find(testid("balance-basis")).Text(); !strings.Contains(basis, "on the estimated balance") ||
		summary.Find(`th:contains("Current balance (last invoice)")`).Length() != 1 || summary.Find(`th:contains("Next expiry (estimated)")`).Length() != 1 {
		t.Errorf("the account summary does not name the balance of each column: %q", basis)
	}
	p = owner.page(accountPath+"/profiles/ZX9C-VB87-NM6-LK5/credits", http.StatusOK)
	if got := strings.Join(strings.Fields(owner.charts(p).Find(testid("runway-summary")).Text()), " "); got != "Not enough history yet (0 days of charges; 14 needed)." {
		t.Errorf("Research runway: %q", got)
	}
	if got := p.Find(testid("estimated-balance")).Text(); got != "EUR 10,000.00" {
		t.Errorf("Research estimated balance: %q", got)
	}
}
