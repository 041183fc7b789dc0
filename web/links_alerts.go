package web

import (
	"fmt"
	"strconv"

	"github.com/creditdesk/creditdesk/internal/store"
)

// The names of the Notifications routes; the Alerts routes of a scope are named by alertRoute.
const (
	routeNotifications       = "notifications"
	routeNotificationsTest   = "notifications.test"
	routeNotificationsDigest = "notifications.digest"
)

// alertRoute names an Alerts route of a scope kind ("account", "profile" or "partner"): "" the
// page, "rule" a rule's form, "pause", "delete", "subscribe" its actions, "webhooks" and
// "webhook.delete".
func alertRoute(kind, action string) string {
	if action == "" {
		return kind + ".alerts"
	}
	return kind + ".alerts." + action
}

// alerts is the Alerts page of a scope.
func (l links) alerts(sc store.AlertScope) string { return l.onAlerts(sc, "", 0) }

// onAlerts is an Alerts route of a scope with its one id (a rule's or a webhook's); id 0 for
// a route without one (the page, webhooks).
func (l links) onAlerts(sc store.AlertScope, action string, id int64) string {
	var ids []string
	if id != 0 {
		ids = []string{strconv.FormatInt(id, 10)}
	}
	switch sc := sc.(type) {
	case store.Partner:
		return l.to(alertRoute("partner", action), append([]string{sc.ExternalID}, ids...)...)
	case store.Scope:
		if sc.Profile != nil {
			return l.to(alertRoute("profile", action), append([]string{sc.Account.Name, sc.Profile.Name}, ids...)...)
		}
		return l.to(alertRoute("account", action), append([]string{sc.Account.Name}, ids...)...)
	}
	panic(fmt.Sprintf("alert scope %T", sc))
}
