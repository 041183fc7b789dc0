package web

import (
	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/access"
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
	// API marks a route of the Azure-compatible REST API: the caller authenticates with a bearer
	// token only (never the session cookie), errors are ARM JSON, and the scope comes from the
	// ARM path's :account and :profile.
	API bool
	// Reach lets a caller holding Permission only on profiles of the account in the path pass,
	// for a list that shows them just those profiles (M3).
	Reach bool
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

// OnAPI is the rule of an ARM API route: a valid bearer token, and p on the scope of the path
// (0 for a list of what the caller reaches).
func OnAPI(p access.Permission) Rule { return Rule{SignedIn: true, Permission: p, API: true} }

// ReachingAPI is OnAPI for a list under a billing account that also serves callers who hold
// roles only on some of its profiles.
func ReachingAPI(p access.Permission) Rule {
	return Rule{SignedIn: true, Permission: p, API: true, Reach: true}
}

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

// Routes is the route table: every route of the portal, with its rule.
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

		// Personal API tokens, and the Azure-compatible REST API by the contract's numbers.
		{"GET", "/tokens", SignedIn, s.tokensList},
		{"POST", "/tokens", SignedIn, s.tokenCreate},
		{"POST", "/tokens/:token/revoke", SignedIn, s.tokenRevoke},
		{"GET", armAccounts, OnAPI(0), s.armAccountsList},                                                              // B1
		{"GET", armAccount, OnAPI(access.View), s.armAccountGet},                                                       // B2
		{"GET", armAccount + "/billingProfiles", ReachingAPI(access.View), s.armProfilesList},                          // B3
		{"GET", armProfile, OnAPI(access.View), s.armProfileGet},                                                       // B4
		{"GET", armProfile + armConsumption + "/credits/balanceSummary", OnAPI(access.View), s.armBalance},             // C1
		{"GET", armProfile + armConsumption + "/lots", OnAPI(access.View), s.armLots},                                  // L1
		{"GET", armAccount + armConsumption + "/lots", OnAPI(access.View), s.armLots},                                  // L2
		{"GET", armAccount + "/customers/:customer" + armConsumption + "/lots", OnAPI(access.View), s.armCustomerLots}, // L3
		{"GET", armProfile + armConsumption + "/events", OnAPI(access.View), s.armEvents},                              // E1
		{"GET", armAccount + armConsumption + "/events", OnAPI(access.View), s.armEvents},                              // E2
	}
}

// register adds the static files and every route of the table with its rule's middleware.
func (s *Server) register() {
	s.echo.StaticFS("/static", staticFiles())
	for _, r := range s.Routes() {
		s.echo.Add(r.Method, r.Path, r.handler, s.authorize(r.Rule))
	}
}

// Registered lists every route the router serves as "METHOD path", static files included, so a
// test can check that each one is covered by its authorisation matrix.
func (s *Server) Registered() []string {
	var out []string
	for _, r := range s.echo.Routes() {
		out = append(out, r.Method+" "+r.Path)
	}
	return out
}
