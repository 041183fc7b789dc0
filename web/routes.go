package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/web/armapi"
)

// Rule says who may call a route: anyone, any signed-in user, or a signed-in user whose roles on
// the scope named by the path grant Permission, or whose partner roles on the organisation
// named by the path grant Partner. Every route has exactly one rule, enforced by
// one middleware (authorize), so no handler checks access by itself.
type Rule struct {
	SignedIn   bool
	Permission access.Permission // 0 for routes that are not under a billing scope
	// Partner is the permission a route under a partner organisation requires of the caller's
	// partner roles (P1); 0 for routes that are not under one.
	Partner access.PartnerPermission
}

// The rules of routes outside billing scopes.
var (
	Public   = Rule{}
	SignedIn = Rule{SignedIn: true}
)

// OnScope is the rule of a route under a billing scope.
func OnScope(p access.Permission) Rule { return Rule{SignedIn: true, Permission: p} }

// OnPartner is the rule of a route under a partner organisation (/partners/:partner).
func OnPartner(p access.PartnerPermission) Rule { return Rule{SignedIn: true, Partner: p} }

// Route is one entry of the route table.
type Route struct {
	Method  string
	Path    string
	Rule    Rule
	handler echo.HandlerFunc
}

// Path prefixes of the two kinds of billing scope.
const (
	accountPath = "/accounts/:account"
	profilePath = accountPath + "/profiles/:profile"
	partnerPath = "/partners/:partner"
	benefitPath = partnerPath + "/benefits/:benefit"
)

// Routes is the route table: every route of the portal, with its rule. The Azure-compatible
// API has its own (APIRoutes).
func (s *Server) Routes() []Route {
	return []Route{
		{"GET", "/healthz", Public, s.healthz},
		{"GET", "/readyz", Public, s.readyz},
		{"GET", "/schemas/scenario.json", Public, s.scenarioSchema},
		{"GET", "/signin", Public, s.signInForm},
		{"POST", "/signin", Public, s.signIn},
		{"POST", "/signout", SignedIn, s.signOut},
		{"GET", "/", SignedIn, s.home},
		{"GET", "/scopes", SignedIn, s.scopesList},

		{"GET", accountPath, OnScope(access.View), s.accountShow},
		{"GET", accountPath + "/access", OnScope(access.ViewAccess), s.accessList},
		{"POST", accountPath + "/access", OnScope(access.ManageAccess), s.accessGrant},
		{"POST", accountPath + "/access/:assignment/remove", OnScope(access.ManageAccess), s.accessRemove},
		{"GET", accountPath + "/audit", OnScope(access.ViewAudit), s.auditList},
		{"GET", accountPath + "/credits", OnScope(access.View), s.accountCredits},
		{"GET", accountPath + "/azure", OnScope(access.View), s.azureShow},
		{"POST", accountPath + "/azure", OnScope(access.ManageConnections), s.azureSave},
		{"POST", accountPath + "/azure/sync", OnScope(access.ManageConnections), s.azureSyncNow},
		{"POST", accountPath + "/azure/delete", OnScope(access.ManageConnections), s.azureDelete},

		{"GET", profilePath, OnScope(access.View), s.profileShow},
		{"GET", profilePath + "/access", OnScope(access.ViewAccess), s.accessList},
		{"POST", profilePath + "/access", OnScope(access.ManageAccess), s.accessGrant},
		{"POST", profilePath + "/access/:assignment/remove", OnScope(access.ManageAccess), s.accessRemove},
		{"GET", profilePath + "/audit", OnScope(access.ViewAudit), s.auditList},
		{"GET", profilePath + "/credits", OnScope(access.View), s.creditsShow},
		{"GET", profilePath + "/credits/lots.csv", OnScope(access.View), s.creditsLotsCSV},
		{"GET", profilePath + "/credits/transactions.csv", OnScope(access.View), s.creditsTransactionsCSV},
		{"GET", profilePath + "/invoices", OnScope(access.ViewInvoices), s.invoicesList},
		{"GET", profilePath + "/invoices/:invoice", OnScope(access.ViewInvoices), s.invoiceShow},
		{"GET", profilePath + "/charges/upload", OnScope(access.Contribute), s.chargesUploadForm},
		{"POST", profilePath + "/charges/upload", OnScope(access.Contribute), s.chargesUpload},
		{"POST", profilePath + "/credits/lots/:lot/cancel", OnScope(access.Contribute), s.lotCancel},

		// The partner Benefits workspace (P1-P12) and the holder's redemption (P5).
		{"GET", "/partners", SignedIn, s.partnersList},
		{"GET", "/benefits", SignedIn, s.myBenefits},
		{"POST", "/benefits/:benefit/redeem", SignedIn, s.benefitRedeem},
		{"GET", partnerPath + "/benefits", OnPartner(access.ManageBenefits), s.benefitsList},
		{"GET", benefitPath, OnPartner(access.ManageBenefits), s.benefitPane},
		{"GET", benefitPath + "/members", OnPartner(access.ManageBenefits), s.benefitMembers},
		{"POST", benefitPath + "/assign", OnPartner(access.ManageBenefits), s.benefitAssign},
		{"POST", benefitPath + "/reassign", OnPartner(access.ManageBenefits), s.benefitReassign},
		{"POST", benefitPath + "/remove", OnPartner(access.ManageBenefits), s.benefitRemove},
		{"POST", benefitPath + "/add-user", OnPartner(access.ManageBenefits), s.benefitAddUser},
		{"GET", partnerPath + "/membership", OnPartner(access.ManageBenefits), s.membershipShow},
		{"POST", partnerPath + "/renew", OnPartner(access.ManageBenefits), s.membershipRenew},
		{"GET", partnerPath + "/audit", OnPartner(access.ManageBenefits), s.partnerAudit},

		// Personal API tokens for the Azure-compatible REST API (package armapi, its own route table).
		{"GET", "/tokens", SignedIn, s.tokensList},
		{"POST", "/tokens", SignedIn, s.tokenCreate},
		{"POST", "/tokens/:token/revoke", SignedIn, s.tokenRevoke},
	}
}

// register adds the static files; the Azure-compatible API as its own group under
// armapi.Prefix, with its own middleware; and the portal's routes as a group with the portal's
// middleware (uiMiddleware), each with its rule's.
func (s *Server) register() {
	s.echo.StaticFS("/static", staticFiles())
	s.api.Mount(s.echo.Group(armapi.Prefix), noRoute)
	ui := s.echo.Group("", s.uiMiddleware()...)
	ui.RouteNotFound("", noRoute)
	ui.RouteNotFound("/*", noRoute)
	for _, r := range s.Routes() {
		ui.Add(r.Method, r.Path, r.handler, s.authorize(r.Rule))
	}
}

// APIRoutes is the route table of the Azure-compatible API.
func (s *Server) APIRoutes() []armapi.Route { return s.api.Routes() }

// Registered lists every route the router serves as "METHOD path", static files included, so a
// test can check that each one is covered by its authorisation matrix.
func (s *Server) Registered() []string {
	var out []string
	for _, r := range s.echo.Routes() {
		if r.Method != echo.RouteNotFound {
			out = append(out, r.Method+" "+r.Path)
		}
	}
	return out
}

// noRoute answers a path that no route of its group serves: 405 with Allow when a route serves
// the path with another method (or 204 with Allow to OPTIONS), else 404. The groups' catch-all routes use it, so that both
// answers pass through the group's middleware (echo's own 405 would not). The request's route
// becomes what echo gives when no catch-all is registered: the path's route on a 405, none on a
// 404, which the metrics count as unmatched.
func noRoute(c echo.Context) error {
	r := c.Request()
	var allow []string
	route := ""
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		probe := c.Echo().NewContext(r, nil)
		c.Echo().Router().Find(m, echo.GetPath(r), probe)
		if m != r.Method && probe.Path() != c.Path() {
			allow, route = append(allow, m), probe.Path()
		}
	}
	c.SetPath(route)
	if len(allow) == 0 {
		return echo.ErrNotFound
	}
	c.Response().Header().Set(echo.HeaderAllow, strings.Join(append([]string{http.MethodOptions}, allow...), ", "))
	if r.Method == http.MethodOptions {
		return c.NoContent(http.StatusNoContent)
	}
	return echo.ErrMethodNotAllowed
}
