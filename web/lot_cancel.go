package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// lotCancel cancels a credit lot of the profile from today (owners and contributors, M3): it
// pays no charge dated from today on, and what it has left leaves the balance as a
// canceled-credit transaction (M13), pending until the invoice settles it. A lot that cannot
// be canceled (ledger.Lot.Cancelable) is a 409 saying why. The page is reloaded whole, since
// the balance card, the list and the transactions all change.
func (s *Server) lotCancel(c echo.Context) error {
	sc := currentScope(c)
	name, err := url.PathUnescape(c.Param("lot"))
	if err != nil {
		return echo.NewHTTPError(http.StatusNotFound, "No such credit on this billing profile.")
	}
	err = s.store.CancelLot(c.Request().Context(), *currentUser(c), sc.Scope, name, s.today())
	var refusal fault.Refusal
	switch {
	case errors.Is(err, fault.ErrNotFound):
		return echo.NewHTTPError(http.StatusNotFound, "No such credit on this billing profile.")
	case errors.As(err, &refusal):
		return echo.NewHTTPError(http.StatusConflict, refusal.Message)
	case err != nil:
		return err
	}
	back := s.links.credits(sc.Scope)
	if htmxOf(c.Request()).Enabled {
		hxResponse{Redirect: back}.Apply(c)
		return c.NoContent(http.StatusNoContent)
	}
	return seeOther(c, back)
}
