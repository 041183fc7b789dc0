package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/alerts"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// alertLogSize is how many attempts the delivery log shows, newest first.
const alertLogSize = 50

// alertTime is how the Alerts page writes instants (UTC).
const alertTime = "2006-01-02 15:04"

// alertsShow is the Alerts page of a billing scope or partner organisation (issue 12);
// ?edit=<rule> opens a rule in the form for those who manage its rules.
func (s *Server) alertsShow(c echo.Context) error {
	pl := alertPlaceOf(c)
	form := pl.newForm()
	var editing int64
	notifyResolved := false
	if id := c.QueryParam("edit"); id != "" && pl.canManage {
		rid, err := ruleParam(id)
		if err != nil {
			return err
		}
		r, err := s.store.AlertRuleOf(c.Request().Context(), pl.scope, rid)
		if err != nil {
			return err
		}
		editing, form, notifyResolved = r.ID, formOf(r), r.NotifyResolved
	}
	p, err := s.alertsProps(c, editing, form, notifyResolved)
	if err != nil {
		return err
	}
	p.Flash = s.takeFlash(c)
	return s.render(c, http.StatusOK, views.AlertsPage(p), nil)
}

// alertsProps builds the page: the rules with their state and the caller's subscriptions, the
// webhooks, the delivery log, and the rule form holding f (editing rule editing, or a new one).
func (s *Server) alertsProps(c echo.Context, editing int64, f alerts.Form, notifyResolved bool) (views.Alerts, error) {
	pl := alertPlaceOf(c)
	ctx := c.Request().Context()
	p := views.Alerts{Shell: s.alertShell(c, pl), WebhooksAction: s.links.onAlerts(pl.scope, "webhooks", 0), Account: pl.account,
		Partner: pl.partner, CanManage: pl.canManage, CanSeal: s.alerts.CanSeal(), CanMail: s.alerts.CanMail(),
		Errors: map[string]string{}}
	currency := pl.currency
	rules, err := s.store.AlertRulesOf(ctx, pl.scope)
	if err != nil {
		return p, err
	}
	ids := make([]int64, len(rules))
	texts := map[int64]string{}
	for i, r := range rules {
		ids[i], texts[r.ID] = r.ID, views.RuleText(r.Rule(), currency)
	}
	states, err := s.store.AlertStatesOf(ctx, ids)
	if err != nil {
		return p, err
	}
	subscribed, err := s.store.SubscribedRuleIDs(ctx, currentUser(c).ID, ids)
	if err != nil {
		return p, err
	}
	for _, r := range rules {
		p.Rules = append(p.Rules, s.ruleRow(pl.scope, r, texts[r.ID], states, subscribed[r.ID]))
	}
	p.Form = s.ruleForm(pl, f, notifyResolved, editing)
	p.Hook.Rules = []views.Option{{Value: "", Label: "Every rule here", Selected: true}}
	for _, r := range rules {
		p.Hook.Rules = append(p.Hook.Rules, views.Option{Value: itoa(r.ID), Label: texts[r.ID]})
	}
	hooks, err := s.store.AlertWebhooksOf(ctx, pl.scope)
	if err != nil {
		return p, err
	}
	urls := map[string]string{}
	for _, w := range hooks {
		row := views.WebhookRow{URL: w.URL, For: "Every rule", DeleteURL: s.links.onAlerts(pl.scope, "webhook.delete", w.ID)}
		if w.RuleID != nil {
			row.For = texts[*w.RuleID]
		}
		urls["webhook:"+itoa(w.ID)] = w.URL
		p.Webhooks = append(p.Webhooks, row)
	}
	log, err := s.store.AlertLogOf(ctx, pl.scope, alertLogSize)
	if err != nil {
		return p, err
	}
	for _, l := range log {
		target := urls[l.Target]
		if strings.HasPrefix(l.Target, "email:") {
			target = "Email to a subscriber"
		}
		p.Log = append(p.Log, views.AlertLogRow{At: l.At.UTC().Format(alertTime), Rule: texts[deref(l.RuleID)], Event: l.EventType,
			Target: target, OK: l.OK, Code: l.Code, Error: l.Error})
	}
	return p, nil
}

// ruleRow shows one rule with its state: how many subjects fire now, and when it last fired.
func (s *Server) ruleRow(sc store.AlertScope, r store.AlertRule, text string, states []store.AlertState, subscribed bool) views.AlertRuleRow {
	row := views.AlertRuleRow{ID: itoa(r.ID), Label: alerts.Kind(r.Kind).Label(), Text: text, Paused: r.Paused,
		Resolved: r.NotifyResolved, Subscribed: subscribed, EditHref: s.links.alerts(sc) + "?edit=" + itoa(r.ID),
		PauseURL: s.links.onAlerts(sc, "pause", r.ID), DeleteURL: s.links.onAlerts(sc, "delete", r.ID),
		SubscribeURL: s.links.onAlerts(sc, "subscribe", r.ID), LastFired: "Never"}
	var last time.Time
	for _, st := range states {
		if st.RuleID != r.ID {
			continue
		}
		if st.Active {
			row.Active++
		}
		if st.FiredAt != nil && st.FiredAt.After(last) {
			last = *st.FiredAt
		}
	}
	if !last.IsZero() {
		row.LastFired = last.UTC().Format(alertTime) + " UTC"
	}
	return row
}

// ruleForm fills the rule form: where it posts (a new rule, or the one being edited) and the
// kinds with the chosen one selected.
func (s *Server) ruleForm(pl alertPlace, f alerts.Form, notifyResolved bool, editing int64) views.AlertForm {
	out := views.AlertForm{Action: s.links.alerts(pl.scope), Days: f.Days, Amount: f.Amount, Percent: f.Percent, NotifyResolved: notifyResolved}
	if editing != 0 {
		out.Action, out.Editing = s.links.onAlerts(pl.scope, "rule", editing), true
	}
	for _, k := range pl.kinds() {
		out.Kinds = append(out.Kinds, views.Option{Value: string(k), Label: k.Label(), Selected: string(k) == f.Kind})
	}
	return out
}

// formOf is a stored rule as the form shows it.
func formOf(r store.AlertRule) alerts.Form {
	f := alerts.Form{Kind: r.Kind}
	rule := r.Rule()
	if rule.Days != 0 {
		f.Days = strconv.Itoa(rule.Days)
	}
	if rule.Amount != nil {
		f.Amount = rule.Amount.String()
	}
	if rule.Percent != 0 {
		f.Percent = strconv.Itoa(rule.Percent)
	}
	return f
}

// ruleParam reads a rule id of the path or query; a malformed one is a missing rule.
func ruleParam(v string) (int64, error) {
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id <= 0 {
		return 0, echo.NewHTTPError(http.StatusNotFound, "No such alert on this scope.")
	}
	return id, nil
}

// deref is *p, or the zero value for nil.
func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
