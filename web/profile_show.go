package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/views"
)

// profileShow is the properties page of a billing profile.
func (s *Server) profileShow(c echo.Context) error {
	sc := currentScope(c)
	bp := sc.Profile
	p := views.Profile{Shell: s.scopeShell(c, "Properties", "Properties"), ID: sc.ID(), Name: bp.Name,
		DisplayName: bp.DisplayName, AccountDisplayName: sc.Account.DisplayName, Currency: bp.Currency,
		InvoiceDay: bp.InvoiceDay, PONumber: bp.PONumber, Status: bp.Status}
	if hasAccountRole(sc.Grants) {
		p.AccountHref = s.links.account(sc.Account.Name)
	}
	return s.render(c, http.StatusOK, views.ProfilePage(p), nil)
}
