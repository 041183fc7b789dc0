package web

import (
	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/alerts"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// alertPlace is the scope an Alerts route acts on, a billing scope or a partner organisation,
// with what differs between the two: the kinds of rule, who manages them, the page's frame.
type alertPlace struct {
	scope     store.AlertScope
	partner   bool   // a partner organisation: its partner admins manage its rules (P1)
	account   bool   // a billing account: amounts are in each profile's currency
	currency  string // a billing profile's currency, for amounts in words
	canManage bool
}

// alertPlaceOf is the scope of the route: the partner organisation authorizePartner resolved,
// or the billing scope authorize resolved.
func alertPlaceOf(c echo.Context) alertPlace {
	if pc := currentPartner(c); pc.ID != 0 {
		return alertPlace{scope: pc.Partner, partner: true, canManage: pc.Grants.Can(access.ManageBenefits)}
	}
	sc := currentScope(c)
	p := alertPlace{scope: sc.Scope, account: sc.Profile == nil, canManage: sc.Grants.Can(access.ManageAlerts)}
	if sc.Profile != nil {
		p.currency = sc.Profile.Currency
	}
	return p
}

// kinds are the kinds of rule of the place.
func (p alertPlace) kinds() []alerts.Kind {
	if p.partner {
		return alerts.PartnerKinds
	}
	return alerts.Kinds
}

// parse validates a submitted rule of the place.
func (p alertPlace) parse(f alerts.Form) (alerts.Rule, error) {
	if p.partner {
		return alerts.ParsePartner(f)
	}
	return alerts.Parse(f)
}

// newForm is the rule form's first content: the place's first kind, within 30 days.
func (p alertPlace) newForm() alerts.Form { return alerts.Form{Kind: string(p.kinds()[0]), Days: "30"} }

// alertShell is the frame of the place's Alerts page, with its menu.
func (s *Server) alertShell(c echo.Context, p alertPlace) views.Shell {
	if p.partner {
		return s.partnerShell(c, "Alerts", "Alerts")
	}
	return s.scopeShell(c, "Alerts", "Alerts")
}
