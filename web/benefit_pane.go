package web

import (
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/views"
)

// memberResults bounds the type-ahead's list of members.
const memberResults = 10

// errNoBenefit answers a benefit id that is not one of the organisation's, missing or of
// another organisation alike.
var errNoBenefit = echo.NewHTTPError(http.StatusNotFound, "This organisation has no benefit with this id.")

// benefitPane is the side pane of a benefit (P4): a fragment for htmx, a page of its own
// without JavaScript. ?tab= picks the tab, ?q= searches members on Activate benefits.
func (s *Server) benefitPane(c echo.Context) error {
	p, err := s.paneProps(c, c.QueryParam("tab"), c.QueryParam("q"))
	if err != nil {
		return err
	}
	p.Flash = s.takeFlash(c)
	return s.render(c, http.StatusOK, views.BenefitPanePage(p), views.BenefitPaneFragment(p))
}

// benefitMembers is the type-ahead of the Activate benefits tab: the members of the
// organisation whose name or email contains ?q= (P4).
func (s *Server) benefitMembers(c echo.Context) error {
	p, err := s.paneProps(c, "activate", c.QueryParam("q"))
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, views.BenefitPanePage(p), views.MemberResults(p))
}

// benefitParam is the benefit id of the path.
func benefitParam(c echo.Context) string {
	id, err := url.PathUnescape(c.Param("benefit"))
	if err != nil {
		return c.Param("benefit")
	}
	return id
}

// paneProps builds the pane of the path's benefit on a tab, with the members matching search.
func (s *Server) paneProps(c echo.Context, tab, search string) (views.BenefitPane, error) {
	ctx, pc, now := c.Request().Context(), currentPartner(c), s.clock()
	search = strings.TrimSpace(search)
	if len(search) > maxSearch {
		return views.BenefitPane{}, echo.NewHTTPError(http.StatusBadRequest, "q: the search text is longer than 200 characters.")
	}
	d, err := s.store.BenefitOfPartner(ctx, pc.ID, benefitParam(c))
	if errors.Is(err, fault.ErrNotFound) {
		return views.BenefitPane{}, errNoBenefit
	} else if err != nil {
		return views.BenefitPane{}, err
	}
	b := d.Benefit
	st := benefits.StatusOf(b, now)
	href := benefitHref(pc.ExternalID, b.ID)
	if tab != "activate" && tab != "history" {
		tab = "details"
	}
	p := views.BenefitPane{Shell: s.partnerShell(c, b.ID, "Azure credits"), Row: benefitRow(d.BenefitView, now),
		BackHref: benefitsHref(pc.ExternalID), Tab: tab, Details: benefitDetails(d, st), PaneHref: href,
		SearchHref: href + "/members", Search: search, AssignAction: href + "/assign", ReassignAction: href + "/reassign",
		RemoveAction: href + "/remove", AddAction: href + "/add-user", Holder: b.AssignedTo, Errors: map[string]string{},
		Events: eventRows(d.History)}
	for _, t := range []struct{ id, label string }{{"details", "Details"}, {"activate", "Activate benefits"}, {"history", "History"}} {
		p.Tabs = append(p.Tabs, views.BenefitChoice{Label: t.label, Href: href + "?tab=" + t.id, Active: t.id == tab, TestID: "tab-" + t.id})
	}
	if p.Months, err = monthRows(d, now); err != nil {
		return p, err
	}
	allowed := benefits.Allowed(b, d.History, now)
	p.CanAssign, p.CanReassign, p.CanRemove = allowed.Assign, allowed.Reassign, allowed.Remove
	if b.Kind.Reassignable() {
		p.Used = benefits.Reassignments(b.Kind, d.History).String()
	}
	if !p.CanAssign && !p.CanReassign {
		action := benefits.ActionAssign
		if b.AssignedTo != "" {
			action = benefits.ActionReassign
		}
		if err := benefits.Check(b, d.History, action, now); err != nil {
			p.Notice = benefits.RuleErrors(err)[0].Message
		}
	}
	if p.CanAssign || p.CanReassign {
		members, err := s.store.MembersOfPartner(ctx, pc.ID, search, memberResults+1)
		if err != nil {
			return p, err
		}
		for _, m := range members {
			if m.Email == b.AssignedTo || len(p.Members) == memberResults {
				continue
			}
			o := views.MemberOption{Email: m.Email, Name: m.Name}
			if (access.PartnerGrants{Member: true, Roles: m.Roles}).Admin() {
				o.Role = access.PartnerAdmin.Title()
			}
			p.Members = append(p.Members, o)
		}
	}
	return p, nil
}
