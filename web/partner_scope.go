package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// partnerShell is the frame of a workspace page: breadcrumb and the workspace's left menu.
func (s *Server) partnerShell(c echo.Context, title, active string) views.Shell {
	pc := currentPartner(c)
	sh := s.shell(c, title)
	benefits := s.links.partner(routeBenefits, pc.ExternalID)
	sh.Crumbs = []views.Crumb{{Label: "Benefits", Href: s.links.to(routePartners)}, {Label: pc.Name, Href: benefits}, {Label: title}}
	sh.ScopeTitle, sh.ScopeKind = pc.Name, "Partner organisation"
	for _, it := range []views.MenuItem{
		{Label: "Azure credits", Href: benefits, Icon: "money", Group: "Benefits"},
		{Label: "Membership", Href: s.links.partner(routeMembership, pc.ExternalID), Icon: "people_team", Group: "Account settings"},
		{Label: "Audit log", Href: s.links.partner(routePartnerAudit, pc.ExternalID), Icon: "history", Group: "Account settings"},
		{Label: "Alerts", Href: s.links.alerts(pc.Partner), Icon: "alert", Group: "Account settings"},
	} {
		it.Active = it.Label == active
		sh.Menu = append(sh.Menu, it)
	}
	return sh
}

// benefitsLink is the top bar's Benefits link for the signed-in user: the Benefits page (the
// organisations and their workspaces) for a partner admin, "Benefits assigned to me" for a
// member who is an admin nowhere, since the workspace is closed to them (P1); "" for a user of
// no organisation. A failure is logged, not shown: the page is fine without the link. On a
// workspace page its partner admin is known already (authorizePartner), with no query.
func (s *Server) benefitsLink(c echo.Context, u *store.User) string {
	if currentPartner(c).Grants.Can(access.ManageBenefits) {
		return s.links.to(routePartners)
	}
	g, err := s.store.PartnerStandingOf(c.Request().Context(), u.ID)
	switch {
	case err != nil:
		s.log.Warn("benefits link", "request_id", requestID(c), "error", err)
		return ""
	case g.Can(access.ManageBenefits):
		return s.links.to(routePartners)
	case g.Member:
		return s.links.to(routeMyBenefits)
	}
	return ""
}

// errorBack is the way out of an error page: a member refused a partner workspace (P1) goes
// to their own benefits; a page the database could not serve offers to load it again; every
// other error goes to the billing scopes (the zero link).
func errorBack(c echo.Context, l links, status int) views.ErrorLink {
	if status == http.StatusForbidden && strings.HasPrefix(c.Request().URL.Path, "/partners/") {
		return views.ErrorLink{Label: "Go to Benefits assigned to me", Href: l.to(routeMyBenefits)}
	}
	if status == http.StatusServiceUnavailable && c.Request().Method == http.MethodGet {
		return views.ErrorLink{Label: "Try again", Href: safeNext(c.Request().URL.RequestURI())}
	}
	return views.ErrorLink{}
}
