package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/views"
)

// notificationsShow is the signed-in user's Notifications page: their alert subscriptions and
// the test message button (issue 12).
func (s *Server) notificationsShow(c echo.Context) error {
	subs, err := s.store.SubscriptionsOfUser(c.Request().Context(), currentUser(c).ID)
	if err != nil {
		return err
	}
	p := views.Notifications{Shell: s.shell(c, "Notifications"), CanMail: s.alerts.CanMail(), Flash: s.takeFlash(c)}
	for _, sub := range subs {
		sc := sub.Scope()
		name, kind, currency := sub.Account.DisplayName, "Billing account", ""
		switch {
		case sub.Partner != nil:
			name, kind = sub.Partner.Name, "Partner organisation"
		case sub.Profile != nil:
			name, kind, currency = sub.Profile.DisplayName, "Billing profile", sub.Profile.Currency
		}
		p.Rows = append(p.Rows, views.SubscriptionRow{Scope: name, ScopeKind: kind, Text: views.RuleText(sub.Rule.Rule(), currency),
			Paused: sub.Rule.Paused, AlertsHref: s.links.alerts(sc), UnsubscribeURL: s.links.onAlerts(sc, "subscribe", sub.Rule.ID)})
	}
	return s.render(c, http.StatusOK, views.NotificationsPage(p), nil)
}

// notificationsTest emails the user a test message.
func (s *Server) notificationsTest(c echo.Context) error {
	u := currentUser(c)
	msg := "A test message is on its way to " + u.Email + "."
	if err := s.alerts.SendTest(c.Request().Context(), u.Email, u.Name); err != nil {
		s.log.Warn("test email", "error", err)
		msg = "The test message could not be sent. Check with the operator that SMTP is configured; the error is logged."
	}
	return s.flashBack(c, msg, s.links.to(routeNotifications))
}
