package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// The shape of the billing scopes picker: a page of accounts, each with its profiles when they
// are few, otherwise their number and a link to the account's own paged list (an owner of 20
// accounts of 50 profiles sees 20 accounts with 20 links, not 1,020 rows). The profile opened
// last is always shown under its account.
const (
	scopesPageSize = 25 // accounts, or an account's profiles, per page
	scopesPreview  = 5  // an account's profiles are listed under it when it has at most this many
)

// home sends a signed-in user to the scope they opened last, or to their only scope, or to the
// billing scopes picker (M5). A partner member without billing scopes goes where the top bar's
// Benefits link leads: a partner admin to the Benefits page, any other member to "Benefits
// assigned to me" (P1). It reads two accounts, whatever the number of scopes.
func (s *Server) home(c echo.Context) error {
	u := currentUser(c)
	pinAccount, pinProfile := scopeNamesOf(u.LastScope)
	accounts, _, err := s.store.ScopeAccountsPage(c.Request().Context(), u.ID, store.ScopeQuery{
		PinnedAccount: pinAccount, PinnedProfile: pinProfile, Limit: 2, Preview: 1})
	if err != nil {
		return err
	}
	if len(accounts) > 0 && pinAccount != "" && strings.EqualFold(accounts[0].Name, pinAccount) {
		// The remembered scope still reached: the pinned account comes first, its pinned profile
		// first under it.
		a := accounts[0]
		if pinProfile == "" && a.AccountRole {
			return seeOther(c, s.links.account(a.Name))
		}
		if pinProfile != "" && len(a.Profiles) > 0 && strings.EqualFold(a.Profiles[0].Name, pinProfile) {
			return seeOther(c, s.links.profile(a.Name, a.Profiles[0].Name))
		}
	}
	if len(accounts) == 1 {
		switch a := accounts[0]; {
		case a.AccountRole:
			return seeOther(c, s.links.account(a.Name))
		case a.ProfileCount == 1:
			return seeOther(c, s.links.profile(a.Name, a.Profiles[0].Name))
		}
	}
	if len(accounts) == 0 {
		if link := s.benefitsLink(c, u); link != "" { // a partner member with no billing scope
			return seeOther(c, link)
		}
	}
	return seeOther(c, s.links.to(routeScopes))
}

// scopesList is the billing scopes picker: a page of accounts, or with ?account= a page of one
// account's profiles; searched by ?q=, paged by ?after= (in place with htmx, and by URL).
func (s *Server) scopesList(c echo.Context) error {
	search, err := searchText(c.QueryParam("q"))
	if err != nil {
		return err
	}
	u := currentUser(c)
	pinAccount, pinProfile := scopeNamesOf(u.LastScope)
	q := store.ScopeQuery{Search: search, PinnedAccount: pinAccount, PinnedProfile: pinProfile,
		After: c.QueryParam("after"), Limit: scopesPageSize, Preview: scopesPreview}
	p := views.Scopes{Shell: s.shell(c, "Billing scopes"), Search: search}
	var next string
	if name := c.QueryParam("account"); name != "" {
		a, err := s.store.ScopeAccountByName(c.Request().Context(), u.ID, name, search)
		if err != nil {
			return notFoundAs(err, errNoScope) // an account without a role is not revealed (M3)
		}
		profiles, after, err := s.store.ScopeProfilesPage(c.Request().Context(), u.ID, a, q)
		if err != nil {
			return badCursor(err)
		}
		if g := scopeGroup(s.links, a, profiles, u.LastScope, search); g.Account != nil || len(g.Profiles) > 0 {
			g.More = nil // this page is where More leads
			p.Groups = []views.ScopeGroup{g}
		}
		p.Account, p.AccountTitle, next = a.Name, a.DisplayName, after
		p.Shell.Title = "Billing profiles of " + a.DisplayName
		p.Shell.Crumbs = []views.Crumb{{Label: "Billing scopes", Href: scopesHref(s.links, search, "", "")}, {Label: a.DisplayName}}
	} else {
		accounts, after, err := s.store.ScopeAccountsPage(c.Request().Context(), u.ID, q)
		if err != nil {
			return badCursor(err)
		}
		for _, a := range accounts {
			p.Groups = append(p.Groups, scopeGroup(s.links, a, a.Profiles, u.LastScope, search))
		}
		next = after
	}
	if q.After != "" {
		p.First = &views.Link{Href: scopesHref(s.links, search, p.Account, ""), HxGet: scopesHref(s.links, search, p.Account, "")}
	}
	if next != "" {
		p.Next = &views.Link{Href: scopesHref(s.links, search, p.Account, next), HxGet: scopesHref(s.links, search, p.Account, next)}
	}
	return s.render(c, http.StatusOK, views.ScopesPage(p), views.ScopesTable(p))
}

// scopeGroup is an account of the picker with the given profiles under it: the account's own row
// when the user holds a role on it and it matches the search, and a link to the rest of its
// profiles when there are more.
func scopeGroup(l links, a store.ScopeAccount, profiles []store.BillingProfile, lastScope, search string) views.ScopeGroup {
	var g views.ScopeGroup
	if a.AccountRole && a.Matches {
		sc := store.Scope{Account: a.BillingAccount}
		g.Account = &views.ScopeRow{DisplayName: a.DisplayName, Name: a.Name, Href: l.account(a.Name),
			Kind: "Billing account", AccountName: "—", AgreementType: a.AgreementType,
			AccountType: a.AccountType, Status: a.Status, LastOpened: sc.ID() == lastScope}
	}
	for _, prof := range profiles {
		sc := store.Scope{Account: a.BillingAccount, Profile: &prof}
		g.Profiles = append(g.Profiles, views.ScopeRow{DisplayName: prof.DisplayName, Name: prof.Name,
			Href: l.profile(a.Name, prof.Name), Kind: "Billing profile", AccountName: a.DisplayName,
			AgreementType: a.AgreementType, AccountType: a.AccountType, Status: prof.Status, LastOpened: sc.ID() == lastScope})
	}
	if a.ProfileCount > len(profiles) {
		g.More = &views.ScopeMore{Href: scopesHref(l, search, a.Name, ""), AccountName: a.DisplayName,
			Count: a.ProfileCount, Matching: search != "" && !a.Matches}
	}
	return g
}

// scopesHref is the picker's address for a search, an account ("" for all) and a cursor.
func scopesHref(l links, search, account, after string) string {
	v := url.Values{}
	for k, x := range map[string]string{"q": search, "account": account, "after": after} {
		if x != "" {
			v.Set(k, x)
		}
	}
	return withQuery(l.to(routeScopes), v)
}
