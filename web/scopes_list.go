package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// maxSearch bounds the length of the picker's search text.
const maxSearch = 200

// home sends a signed-in user to the scope they opened last, or to their only scope, or to the
// billing scopes picker (M5). A partner member without billing scopes goes where the top bar's
// Benefits link leads: a partner admin to the Benefits page, any other member to "Benefits
// assigned to me" (P1).
func (s *Server) home(c echo.Context) error {
	u := currentUser(c)
	entries, err := s.store.ScopesOfUser(c.Request().Context(), u.ID, "")
	if err != nil {
		return err
	}
	if href := hrefOfScopeID(u.LastScope); href != "" && reaches(entries, href) {
		return seeOther(c, href)
	}
	if len(entries) == 1 {
		e := entries[0]
		switch {
		case e.AccountRole:
			return seeOther(c, accountHref(e.Account.Name))
		case len(e.Profiles) == 1:
			return seeOther(c, profileHref(e.Account.Name, e.Profiles[0].Name))
		}
	}
	if len(entries) == 0 {
		if link := s.benefitsLink(c, u); link != "" { // a partner member with no billing scope
			return seeOther(c, link)
		}
	}
	return seeOther(c, "/scopes")
}

// reaches reports whether href is the path of one of the scopes listed, so that a remembered
// scope the user has since lost access to is not opened.
func reaches(entries []store.ScopeEntry, href string) bool {
	for _, r := range scopeRows(entries) {
		if strings.EqualFold(r.Href, href) {
			return true
		}
	}
	return false
}

// scopesList is the billing scopes picker, filtered by ?q= (in place with htmx, and by URL).
func (s *Server) scopesList(c echo.Context) error {
	q := strings.TrimSpace(c.QueryParam("q"))
	if len(q) > maxSearch {
		return echo.NewHTTPError(http.StatusBadRequest, "q: the search text is longer than 200 characters.")
	}
	entries, err := s.store.ScopesOfUser(c.Request().Context(), currentUser(c).ID, q)
	if err != nil {
		return err
	}
	p := views.Scopes{Shell: s.shell(c, "Billing scopes"), Search: q, Rows: scopeRows(entries)}
	return s.render(c, http.StatusOK, views.ScopesPage(p), views.ScopesTable(p))
}

// scopeRows flattens the picker's entries: each account the user holds a role on and that matches
// the search, then each profile they reach.
func scopeRows(entries []store.ScopeEntry) []views.ScopeRow {
	var rows []views.ScopeRow
	for _, e := range entries {
		a := e.Account
		if e.AccountRole && e.Matches {
			rows = append(rows, views.ScopeRow{DisplayName: a.DisplayName, Name: a.Name, Href: accountHref(a.Name),
				Kind: "Billing account", AccountName: "—", AgreementType: a.AgreementType,
				AccountType: a.AccountType, Status: a.Status})
		}
		for _, p := range e.Profiles {
			rows = append(rows, views.ScopeRow{DisplayName: p.DisplayName, Name: p.Name, Href: profileHref(a.Name, p.Name),
				Kind: "Billing profile", AccountName: a.DisplayName, AgreementType: a.AgreementType,
				AccountType: a.AccountType, Status: p.Status})
		}
	}
	return rows
}
