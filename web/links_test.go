package web

import (
	"net/url"
	"testing"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/store"
)

// TestLinks: every route name the pages link by names a route of the table, and the links
// built from it are the route's path with each parameter escaped, on the scope the page is
// about.
func TestLinks(t *testing.T) {
	t.Parallel()
	e := echo.New()
	names := map[string]bool{}
	paths := map[string]string{}
	for _, r := range (&Server{}).Routes() {
		if r.name == "" {
			t.Errorf("route %s %s has no name", r.Method, r.Path)
		}
		if p, ok := paths[r.name]; ok && p != r.Path {
			t.Errorf("route name %q names %s and %s: a link must have one path", r.name, p, r.Path)
		}
		paths[r.name] = r.Path
		e.Add(r.Method, r.Path, r.handler).Name = r.name
		names[r.name] = true
	}
	for _, n := range []string{routeSignIn, routeScopes, routeTokens, routeTokenRevoke, routeAccount, routeAccountAccess,
		routeAccountAccessRemove, routeProfileAccessRemove, routeAccountAudit, routeAccountCredits, routeAzure, routeProfile,
		routeProfileAccess, routeProfileAudit, routeCredits, routeLotsCSV, routeTransactionsCSV, routeInvoices, routeInvoice,
		routeUpload, routeLotCancel, routePartners, routeMyBenefits, routeBenefits, routeBenefit, routeBenefitMembers,
		routeBenefitAssign, routeBenefitReassign, routeBenefitRemove, routeBenefitAddUser, routeRedeem, routeMembership,
		routeRenew, routePartnerAudit} {
		if !names[n] {
			t.Errorf("no route is named %q", n)
		}
	}
	l := newLinks(e)
	mca := store.BillingAccount{Name: "5e98:6f1e_2019-05-31", AgreementType: "MicrosoftCustomerAgreement"}
	account := store.Scope{Account: mca}
	profile := store.Scope{Account: mca, Profile: &store.BillingProfile{Name: "PB/1"}}
	ea := store.Scope{Account: store.BillingAccount{Name: "ea-1", AgreementType: "EnterpriseAgreement"}}
	for _, tt := range []struct{ got, want string }{
		{l.scope(account), "/accounts/5e98:6f1e_2019-05-31"},
		{l.scope(profile), "/accounts/5e98:6f1e_2019-05-31/profiles/PB%2F1"},
		{l.access(profile), "/accounts/5e98:6f1e_2019-05-31/profiles/PB%2F1/access"},
		{l.accessRemove(account, 42), "/accounts/5e98:6f1e_2019-05-31/access/42/remove"},
		{l.audit(account), "/accounts/5e98:6f1e_2019-05-31/audit"},
		{l.credits(account), "/accounts/5e98:6f1e_2019-05-31/credits"},
		{l.credits(ea), ""}, // M6: no Azure credits outside MCA
		{l.invoices(profile), "/accounts/5e98:6f1e_2019-05-31/profiles/PB%2F1/invoices"},
		{l.invoices(account), ""}, // M2: invoices belong to profiles
		{l.upload(profile), "/accounts/5e98:6f1e_2019-05-31/profiles/PB%2F1/charges/upload"},
		{l.azure(account), "/accounts/5e98:6f1e_2019-05-31/azure"},
		{l.azure(profile), ""},
		{l.to(routeLotCancel, "a", "p", "lot 1"), "/accounts/a/profiles/p/credits/lots/lot%201/cancel"},
		{l.benefit("PARTNER-1", "B?1"), "/partners/PARTNER-1/benefits/B%3F1"},
		{l.partner(routeMembership, "PARTNER-1"), "/partners/PARTNER-1/membership"},
		{l.to(routeScopes), "/scopes"},
		{l.to("no such route", "x"), ""},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}

// TestLinksAreEchosReverse: every named route's link, with parameters that need escaping, is
// the path echo's Reverse builds from the same route table.
func TestLinksAreEchosReverse(t *testing.T) {
	t.Parallel()
	e := echo.New()
	for _, r := range (&Server{}).Routes() {
		e.Add(r.Method, r.Path, r.handler).Name = r.name
	}
	l := newLinks(e)
	params := []string{"5e98:6f1e_2019-05-31", "PB/1", "lot 1?", "ü#%"}
	for _, r := range e.Routes() {
		for n := range len(params) + 1 {
			args := make([]any, n)
			for i, p := range params[:n] {
				args[i] = url.PathEscape(p)
			}
			if got, want := l.to(r.Name, params[:n]...), e.Reverse(r.Name, args...); got != want {
				t.Errorf("%s with %d parameters: %q, echo's Reverse %q", r.Name, n, got, want)
			}
		}
	}
}
