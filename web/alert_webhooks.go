package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/views"
)

// webhookCreate adds a webhook to the scope, for every rule or one (owners and contributors).
// Its URL is checked against server-side request forgery; its signing secret is shown once,
// on the page this answers with.
func (s *Server) webhookCreate(c echo.Context) error {
	pl := alertPlaceOf(c)
	raw := c.FormValue("url")
	var ruleID int64
	var err error
	if v := c.FormValue("rule"); v != "" {
		if ruleID, err = strconv.ParseInt(v, 10, 64); err != nil || ruleID <= 0 {
			err = fault.Field("rule", "Choose a rule of this scope, or every rule.")
		}
	}
	var secret string
	if err == nil {
		_, secret, err = s.alerts.CreateWebhook(c.Request().Context(), *currentUser(c), pl.scope, ruleID, raw)
	}
	if errors.Is(err, fault.ErrNotFound) {
		err = fault.Field("rule", "Choose a rule of this scope, or every rule.")
	}
	status := http.StatusOK
	p, perr := s.alertsProps(c, 0, pl.newForm(), false)
	if perr != nil {
		return perr
	}
	if invalid, ok := fault.AsInvalid(err); ok {
		status = http.StatusUnprocessableEntity
		p.Hook.URL = raw
		showInvalid(p.Errors, invalid)
	} else if err != nil {
		return err
	} else {
		p.NewSecret, p.NewSecretURL = secret, raw
	}
	return s.render(c, status, views.AlertsPage(p), nil)
}

// webhookDelete removes a webhook of the scope.
func (s *Server) webhookDelete(c echo.Context) error {
	pl := alertPlaceOf(c)
	id, err := strconv.ParseInt(c.Param("webhook"), 10, 64)
	if err != nil || id <= 0 {
		return echo.NewHTTPError(http.StatusNotFound, "No such webhook on this scope.")
	}
	if err := s.store.DeleteAlertWebhook(c.Request().Context(), *currentUser(c), pl.scope, id); err != nil {
		return err
	}
	return s.flashBack(c, "The webhook is deleted.", s.links.alerts(pl.scope))
}
