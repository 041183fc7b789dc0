package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/views"
)

// accountShow is the properties page of a billing account with its billing profiles (M6).
func (s *Server) accountShow(c echo.Context) error {
	sc := currentScope(c)
	profiles, err := s.store.ProfilesOfAccount(c.Request().Context(), sc.Account.ID)
	if err != nil {
		return err
	}
	a := sc.Account
	p := views.Account{Shell: s.scopeShell(c, "Properties", "Properties"), ID: sc.ID(), Name: a.Name,
		DisplayName: a.DisplayName, AgreementType: a.AgreementType, AccountType: a.AccountType,
		Status: a.Status, IsMCA: a.IsMCA()}
	for _, bp := range profiles { // a role on the account reaches every profile of it (M3)
		p.Profiles = append(p.Profiles, views.ProfileRow{DisplayName: bp.DisplayName, Name: bp.Name,
			Href: s.links.profile(a.Name, bp.Name), Currency: bp.Currency, InvoiceDay: bp.InvoiceDay, Status: bp.Status})
	}
	return s.render(c, http.StatusOK, views.AccountPage(p), nil)
}
