package web_test

import (
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
)

// TestBenefitsOverviewAfterThePage (issue 10): the Azure credits page is served without its
// charts, with a slot that htmx fills from the overview once the page is shown; that request
// gets the overview's section alone, with the counts of every status (P2: b-007 is the one
// redeemed benefit), while a plain request (the slot's link without JavaScript) gets a page of
// its own with a way back. The overview is the workspace's: closed to a member who is not a
// partner admin (P1), as the list is.
func TestBenefitsOverviewAfterThePage(t *testing.T) {
	t.Parallel()
	h, c := rolesAs(t, partnerAdmin)
	overview := partPath + "/overview"

	resp, page := c.get(partPath + "/benefits")
	if resp.StatusCode != ok || !strings.Contains(page, `hx-get="`+overview+`" hx-trigger="load"`) ||
		!strings.Contains(page, `href="`+overview+`" data-testid="overview-link"`) || strings.Contains(page, "benefit-status-table") {
		t.Errorf("the page: status %d, want the overview's slot and link and no charts\n%.2000s", resp.StatusCode, page)
	}
	redeemed := regexp.MustCompile(`<tr data-status="Redeemed">.*?<td class="num">1</td></tr>`)
	resp, fragment := c.do("GET", overview, nil, htmxHeaders)
	if resp.StatusCode != ok || strings.Contains(fragment, "<html") || !strings.HasPrefix(fragment, `<section class="card" id="benefit-overview"`) ||
		!redeemed.MatchString(fragment) || !strings.Contains(fragment, `id="unredeemed-table"`) {
		t.Errorf("htmx: status %d, want the overview's section alone\n%.2000s", resp.StatusCode, fragment)
	}
	resp, alone := c.get(overview)
	if resp.StatusCode != ok || !strings.Contains(alone, "<html") || !redeemed.MatchString(alone) ||
		!strings.Contains(alone, `href="`+partPath+`/benefits" data-testid="overview-back"`) || !strings.Contains(alone, "chart.umd.min.js") {
		t.Errorf("plain GET: status %d, want the overview as a page with a way back\n%.2000s", resp.StatusCode, alone)
	}

	m := h.signedIn(t, partnerMember)
	listResp, _ := m.get(partPath + "/benefits")
	resp, body := m.do("GET", overview, nil, htmxHeaders)
	if resp.StatusCode == ok || resp.StatusCode != listResp.StatusCode || strings.Contains(body, "benefit-status-table") {
		t.Errorf("a member who is not a partner admin: status %d (the list %d), want the list's refusal", resp.StatusCode, listResp.StatusCode)
	}
}

// TestWorkspaceStatements (issue 10): the Azure credits page, its list as htmx asks for it and
// its overview stay within their statement budgets (a statement per row, or one more lookup per
// request, shows here): the overview is the user, the organisation with the caller's grants in
// one statement, and the benefits version under which the portal kept its totals
// (benefitTotals). The second request of each is counted.
func TestWorkspaceStatements(t *testing.T) {
	t.Parallel()
	h := rolesHarness(t)
	var n atomic.Int64
	if err := h.store.CountStatements(&n); err != nil {
		t.Fatal(err)
	}
	c := h.signedIn(t, partnerAdmin)
	for _, p := range []struct {
		path    string
		headers map[string]string
		budget  int64
	}{
		{partPath + "/benefits", nil, 9},
		{partPath + "/benefits?page=1&sort=amount", htmxHeaders, 5},
		{partPath + "/overview", htmxHeaders, 3},
	} {
		var used int64
		for range 2 {
			before := n.Load()
			if resp, body := c.do("GET", p.path, nil, p.headers); resp.StatusCode != ok {
				t.Fatalf("GET %s: status %d\n%.300s", p.path, resp.StatusCode, body)
			}
			used = n.Load() - before
		}
		if used > p.budget {
			t.Errorf("GET %s: %d statements, want at most %d", p.path, used, p.budget)
		}
	}
}
