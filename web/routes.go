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

// Route is one entry of the route table. Its name is what links to it are built from
// (links.go), never its path written out again; a GET and a POST of one path share it.
type Route struct {
	Method  string
	Path    string
	Rule    Rule
	handler echo.HandlerFunc
	name    string
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
	routes := []Route{
		{"GET", "/healthz", Public, s.healthz, "healthz"},
		{"GET", "/readyz", Public, s.readyz, "readyz"},
		{"GET", "/schemas/scenario.json", Public, s.scenarioSchema, "schema"},
		{"GET", "/signin", Public, s.signInForm, routeSignIn},
		{"POST", "/signin", Public, s.signIn, routeSignIn},
		{"POST", "/signout", SignedIn, s.signOut, "signout"},
		{"GET", "/password/forgot", Public, s.forgotForm, routeForgot},
		{"POST", "/password/forgot", Public, s.forgot, routeForgot},
		{"GET", SetPasswordPath + ":token", Public, s.setPasswordForm, routeSetPassword},
		{"POST", SetPasswordPath + ":token", Public, s.setPassword, routeSetPassword},
		{"GET", "/", SignedIn, s.home, "home"},
		{"GET", "/scopes", SignedIn, s.scopesList, routeScopes},

		{"GET", accountPath, OnScope(access.View), s.accountShow, routeAccount},
		{"GET", accountPath + "/access", OnScope(access.ViewAccess), s.accessList, routeAccountAccess},
		{"POST", accountPath + "/access", OnScope(access.ManageAccess), s.accessGrant, routeAccountAccess},
		{"POST", accountPath + "/access/:assignment/remove", OnScope(access.ManageAccess), s.accessRemove, routeAccountAccessRemove},
		{"GET", accountPath + "/audit", OnScope(access.ViewAudit), s.auditList, routeAccountAudit},
		{"GET", accountPath + "/credits", OnScope(access.View), s.accountCredits, routeAccountCredits},
		{"GET", accountPath + "/azure", OnScope(access.View), s.azureShow, routeAzure},
		{"POST", accountPath + "/azure", OnScope(access.ManageConnections), s.azureSave, routeAzure},
		{"POST", accountPath + "/azure/sync", OnScope(access.ManageConnections), s.azureSyncNow, "account.azure.sync"},
		{"POST", accountPath + "/azure/delete", OnScope(access.ManageConnections), s.azureDelete, "account.azure.delete"},

		{"GET", profilePath, OnScope(access.View), s.profileShow, routeProfile},
		{"GET", profilePath + "/access", OnScope(access.ViewAccess), s.accessList, routeProfileAccess},
		{"POST", profilePath + "/access", OnScope(access.ManageAccess), s.accessGrant, routeProfileAccess},
		{"POST", profilePath + "/access/:assignment/remove", OnScope(access.ManageAccess), s.accessRemove, routeProfileAccessRemove},
		{"GET", profilePath + "/audit", OnScope(access.ViewAudit), s.auditList, routeProfileAudit},
		{"GET", profilePath + "/credits", OnScope(access.View), s.creditsShow, routeCredits},
		{"GET", profilePath + "/credits/charts", OnScope(access.View), s.creditsCharts, routeCreditsCharts},
		{"GET", profilePath + "/credits/lots.csv", OnScope(access.View), s.creditsLotsCSV, routeLotsCSV},
		{"GET", profilePath + "/credits/transactions.csv", OnScope(access.View), s.creditsTransactionsCSV, routeTransactionsCSV},
		{"GET", profilePath + "/invoices", OnScope(access.ViewInvoices), s.invoicesList, routeInvoices},
		{"GET", profilePath + "/invoices/:invoice", OnScope(access.ViewInvoices), s.invoiceShow, routeInvoice},
		{"GET", profilePath + "/charges/upload", OnScope(access.Contribute), s.chargesUploadForm, routeUpload},
		{"POST", profilePath + "/charges/upload", OnScope(access.Contribute), s.chargesUpload, routeUpload},
		{"POST", profilePath + "/credits/lots/:lot/cancel", OnScope(access.Contribute), s.lotCancel, routeLotCancel},

		// Alerts (issue 12): every role sees a scope's alerts and subscribes itself; owners and
		// contributors manage them. A user's subscriptions and weekly digest are on their
		// Notifications page.
		{"GET", "/notifications", SignedIn, s.notificationsShow, routeNotifications},
		{"POST", "/notifications/test", SignedIn, s.notificationsTest, routeNotificationsTest},
		{"POST", "/notifications/digest", SignedIn, s.notificationsDigest, routeNotificationsDigest},

		// The partner Benefits workspace (P1-P12) and the holder's redemption (P5).
		{"GET", "/partners", SignedIn, s.partnersList, routePartners},
		{"GET", "/benefits", SignedIn, s.myBenefits, routeMyBenefits},
		{"POST", "/benefits/:benefit/redeem", SignedIn, s.benefitRedeem, routeRedeem},
		{"GET", partnerPath + "/benefits", OnPartner(access.ManageBenefits), s.benefitsList, routeBenefits},
		// Not under /benefits/, where it would hide a benefit of that id.
		{"GET", partnerPath + "/overview", OnPartner(access.ManageBenefits), s.benefitsOverview, routeBenefitsOverview},
		{"GET", benefitPath, OnPartner(access.ManageBenefits), s.benefitPane, routeBenefit},
		{"GET", benefitPath + "/members", OnPartner(access.ManageBenefits), s.benefitMembers, routeBenefitMembers},
		{"POST", benefitPath + "/assign", OnPartner(access.ManageBenefits), s.benefitAssign, routeBenefitAssign},
		{"POST", benefitPath + "/reassign", OnPartner(access.ManageBenefits), s.benefitReassign, routeBenefitReassign},
		{"POST", benefitPath + "/remove", OnPartner(access.ManageBenefits), s.benefitRemove, routeBenefitRemove},
		{"POST", benefitPath + "/add-user", OnPartner(access.ManageBenefits), s.benefitAddUser, routeBenefitAddUser},
		{"POST", benefitPath + "/invitation", OnPartner(access.ManageBenefits), s.invitationResend, routeInvitation},
		{"POST", benefitPath + "/invitation/revoke", OnPartner(access.ManageBenefits), s.invitationRevoke, routeInvitationRevoke},
		{"GET", partnerPath + "/membership", OnPartner(access.ManageBenefits), s.membershipShow, routeMembership},
		{"POST", partnerPath + "/renew", OnPartner(access.ManageBenefits), s.membershipRenew, routeRenew},
		{"GET", partnerPath + "/audit", OnPartner(access.ManageBenefits), s.partnerAudit, routePartnerAudit},

		// Personal API tokens for the Azure-compatible REST API (package armapi, its own route table).
		{"GET", "/tokens", SignedIn, s.tokensList, routeTokens},
		{"POST", "/tokens", SignedIn, s.tokenCreate, routeTokens},
		{"POST", "/tokens/:token/revoke", SignedIn, s.tokenRevoke, routeTokenRevoke},
	}
	routes = append(routes, s.alertRoutes(accountPath, "account", OnScope(access.View), OnScope(access.ManageAlerts))...)
	routes = append(routes, s.alertRoutes(profilePath, "profile", OnScope(access.View), OnScope(access.ManageAlerts))...)
	// A partner organisation's alerts: its workspace is its partner admins' only (P1), so they
	// see, subscribe to and manage its rules alike.
	return append(routes, s.alertRoutes(partnerPath, "partner", OnPartner(access.ManageBenefits), OnPartner(access.ManageBenefits))...)
}

// alertRoutes are the Alerts routes of a scope kind under base (accountPath, profilePath or
// partnerPath), named after kind ("account", "profile" or "partner", see alertRoute): view is
// the rule of seeing the page and subscribing, manage of changing rules and webhooks.
func (s *Server) alertRoutes(base, kind string, view, manage Rule) []Route {
	alerts := base + "/alerts"
	name := func(action string) string { return alertRoute(kind, action) }
	return []Route{
		{"GET", alerts, view, s.alertsShow, name("")},
		{"POST", alerts, manage, s.alertCreate, name("")},
		{"POST", alerts + "/:rule", manage, s.alertUpdate, name("rule")},
		{"POST", alerts + "/:rule/pause", manage, s.alertPause, name("pause")},
		{"POST", alerts + "/:rule/delete", manage, s.alertDelete, name("delete")},
		{"POST", alerts + "/:rule/subscribe", view, s.alertSubscribe, name("subscribe")},
		{"POST", alerts + "/webhooks", manage, s.webhookCreate, name("webhooks")},
		{"POST", alerts + "/webhooks/:webhook/delete", manage, s.webhookDelete, name("webhook.delete")},
	}
}

// register adds the static files; the Azure-compatible API as its own group under
// armapi.Prefix, with its own middleware; and the portal's routes as a group with the portal's
// middleware (uiMiddleware), each with its rule's. Each GET route answers HEAD too, without the
// body (net/http drops it).
func (s *Server) register() {
	files := echo.StaticDirectoryHandler(staticFiles(), !s.echo.EnablePathUnescapingStaticFiles)
	s.echo.GET("/static*", files)
	s.echo.HEAD("/static*", files) // as a proxy or a monitor asks
	s.api.Mount(s.echo.Group(armapi.Prefix), noRoute)
	ui := s.echo.Group("", s.uiMiddleware()...)
	ui.RouteNotFound("", noRoute)
	ui.RouteNotFound("/*", noRoute)
	for _, r := range s.Routes() {
		ui.Add(r.Method, r.Path, r.handler, s.authorize(r.Rule)).Name = r.name
		if r.Method == http.MethodGet { // HEAD as GET, by the same rule (RFC 9110 9.3.2): monitors probe with it
			ui.Add(http.MethodHead, r.Path, r.handler, s.authorize(r.Rule))
		}
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
	for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost} {
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
