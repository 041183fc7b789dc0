package notify

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/alerts"
	"github.com/creditdesk/creditdesk/internal/arm"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
)

// evaluation is one Evaluate's reads, shared by the rules: each account's profiles and
// summaries, and each profile's runway and credit released this year, read once.
type evaluation struct {
	s        *Service
	today    ledger.Date
	now      time.Time
	accounts map[int64]store.BillingAccount
	ledgers  map[int64][]store.ProfileLedger // by account
	runways  map[int64]ledger.Runway         // by profile, read when a rule needs it
	released map[int64]money.Amount
	failing  map[int64]bool
	active   map[int64]map[string]bool // rule -> subjects whose condition holds
	partners map[int64]*partnerFacts   // by partner organisation, read when a rule needs it
}

// Evaluate checks every live rule on the business day and moves the states whose condition
// changed, queueing their messages (Deliver sends them).
func (s *Service) Evaluate(ctx context.Context) (Report, error) {
	var rep Report
	rules, err := s.o.Store.LiveAlertRules(ctx)
	if err != nil || len(rules) == 0 {
		return rep, err
	}
	e := &evaluation{s: s, today: ledger.DateOf(s.o.Clocks.Business()), now: s.o.Clocks.Wall().UTC(),
		accounts: map[int64]store.BillingAccount{}, ledgers: map[int64][]store.ProfileLedger{},
		runways: map[int64]ledger.Runway{}, active: map[int64]map[string]bool{}, partners: map[int64]*partnerFacts{}}
	failed, err := e.load(ctx, rules)
	if err != nil {
		return rep, err
	}
	// A rule that cannot be evaluated (its account's ledger does not read) is named and
	// skipped; the others are evaluated.
	var errs []error
	for _, r := range rules {
		if err := ctx.Err(); err != nil {
			return rep, err
		}
		if ferr, ok := failed[r.AccountID()]; ok {
			errs = append(errs, fmt.Errorf("alert %d: %w", r.ID, ferr))
			continue
		}
		check := e.rule
		if r.PartnerID != nil {
			check = e.partnerRule
		}
		if err := check(ctx, r, &rep); err != nil {
			errs = append(errs, fmt.Errorf("alert %d: %w", r.ID, err))
			continue
		}
		rep.Rules++
	}
	return rep, errors.Join(errs...)
}

// load reads what every billing rule needs: the accounts' ledgers, the failing profiles, the
// credit released this year; and the rules' states. An account whose ledger does not read is
// returned with its error, for its rules to be skipped. Partner rules read their organisation
// when they are checked (partnerRule).
func (e *evaluation) load(ctx context.Context, rules []store.AlertRule) (map[int64]error, error) {
	st := e.s.o.Store
	ids := make([]int64, len(rules))
	var profiles []int64
	failed := map[int64]error{}
	for i, r := range rules {
		ids[i] = r.ID
		if _, ok := e.ledgers[r.AccountID()]; ok || failed[r.AccountID()] != nil || r.PartnerID != nil {
			continue
		}
		a, err := st.AccountByID(ctx, r.AccountID())
		if err != nil {
			return nil, err
		}
		ps, err := st.ProfilesOfAccount(ctx, a.ID)
		if err != nil {
			return nil, err
		}
		ls, err := st.ProfileLedgers(ctx, ps, e.today)
		if err != nil {
			failed[a.ID] = err
			continue
		}
		e.accounts[a.ID], e.ledgers[a.ID] = a, ls
		for _, l := range ls {
			profiles = append(profiles, l.Profile.ID)
		}
	}
	var err error
	if e.failing, err = st.FailingProfiles(ctx); err != nil {
		return nil, err
	}
	y, _, _ := e.today.Civil()
	if e.released, err = st.CreditReleased(ctx, profiles, ledger.NewDate(y, time.January, 1), e.today); err != nil {
		return nil, err
	}
	states, err := st.AlertStatesOf(ctx, ids)
	for _, s := range states {
		if s.Active {
			if e.active[s.RuleID] == nil {
				e.active[s.RuleID] = map[string]bool{}
			}
			e.active[s.RuleID][s.Subject] = true
		}
	}
	return failed, err
}

// target is a profile a rule covers, with its numbers.
type target struct {
	account store.BillingAccount
	ledger  store.ProfileLedger
	facts   alerts.Facts
}

// rule checks one rule on every profile it covers and moves the states that changed.
func (e *evaluation) rule(ctx context.Context, r store.AlertRule, rep *Report) error {
	cond := r.Rule()
	hits := map[string]bool{}
	var q *queue
	for _, l := range e.ledgers[r.AccountID()] {
		if r.BillingProfileID != nil && *r.BillingProfileID != l.Profile.ID {
			continue
		}
		t, err := e.target(ctx, r, cond, l)
		if err != nil {
			return err
		}
		profileID := arm.ProfileID(t.account.Name, l.Profile.Name)
		for _, h := range alerts.Check(cond, t.facts) {
			subject := profileID
			if h.Lot != "" {
				subject = arm.ConsumptionID(profileID, "lots", h.Lot)
			}
			hits[subject] = true
			if e.active[r.ID][subject] {
				continue
			}
			if q == nil {
				if q, err = e.billingQueue(ctx, r); err != nil {
					return err
				}
			}
			if err := e.transition(ctx, r.ID, subject, true, q.build(t, subject, false, h.Values), rep); err != nil {
				return err
			}
		}
		// Subjects of this profile whose condition no longer holds are resolved.
		for subject := range e.active[r.ID] {
			if hits[subject] || (subject != profileID && !strings.HasPrefix(subject, profileID+"/")) {
				continue
			}
			if q == nil {
				if q, err = e.billingQueue(ctx, r); err != nil {
					return err
				}
			}
			build := q.build(t, subject, true, alerts.Values{})
			if !r.NotifyResolved {
				build = nothing
			}
			if err := e.transition(ctx, r.ID, subject, false, build, rep); err != nil {
				return err
			}
		}
	}
	return nil
}

// transition records that a rule's condition became true (fire) or false for a subject, with
// the messages build queues when it moves, and counts it in rep.
func (e *evaluation) transition(ctx context.Context, ruleID int64, subject string, fire bool,
	build func(crossing int) ([]store.AlertDelivery, error), rep *Report) error {
	moved, err := e.s.o.Store.TransitionAlert(ctx, ruleID, subject, fire, e.now, build)
	switch {
	case err != nil || !moved:
	case fire:
		rep.Fired++
	default:
		rep.Resolved++
	}
	return err
}

// nothing queues no message: a resolution the rule does not report.
func nothing(int) ([]store.AlertDelivery, error) { return nil, nil }

// target gathers the facts of a profile for a rule, reading its runway once when needed.
func (e *evaluation) target(ctx context.Context, r store.AlertRule, cond alerts.Rule, l store.ProfileLedger) (target, error) {
	t := target{account: e.accounts[r.AccountID()], ledger: l}
	t.facts = alerts.Facts{Today: e.today, Summary: l.Summary, ReleasedThisYear: e.released[l.Profile.ID],
		ProcessFailed: e.failing[l.Profile.ID]}
	if cond.Kind.NeedsRunway() {
		rw, ok := e.runways[l.Profile.ID]
		if !ok {
			var err error
			if rw, err = e.s.o.Store.ProfileRunway(ctx, l.Profile, l.Summary, e.today); err != nil {
				return t, err
			}
			e.runways[l.Profile.ID] = rw
		}
		t.facts.Runway = rw
	}
	return t, nil
}

// queue is who a rule's messages go to: its webhooks, and its subscribers who may still view
// its scope (and only with a mailer).
type queue struct {
	s        *Service
	rule     store.AlertRule
	webhooks []store.AlertWebhook
	users    []store.User
}

// queueOf reads the recipients of a rule's messages: its webhooks, and the subscribers for whom
// sees reports true.
func (e *evaluation) queueOf(ctx context.Context, r store.AlertRule, sees func(store.User) (bool, error)) (*queue, error) {
	st := e.s.o.Store
	q := &queue{s: e.s, rule: r}
	var err error
	if q.webhooks, err = st.WebhooksOfRule(ctx, r); err != nil {
		return nil, err
	}
	if e.s.o.Mailer == nil {
		return q, nil
	}
	users, err := st.AlertSubscribers(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	for _, u := range users {
		ok, err := sees(u)
		if err != nil {
			return nil, err
		}
		if ok {
			q.users = append(q.users, u)
		}
	}
	return q, nil
}

// billingQueue reads the recipients of a billing rule's messages: subscribers who may still
// view its scope.
func (e *evaluation) billingQueue(ctx context.Context, r store.AlertRule) (*queue, error) {
	sc := store.Scope{Account: e.accounts[r.AccountID()]}
	if r.BillingProfileID != nil {
		for _, l := range e.ledgers[r.AccountID()] {
			if l.Profile.ID == *r.BillingProfileID {
				p := l.Profile
				sc.Profile = &p
			}
		}
	}
	return e.queueOf(ctx, r, func(u store.User) (bool, error) {
		g, err := e.s.o.Store.GrantsOn(ctx, u.ID, sc)
		return g.Can(access.View), err
	})
}

// build returns the messages of one crossing of a billing rule.
func (q *queue) build(t target, subject string, resolved bool, v alerts.Values) func(int) ([]store.AlertDelivery, error) {
	p := t.ledger.Profile
	profilePath := "/accounts/" + url.PathEscape(t.account.Name) + "/profiles/" + url.PathEscape(p.Name)
	scopePath := "/accounts/" + url.PathEscape(t.account.Name)
	if q.rule.BillingProfileID != nil {
		scopePath = profilePath
	}
	return q.messages(subject, resolved, scopePath+"/alerts", alerts.EventData{RuleID: q.rule.ID, Rule: q.rule.Rule(),
		BillingAccount: t.account.Name, BillingProfile: p.Name, ProfileDisplayName: p.DisplayName,
		Currency: p.Currency, Link: q.s.o.PublicURL + profilePath + "/credits", Values: v})
}

// messages returns the messages of one crossing: the same CloudEvent, from the Alerts page at
// sourcePath, for every recipient.
func (q *queue) messages(subject string, resolved bool, sourcePath string, data alerts.EventData) func(int) ([]store.AlertDelivery, error) {
	return func(crossing int) ([]store.AlertDelivery, error) {
		state := alerts.Firing
		if resolved {
			state = alerts.Resolved
		}
		key := fmt.Sprintf("rule-%d/%s/%d/%s", q.rule.ID, subject, crossing, state)
		ev := alerts.NewEvent(alerts.Kind(q.rule.Kind), resolved, q.s.o.PublicURL+sourcePath, arm.NameGUID(key),
			subject, q.s.o.Clocks.Wall(), data)
		body, err := json.Marshal(ev)
		if err != nil {
			return nil, err
		}
		now := q.s.o.Clocks.Wall().UTC()
		base := store.AlertDelivery{RuleID: &q.rule.ID, DedupeKey: key, EventType: ev.Type, Subject: subject,
			Event: string(body), Status: store.DeliveryPending, NextAttemptAt: now, GiveUpAt: now.Add(retryFor), CreatedAt: now}
		var out []store.AlertDelivery
		for _, w := range q.webhooks {
			d := base
			d.Target, d.WebhookID = fmt.Sprintf("webhook:%d", w.ID), &w.ID
			out = append(out, d)
		}
		for _, u := range q.users {
			d := base
			d.Target, d.UserID = fmt.Sprintf("email:%d", u.ID), &u.ID
			out = append(out, d)
		}
		return out, nil
	}
}
