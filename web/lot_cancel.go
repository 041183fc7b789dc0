package web

import (
	"errors"
	"net/http"
	"net/url"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// errNoLot is a lot the billing profile does not have.
var errNoLot = fault.New(fault.ErrNotFound, "No such credit on this billing profile.")

// lotCancel cancels a credit lot of the profile from today (owners and contributors, M3): it
// pays no charge dated from today on, and what it has left leaves the balance as a
// canceled-credit transaction (M13), pending until the invoice settles it. A lot that cannot
// be canceled (ledger.Lot.Cancelable) is a 409 saying why. The page is reloaded whole, since
// the balance card, the list and the transactions all change.
func (s *Server) lotCancel(c echo.Context) error {
	sc := currentScope(c)
	name, err := url.PathUnescape(c.Param("lot"))
	if err != nil {
		return errNoLot
	}
	err = s.store.CancelLot(c.Request().Context(), *currentUser(c), sc.Scope, name, s.today())
	switch {
	case errors.Is(err, fault.ErrNotFound):
		return errNoLot
	case err != nil:
		return err // a refusal (M8) is a conflict, which the error handler says
	}
	back := s.links.credits(sc.Scope)
	if htmxOf(c.Request()).Enabled {
		hxResponse{Redirect: back}.Apply(c)
		return c.NoContent(http.StatusNoContent)
	}
	return seeOther(c, back)
}
