package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/views"
)

// notificationsShow is the signed-in user's Notifications page: their alert subscriptions, the
// weekly digest's choice and the test message button (issue 12).
func (s *Server) notificationsShow(c echo.Context) error {
	p, err := s.notificationsProps(c)
	if err != nil {
		return err
	}
	p.Flash = s.takeFlash(c)
	return s.render(c, http.StatusOK, views.NotificationsPage(p), nil)
}

// notificationsProps builds the page of the signed-in user.
func (s *Server) notificationsProps(c echo.Context) (views.Notifications, error) {
	ctx, u := c.Request().Context(), currentUser(c)
	subs, err := s.store.SubscriptionsOfUser(ctx, u.ID)
	if err != nil {
		return views.Notifications{}, err
	}
	digest, err := s.store.WantsDigest(ctx, u.ID)
	if err != nil {
		return views.Notifications{}, err
	}
	p := views.Notifications{Shell: s.shell(c, "Notifications"), CanMail: s.alerts.CanMail(), Digest: digest,
		DigestAction: s.links.to(routeNotificationsDigest), Errors: map[string]string{}}
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
	return p, nil
}

// notificationsDigest turns the user's weekly digest on (digest=on) or off (digest=off); any
// other value is answered with the page, the field's problem beside it.
func (s *Server) notificationsDigest(c echo.Context) error {
	on, ok := map[string]bool{"on": true, "off": false}[c.FormValue("digest")]
	if !ok {
		p, err := s.notificationsProps(c)
		if err != nil {
			return err
		}
		p.Errors["digest"] = "Choose whether to receive the weekly digest."
		return s.render(c, http.StatusUnprocessableEntity, views.NotificationsPage(p), nil)
	}
	if err := s.store.SetDigest(c.Request().Context(), currentUser(c).ID, on); err != nil {
		return err
	}
	msg := "You no longer receive the weekly digest."
	if on {
		msg = "You receive the weekly digest: the periodic run sends it once a week."
	}
	return s.flashBack(c, msg, s.links.to(routeNotifications))
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
