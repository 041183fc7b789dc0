package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/views"
)

// rememberScope stores the scope a user opens as a page, so the next sign-in goes straight to it
// (M5). A failure to remember is logged, not shown: the page itself is fine.
func (s *Server) rememberScope(c echo.Context, sc scopeContext) {
	u := currentUser(c)
	if c.Request().Method != http.MethodGet || htmxOf(c.Request()).Fragment() || u.LastScope == sc.ID() {
		return
	}
	if err := s.store.SetLastScope(c.Request().Context(), u.ID, sc.ID()); err != nil {
		s.log.Warn("remember last scope", "request_id", requestID(c), "error", err)
		return
	}
	u.LastScope = sc.ID()
}

// scopeNamesOf reads a remembered ARM scope id: the account's name and the profile's ("" for an
// account); both "" when malformed.
func scopeNamesOf(id string) (account, profile string) {
	rest, ok := strings.CutPrefix(id, "/providers/Microsoft.Billing/billingAccounts/")
	if !ok || rest == "" {
		return "", ""
	}
	account, profile, _ = strings.Cut(rest, "/billingProfiles/")
	return account, profile
}

// scopeShell is the frame of a page under a scope: breadcrumb and left menu, the menu showing
// only what the caller's roles allow.
func (s *Server) scopeShell(c echo.Context, title, active string) views.Shell {
	sc := currentScope(c)
	sh := s.shell(c, title)
	base := s.links.scope(sc.Scope)
	sh.Crumbs = []views.Crumb{{Label: "Billing scopes", Href: s.links.to(routeScopes)}}
	if sc.Profile != nil {
		if sc.Grants.Can(access.View) && hasAccountRole(sc.Grants) {
			sh.Crumbs = append(sh.Crumbs, views.Crumb{Label: sc.Account.DisplayName, Href: s.links.account(sc.Account.Name)})
		} else {
			sh.Crumbs = append(sh.Crumbs, views.Crumb{Label: sc.Account.DisplayName})
		}
		sh.Crumbs = append(sh.Crumbs, views.Crumb{Label: sc.Profile.DisplayName, Href: base})
		sh.ScopeTitle, sh.ScopeKind = sc.Profile.DisplayName, "Billing profile"
	} else {
		sh.Crumbs = append(sh.Crumbs, views.Crumb{Label: sc.Account.DisplayName, Href: base})
		sh.ScopeTitle, sh.ScopeKind = sc.Account.DisplayName, "Billing account"
	}
	sh.Crumbs = append(sh.Crumbs, views.Crumb{Label: title})
	sh.Title = title + " · " + sh.ScopeTitle
	sh.Menu = s.scopeMenu(sc, base, active)
	return sh
}

// scopeMenu is a scope's resource menu in the groups of Cost Management + Billing, showing only
// what the caller's roles allow. Azure credits sits under Payment methods, as in seed 003.
func (s *Server) scopeMenu(sc scopeContext, base, active string) []views.MenuItem {
	const billing, settings = "Billing", "Settings"
	paymentMethods := views.MenuItem{Label: "Payment methods", Icon: "wallet_credit_card", Group: billing}
	items := []struct {
		views.MenuItem
		perm access.Permission
	}{
		{views.MenuItem{Label: "Properties", Href: base, Icon: "info"}, access.View},
		{views.MenuItem{Label: "Azure credits", Href: s.links.credits(sc.Scope), Icon: "money", Group: billing, Sub: true}, access.View},
		{views.MenuItem{Label: "Invoices", Href: s.links.invoices(sc.Scope), Icon: "receipt", Group: billing}, access.ViewInvoices},
		{views.MenuItem{Label: "Access control (IAM)", Href: s.links.access(sc.Scope), Icon: "person_key", Group: billing}, access.ViewAccess},
		{views.MenuItem{Label: "Audit log", Href: s.links.audit(sc.Scope), Icon: "history", Group: billing}, access.ViewAudit},
		{views.MenuItem{Label: "Upload charges", Href: s.links.upload(sc.Scope), Icon: "arrow_upload", Group: settings}, access.Contribute},
		{views.MenuItem{Label: "Azure connection", Href: s.links.azure(sc.Scope), Icon: "plug_connected", Group: settings}, access.View},
		{views.MenuItem{Label: "Alerts", Href: s.links.alerts(sc.Scope), Icon: "alert", Group: settings}, access.View},
	}
	var menu []views.MenuItem
	for _, it := range items {
		if it.Href == "" || !sc.Grants.Can(it.perm) {
			continue
		}
		if it.Sub {
			menu = append(menu, paymentMethods)
		}
		it.Active = it.Label == active
		menu = append(menu, it.MenuItem)
	}
	return menu
}

// hasAccountRole reports whether some grant on a profile comes from its billing account.
func hasAccountRole(g access.Grants) bool {
	for _, x := range g {
		if x.Inherited {
			return true
		}
	}
	return false
}
