package web

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// benefitColumns are the list's columns and the sort each one offers ("" for none).
var benefitColumns = []struct {
	label string
	sort  store.BenefitSort
}{
	{"Benefit ID", store.SortID}, {"Benefit", store.SortKind}, {"Amount", store.SortAmount},
	{"Period", store.SortStart}, {"Status", store.SortStatus}, {"Assigned user", store.SortUser},
	{"Reassignments", ""},
}

// benefitsList is the Azure credits page of the Benefits workspace (P2): quick filters, search,
// sort and paging run in the database; htmx swaps the table in place and pushes the URL, which
// closes the side pane (the pane's close button is such a request). Each row's link carries the
// list's state, so the pane returns to it. Assign (assign=<benefit>) leads to that benefit's
// pane on its Activate benefits tab. The overview's charts are not computed here: the page
// loads them after it is shown (benefitsOverview), so the list is served first. The page's
// rows are kept between requests while they hold (benefitsPage).
func (s *Server) benefitsList(c echo.Context) error {
	pc := currentPartner(c)
	q, problem, err := parseBenefitsQuery(c.QueryParams())
	if err != nil {
		return err
	}
	if id := c.QueryParam("assign"); id != "" { // Assign, with a benefit selected: its pane
		return seeOther(c, paneTabHref(s.links.benefit(pc.ExternalID, id), "activate", q.query()))
	}
	now, loc := s.businessTime(), readerLocale(c)
	p := views.BenefitList{Shell: s.partnerShell(c, "Azure credits", "Azure credits"), Loc: loc, PartnerName: pc.Name,
		Search: q.Search, Filter: string(q.Filter), Sort: string(q.Sort), Problem: problem}
	bq := store.BenefitQuery{Filter: q.Filter, Search: q.Search, Sort: q.Sort, Desc: q.Desc,
		Offset: (q.Page - 1) * benefitsPageSize, Limit: benefitsPageSize, Now: now}
	page, err := s.benefitsPage(c.Request().Context(), pc.ID, q, bq)
	if err != nil {
		return err
	}
	base := s.links.partner(routeBenefits, pc.ExternalID)
	p.Action, p.OverviewHref = base, s.links.partner(routeBenefitsOverview, pc.ExternalID)
	if q.Desc {
		p.Dir = "desc"
	}
	for _, f := range benefits.Filters() {
		p.Filters = append(p.Filters, views.BenefitChoice{Label: f.Label(), Href: q.withFilter(f).href(base),
			Active: f == q.Filter, TestID: "filter-" + filterTestID(f)})
	}
	for _, col := range benefitColumns {
		h := views.BenefitSortHeader{Label: col.label}
		if col.sort != "" {
			h.Href, h.Active, h.Desc = q.withSort(col.sort).href(base), q.Sort == col.sort, q.Sort == col.sort && q.Desc
		}
		p.Headers = append(p.Headers, h)
	}
	for _, v := range page.Rows {
		p.Rows = append(p.Rows, benefitRow(s.links, v, now, loc, q.query()))
	}
	first := (q.Page-1)*benefitsPageSize + 1
	switch {
	case page.Total == 0 && (q.Filter != benefits.FilterAll || q.Search != ""):
		p.Empty = views.EmptyNoMatch
		p.ClearHref = benefitsQuery{Filter: benefits.FilterAll, Sort: q.Sort, Desc: q.Desc, Page: 1}.href(base)
	case page.Total == 0:
		p.Empty = views.EmptyNone
	case len(page.Rows) == 0:
		p.Empty = views.EmptyPastEnd
		p.Summary = fault.Say(views.KeyPastEnd, q.Page, page.Total)
	default:
		p.Summary = fault.Say(views.KeyPageOf, first, first+len(page.Rows)-1, page.Total)
	}
	if q.Page > 1 {
		p.PrevHref = q.withPage(q.Page - 1).href(base)
	}
	if int64(q.Page*benefitsPageSize) < page.Total {
		p.NextHref = q.withPage(q.Page + 1).href(base)
	}
	status := http.StatusOK
	if problem != "" {
		status = http.StatusUnprocessableEntity
	}
	return s.render(c, status, views.BenefitsPage(p), views.BenefitsFragment(p))
}

// filterTestID names a quick filter in data-testid attributes: "all" or its URL value.
func filterTestID(f benefits.Filter) string {
	if f == benefits.FilterAll {
		return "all"
	}
	return string(f)
}

// benefitsPage is one page of the list: kept, when the portal read it for the same query at the
// benefits version the database has now and no benefit has changed status since, or read and
// kept. The default order places its page by the number of each status: the kept totals'. The
// expiring filter's window moves with the clock at other instants than status changes, so its
// pages are read each time.
func (s *Server) benefitsPage(ctx context.Context, partnerID int64, q benefitsQuery, bq store.BenefitQuery) (store.BenefitPage, error) {
	if q.Filter == benefits.FilterExpiring {
		return s.store.BenefitsOfPartner(ctx, partnerID, bq)
	}
	t, l, err := s.benefitTotals(ctx, partnerID, bq.Now)
	if err != nil {
		return store.BenefitPage{}, err
	}
	if page, ok := s.keptPages.Get(partnerID, l, q); ok {
		return page, nil
	}
	bq.ByStatus = t.ByStatus
	page, err := s.store.BenefitsOfPartner(ctx, partnerID, bq)
	if err != nil {
		return store.BenefitPage{}, err
	}
	s.keptPages.Put(partnerID, l, q, page)
	return page, nil
}
