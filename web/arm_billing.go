package web

import (
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/arm"
	"github.com/creditdesk/creditdesk/internal/store"
)

// armBillingShape reads the api-version of a Microsoft.Billing request.
func armBillingShape(c echo.Context) (arm.Shape, error) {
	v, err := arm.APIVersion(c.QueryParams())
	if err != nil {
		return 0, err
	}
	return arm.BillingShape(v)
}

// armAccountsList is B1: the billing accounts the caller reaches (M3, M5), each with
// hasReadAccess when the caller holds a role on the account itself, and with $expand the
// profiles the caller reaches. The 2024-04-01 search parameter filters as the scopes picker does.
func (s *Server) armAccountsList(c echo.Context) error {
	shape, err := armBillingShape(c)
	if err != nil {
		return err
	}
	search, _ := arm.Param(c.QueryParams(), "search")
	entries, err := s.store.ScopesOfUser(c.Request().Context(), currentUser(c).ID, search)
	if err != nil {
		return err
	}
	expand := arm.Expand(c.QueryParams())
	items := make([]any, 0, len(entries))
	for _, e := range entries {
		items = append(items, arm.Account(shape, accountInput(e.Account, e.AccountRole, e.Profiles), expand))
	}
	return armJSON(c, arm.NewList(items, ""))
}

// armAccountGet is B2: one billing account, which the caller holds a role on.
func (s *Server) armAccountGet(c echo.Context) error {
	shape, err := armBillingShape(c)
	if err != nil {
		return err
	}
	sc := currentScope(c)
	ps, err := s.store.ProfilesOfAccount(c.Request().Context(), sc.Account.ID)
	if err != nil {
		return err
	}
	return armJSON(c, arm.Account(shape, accountInput(sc.Account, true, ps), arm.Expand(c.QueryParams())))
}

// armProfilesList is B3: the profiles of an account that the caller reaches: all of them with a
// role on the account, otherwise those the caller holds a role on (the route's Reach rule).
func (s *Server) armProfilesList(c echo.Context) error {
	shape, err := armBillingShape(c)
	if err != nil {
		return err
	}
	sc := currentScope(c)
	entries, err := s.store.ScopesOfUser(c.Request().Context(), currentUser(c).ID, "")
	if err != nil {
		return err
	}
	expand := arm.Expand(c.QueryParams())
	items := []any{}
	for _, e := range entries {
		if e.Account.ID != sc.Account.ID {
			continue
		}
		for _, p := range e.Profiles {
			items = append(items, arm.Profile(shape, profileInput(sc.Account, p), expand))
		}
	}
	return armJSON(c, arm.NewList(items, ""))
}

// armProfileGet is B4: one billing profile. Its id is the scope prefix of C1, L1 and E1.
func (s *Server) armProfileGet(c echo.Context) error {
	shape, err := armBillingShape(c)
	if err != nil {
		return err
	}
	sc := currentScope(c)
	return armJSON(c, arm.Profile(shape, profileInput(sc.Account, *sc.Profile), arm.Expand(c.QueryParams())))
}

// accountInput is what arm.Account shows of a stored account.
func accountInput(a store.BillingAccount, readAccess bool, ps []store.BillingProfile) arm.AccountInput {
	in := arm.AccountInput{Name: a.Name, DisplayName: a.DisplayName, AgreementType: a.AgreementType,
		AccountType: a.AccountType, Status: a.Status, HasReadAccess: readAccess}
	for _, p := range ps {
		in.Profiles = append(in.Profiles, profileInput(a, p))
	}
	return in
}

// profileInput is what arm.Profile shows of a stored profile.
func profileInput(a store.BillingAccount, p store.BillingProfile) arm.ProfileInput {
	return arm.ProfileInput{Account: a.Name, Name: p.Name, DisplayName: p.DisplayName, Currency: strings.ToUpper(p.Currency),
		PONumber: p.PONumber, Status: p.Status, InvoiceDay: p.InvoiceDay}
}
