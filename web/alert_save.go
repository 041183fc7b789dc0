package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/alerts"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/views"
)

// alertCreate adds a rule to the scope (owners and contributors of a billing scope, partner
// admins of an organisation); its creator is subscribed.
func (s *Server) alertCreate(c echo.Context) error { return s.alertSave(c, 0) }

// alertUpdate changes a rule of the scope.
func (s *Server) alertUpdate(c echo.Context) error {
	id, err := ruleParam(c.Param("rule"))
	if err != nil {
		return err
	}
	return s.alertSave(c, id)
}

// alertSave validates the rule form and stores it (a new rule when id is 0); bad input is
// answered with the form, each field's problem beside it, and nothing stored.
func (s *Server) alertSave(c echo.Context, id int64) error {
	pl := alertPlaceOf(c)
	ctx := c.Request().Context()
	f := alerts.Form{Kind: c.FormValue("kind"), Days: c.FormValue("days"), Amount: c.FormValue("amount"), Percent: c.FormValue("percent")}
	notifyResolved := c.FormValue("notifyResolved") != ""
	r, err := pl.parse(f)
	if err == nil {
		if id == 0 {
			_, err = s.store.CreateAlertRule(ctx, *currentUser(c), pl.scope, r, notifyResolved)
		} else {
			err = s.store.UpdateAlertRule(ctx, *currentUser(c), pl.scope, id, r, notifyResolved)
		}
	}
	if invalid, ok := fault.AsInvalid(err); ok {
		p, perr := s.alertsProps(c, id, f, notifyResolved)
		if perr != nil {
			return perr
		}
		showInvalid(p.Errors, invalid)
		return s.render(c, http.StatusUnprocessableEntity, views.AlertsPage(p), nil)
	}
	if err != nil {
		return err
	}
	msg := "The alert is saved. You are subscribed to its emails."
	if id != 0 {
		msg = "The alert is saved."
	}
	if err := s.addFlash(c, msg); err != nil {
		return err
	}
	return seeOther(c, s.links.alerts(pl.scope))
}
