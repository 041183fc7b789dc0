package armapi

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/arm"
)

// consumptionShape reads the api-version of a Microsoft.Consumption request at the scope of
// the route: a billing profile, or (lots and events from 2021-10-01) a billing account.
func consumptionShape(c echo.Context) (arm.Shape, string, error) {
	v, err := arm.APIVersion(c.QueryParams())
	if err != nil {
		return 0, "", err
	}
	shape, err := arm.ConsumptionShape(v, scopeOf(c).Profile == nil)
	return shape, v, err
}

// balance is C1: the credit balance summary of a profile from its maintained ledger state, so
// it costs the same whatever the length of the history (M12). From 2021-10-01 a profile that
// never had credit answers 204 with no body, as the contract allows.
func (a *API) balance(c echo.Context) error {
	shape, _, err := consumptionShape(c)
	if err != nil {
		return err
	}
	sc := scopeOf(c)
	p := *sc.Profile
	today := a.today()
	sum, pending, err := a.store.ProfileBalance(c.Request().Context(), p, today)
	if err != nil {
		return err
	}
	if shape == arm.Consumption2021 && arm.HasNoCredit(sum, pending, p.EventSeq) {
		c.Response().Header().Set("x-ms-request-id", requestID(c))
		return c.NoContent(http.StatusNoContent)
	}
	_, month, _ := today.Civil()
	return writeJSON(c, arm.CreditSummary(shape, arm.CreditInput{Account: sc.Account.Name, Profile: p.Name,
		Currency: p.Currency, Summary: sum, Month: month}))
}
