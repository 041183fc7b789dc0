package web

import (
	"github.com/labstack/echo/v4"
)

// alertPause pauses a rule (paused=1) or resumes it (paused=0).
func (s *Server) alertPause(c echo.Context) error {
	id, err := ruleParam(c.Param("rule"))
	if err != nil {
		return err
	}
	pl := alertPlaceOf(c)
	paused := c.FormValue("paused") != "0"
	if err := s.store.SetAlertRulePaused(c.Request().Context(), *currentUser(c), pl.scope, id, paused); err != nil {
		return err
	}
	msg := "The alert is resumed: the next run checks it."
	if paused {
		msg = "The alert is paused: it is not checked until you resume it."
	}
	return s.flashBack(c, msg, s.links.alerts(pl.scope))
}

// alertDelete deletes a rule with its webhooks and its delivery log.
func (s *Server) alertDelete(c echo.Context) error {
	id, err := ruleParam(c.Param("rule"))
	if err != nil {
		return err
	}
	pl := alertPlaceOf(c)
	if err := s.store.DeleteAlertRule(c.Request().Context(), *currentUser(c), pl.scope, id); err != nil {
		return err
	}
	return s.flashBack(c, "The alert is deleted.", s.links.alerts(pl.scope))
}

// alertSubscribe subscribes the caller to a rule's emails (on=1) or ends it (on=0): any role
// that sees the scope may. back=notifications returns to the Notifications page.
func (s *Server) alertSubscribe(c echo.Context) error {
	id, err := ruleParam(c.Param("rule"))
	if err != nil {
		return err
	}
	pl := alertPlaceOf(c)
	on := c.FormValue("on") != "0"
	if err := s.store.SetSubscribed(c.Request().Context(), pl.scope, id, currentUser(c).ID, on); err != nil {
		return err
	}
	msg := "You no longer receive this alert's emails."
	if on {
		msg = "You receive this alert's emails."
	}
	back := s.links.alerts(pl.scope)
	if c.FormValue("back") == "notifications" {
		back = s.links.to(routeNotifications)
	}
	return s.flashBack(c, msg, back)
}

// flashBack shows msg on the page at to, after a redirect.
func (s *Server) flashBack(c echo.Context, msg, to string) error {
	if err := s.addFlash(c, msg); err != nil {
		return err
	}
	return seeOther(c, to)
}
