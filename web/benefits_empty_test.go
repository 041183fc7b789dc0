package web_test

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"

	"github.com/creditdesk/creditdesk/internal/benefits"
)

// TestBenefitsEmptyStatesAndOrder (issue 11): a filter or search that leaves nothing says so
// once, with a Clear filters link back to the whole list; a page past the end says so once; the
// default order puts what needs action first and expired benefits last.
func TestBenefitsEmptyStatesAndOrder(t *testing.T) {
	t.Parallel()
	_, c := rolesAs(t, partnerAdmin)
	for _, tt := range []struct{ name, query, want, clear string }{
		{"search", "?q=nothing-is-called-this", "No benefit matches this filter and search.", partPath + "/benefits"},
		{"filter and sort kept", "?filter=redeemed&q=nothing-is-called-this&sort=id", "No benefit matches", partPath + "/benefits?sort=id"},
		{"past the end", "?page=40", "Page 40 is past the end", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := c.page(partPath+"/benefits"+tt.query, http.StatusOK)
			empty := p.Find(testid("benefits-empty"))
			if empty.Length() != 1 || !strings.Contains(empty.Text(), tt.want) {
				t.Errorf("empty state %q (%d), want one saying %q", empty.Text(), empty.Length(), tt.want)
			}
			if n := p.Find(testid("benefits-summary")).Length(); n != 0 {
				t.Errorf("an empty list also shows %d summaries", n)
			}
			href, ok := p.Find(testid("clear-filters")).Attr("href")
			if tt.clear != "" && (!ok || href != tt.clear) {
				t.Errorf("Clear filters links to %q (%v), want %q", href, ok, tt.clear)
			}
			if tt.clear == "" && ok {
				t.Errorf("Clear filters shown without a filter: %q", href)
			}
		})
	}
	p := c.page(partPath+"/benefits", http.StatusOK)
	var ranks []int
	for _, st := range p.Find(testid("benefit-row")).Map(func(_ int, s *goquery.Selection) string { v, _ := s.Attr("data-status"); return v }) {
		ranks = append(ranks, benefits.Status(st).ActionRank())
	}
	if len(ranks) < 3 || !slices.IsSorted(ranks) || ranks[0] != 0 || ranks[len(ranks)-1] != benefits.StatusExpired.ActionRank() {
		t.Errorf("default order ranks %v: want what needs action first, expired last", ranks)
	}
}
