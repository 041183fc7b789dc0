package armapi

import (
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/arm"
	"github.com/creditdesk/creditdesk/internal/store"
)

// billingShape reads the api-version of a Microsoft.Billing request.
func billingShape(c echo.Context) (arm.Shape, error) {
	v, err := arm.APIVersion(c.QueryParams())
	if err != nil {
		return 0, err
	}
	return arm.BillingShape(v)
}

// accountsList is B1: the billing accounts the caller reaches (M3, M5), each with
// hasReadAccess when the caller holds a role on the account itself, and with $expand the
// profiles the caller reaches. The 2024-04-01 search parameter filters as the scopes picker does.
func (a *API) accountsList(c echo.Context) error {
	shape, err := billingShape(c)
	if err != nil {
		return err
	}
	search, _ := arm.Param(c.QueryParams(), "search")
	entries, err := a.store.ScopesOfUser(c.Request().Context(), Caller(c).ID, search)
	if err != nil {
		return err
	}
	expand := arm.Expand(c.QueryParams())
	items := make([]any, 0, len(entries))
	for _, e := range entries {
		items = append(items, arm.Account(shape, accountInput(e.Account, e.AccountRole, e.Profiles), expand))
	}
	return writeJSON(c, arm.NewList(items, ""))
}

// accountGet is B2: one billing account, which the caller holds a role on.
func (a *API) accountGet(c echo.Context) error {
	shape, err := billingShape(c)
	if err != nil {
		return err
	}
	sc := scopeOf(c)
	ps, err := a.store.ProfilesOfAccount(c.Request().Context(), sc.Account.ID)
	if err != nil {
		return err
	}
	return writeJSON(c, arm.Account(shape, accountInput(sc.Account, true, ps), arm.Expand(c.QueryParams())))
}

// profilesList is B3: the profiles of an account that the caller reaches: all of them with a
// role on the account, otherwise those the caller holds a role on (the route's Reach rule).
func (a *API) profilesList(c echo.Context) error {
	shape, err := billingShape(c)
	if err != nil {
		return err
	}
	sc := scopeOf(c)
	entries, err := a.store.ScopesOfUser(c.Request().Context(), Caller(c).ID, "")
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
	return writeJSON(c, arm.NewList(items, ""))
}

// profileGet is B4: one billing profile. Its id is the scope prefix of C1, L1 and E1.
func (a *API) profileGet(c echo.Context) error {
	shape, err := billingShape(c)
	if err != nil {
		return err
	}
	sc := scopeOf(c)
	return writeJSON(c, arm.Profile(shape, profileInput(sc.Account, *sc.Profile), arm.Expand(c.QueryParams())))
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
