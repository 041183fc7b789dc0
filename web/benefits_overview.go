package web

import (
	"net/http"
	"slices"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// benefitsOverview is the overview of an organisation's benefits (issue 11): the charts by
// status and of the amounts not redeemed yet, whatever the list's filter. The Azure credits page
// loads it with htmx after it is shown, so that the list comes first (issue 10); to that request
// it answers the section alone, and to any other (the slot's link without JavaScript) a page of
// its own. The totals are kept between requests while they hold (benefitTotals).
func (s *Server) benefitsOverview(c echo.Context) error {
	pc := currentPartner(c)
	now, loc := s.businessTime(), readerLocale(c)
	t, _, err := s.benefitTotals(c.Request().Context(), pc.ID, now)
	if err != nil {
		return err
	}
	o := benefitOverview(t, loc)
	p := views.BenefitOverviewView{Shell: s.partnerShell(c, "Overview", "Azure credits"),
		BackHref: s.links.partner(routeBenefits, pc.ExternalID), Overview: o}
	return s.render(c, http.StatusOK, views.BenefitOverviewPage(p), views.BenefitOverviewSection(o))
}

// benefitOverview is the workspace's charts: the organisation's benefits by status, in the
// list's default order (what needs action first), and the amounts not redeemed yet by end date.
func benefitOverview(t store.BenefitTotals, loc views.Locale) views.BenefitOverview {
	o := views.BenefitOverview{Loc: loc}
	statuses := benefits.Statuses()
	slices.SortFunc(statuses, func(a, b benefits.Status) int { return a.ActionRank() - b.ActionRank() })
	for _, st := range statuses {
		o.Statuses = append(o.Statuses, views.StatusCount{Status: string(st), Label: st.Label(), Count: t.ByStatus[st]})
	}
	for _, u := range t.Unredeemed {
		o.Unredeemed = append(o.Unredeemed, views.UnredeemedTotal{EndMonth: u.EndMonth, Currency: u.Currency, Amount: u.Amount, Count: u.Count})
	}
	return o
}
