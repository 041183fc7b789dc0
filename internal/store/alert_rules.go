package store

import (
	"context"
	"fmt"
	"time"

	"github.com/creditdesk/creditdesk/internal/alerts"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/money"
)

// AlertRule is a row of alert_rules: a rule on a billing account, or on one of its profiles
// when BillingProfileID is set (issue 12).
type AlertRule struct {
	ID               int64
	BillingAccountID int64
	BillingProfileID *int64
	Kind             string
	Days             int
	Amount           *int64 // micro-units; nil: any amount, or not used by the kind
	Percent          *int
	NotifyResolved   bool
	Paused           bool
	CreatedBy        *int64
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// Rule is the rule's condition in the domain's terms.
func (r AlertRule) Rule() alerts.Rule {
	out := alerts.Rule{Kind: alerts.Kind(r.Kind), Days: r.Days}
	if r.Amount != nil {
		a := money.FromMicros(*r.Amount)
		out.Amount = &a
	}
	if r.Percent != nil {
		out.Percent = *r.Percent
	}
	return out
}

// setRule stores a domain rule's thresholds in the row.
func (r *AlertRule) setRule(in alerts.Rule) {
	r.Kind, r.Days, r.Amount, r.Percent = string(in.Kind), in.Days, nil, nil
	if in.Amount != nil {
		m := in.Amount.Micros()
		r.Amount = &m
	}
	if in.Percent != 0 {
		p := in.Percent
		r.Percent = &p
	}
}

// AlertSubscription is a user receiving a rule's emails.
type AlertSubscription struct {
	RuleID    int64 `gorm:"primaryKey;autoIncrement:false"`
	UserID    int64 `gorm:"primaryKey;autoIncrement:false"`
	CreatedAt time.Time
}

// scopeWhere limits a query of a table with billing_account_id and billing_profile_id to the
// rows of exactly the scope sc.
func scopeWhere(sc Scope) (string, []any) {
	if sc.Profile != nil {
		return "billing_account_id = ? AND billing_profile_id = ?", []any{sc.Account.ID, sc.Profile.ID}
	}
	return "billing_account_id = ? AND billing_profile_id IS NULL", []any{sc.Account.ID}
}

// AlertRulesOf lists the rules of exactly the scope, oldest first.
func (s *Store) AlertRulesOf(ctx context.Context, sc Scope) ([]AlertRule, error) {
	where, args := scopeWhere(sc)
	var rows []AlertRule
	err := s.conn(ctx).Where(where, args...).Order("id").Find(&rows).Error
	return rows, wrap("alert rules", err)
}

// AlertRuleOf returns a rule of the scope (fault.ErrNotFound for another scope's).
func (s *Store) AlertRuleOf(ctx context.Context, sc Scope, id int64) (AlertRule, error) {
	where, args := scopeWhere(sc)
	var r AlertRule
	err := s.conn(ctx).Where("id = ?", id).Where(where, args...).Take(&r).Error
	return r, wrap("alert rule", err)
}

// LiveAlertRules lists every rule that is not paused, for the evaluation.
func (s *Store) LiveAlertRules(ctx context.Context) ([]AlertRule, error) {
	var rows []AlertRule
	err := s.conn(ctx).Where("paused = ?", false).Order("id").Find(&rows).Error
	return rows, wrap("live alert rules", err)
}

// CreateAlertRule stores a new rule on the scope and subscribes its creator to it.
func (s *Store) CreateAlertRule(ctx context.Context, actor User, sc Scope, in alerts.Rule, notifyResolved bool) (AlertRule, error) {
	r := AlertRule{BillingAccountID: sc.Account.ID, NotifyResolved: notifyResolved, CreatedAt: s.wall(), UpdatedAt: s.wall()}
	r.setRule(in)
	if sc.Profile != nil {
		r.BillingProfileID = &sc.Profile.ID
	}
	if actor.ID != 0 {
		r.CreatedBy = &actor.ID
	}
	err := s.Tx(ctx, func(tx *Store) error {
		if err := tx.conn(ctx).Create(&r).Error; err != nil {
			return wrap("create alert rule", err)
		}
		if actor.ID != 0 {
			if err := tx.conn(ctx).Create(&AlertSubscription{RuleID: r.ID, UserID: actor.ID, CreatedAt: s.wall()}).Error; err != nil {
				return wrap("subscribe creator", err)
			}
		}
		return tx.audit(ctx, actor, AuditEntry{Action: AuditAlertCreated, Scope: sc.ID(), Target: ruleTarget(r), After: textOf(describeRule(r))})
	})
	return r, err
}

// UpdateAlertRule changes a rule's condition and whether it says when it is resolved. Its
// state is kept: a condition that holds now is not reported again.
func (s *Store) UpdateAlertRule(ctx context.Context, actor User, sc Scope, id int64, in alerts.Rule, notifyResolved bool) error {
	return s.Tx(ctx, func(tx *Store) error {
		old, err := tx.AlertRuleOf(ctx, sc, id)
		if err != nil {
			return err
		}
		r := old
		r.setRule(in)
		r.NotifyResolved, r.UpdatedAt = notifyResolved, s.wall()
		err = tx.conn(ctx).Model(&AlertRule{}).Where("id = ?", id).Select("kind", "days", "amount", "percent", "notify_resolved", "updated_at").
			Updates(&r).Error
		if err != nil {
			return wrap("update alert rule", err)
		}
		return tx.audit(ctx, actor, AuditEntry{Action: AuditAlertUpdated, Scope: sc.ID(), Target: ruleTarget(r),
			Before: textOf(describeRule(old)), After: textOf(describeRule(r))})
	})
}

// SetAlertRulePaused pauses a rule (it is not evaluated) or resumes it.
func (s *Store) SetAlertRulePaused(ctx context.Context, actor User, sc Scope, id int64, paused bool) error {
	return s.Tx(ctx, func(tx *Store) error {
		r, err := tx.AlertRuleOf(ctx, sc, id)
		if err != nil {
			return err
		}
		err = tx.conn(ctx).Model(&AlertRule{}).Where("id = ?", id).Updates(map[string]any{"paused": paused, "updated_at": s.wall()}).Error
		if err != nil {
			return wrap("pause alert rule", err)
		}
		action := AuditAlertResumed
		if paused {
			action = AuditAlertPaused
		}
		return tx.audit(ctx, actor, AuditEntry{Action: action, Scope: sc.ID(), Target: ruleTarget(r)})
	})
}

// DeleteAlertRule deletes a rule with its subscriptions, webhooks, states and deliveries.
func (s *Store) DeleteAlertRule(ctx context.Context, actor User, sc Scope, id int64) error {
	return s.Tx(ctx, func(tx *Store) error {
		r, err := tx.AlertRuleOf(ctx, sc, id)
		if err != nil {
			return err
		}
		if err := tx.conn(ctx).Delete(&AlertRule{}, id).Error; err != nil {
			return wrap("delete alert rule", err)
		}
		return tx.audit(ctx, actor, AuditEntry{Action: AuditAlertDeleted, Scope: sc.ID(), Target: ruleTarget(r), Before: textOf(describeRule(r))})
	})
}

// SetSubscribed subscribes the user to a rule of the scope, or ends the subscription.
func (s *Store) SetSubscribed(ctx context.Context, sc Scope, ruleID, userID int64, on bool) error {
	if _, err := s.AlertRuleOf(ctx, sc, ruleID); err != nil {
		return err
	}
	if !on {
		err := s.conn(ctx).Where("rule_id = ? AND user_id = ?", ruleID, userID).Delete(&AlertSubscription{}).Error
		return wrap("unsubscribe", err)
	}
	err := s.conn(ctx).Create(&AlertSubscription{RuleID: ruleID, UserID: userID, CreatedAt: s.wall()}).Error
	if isConflict(wrap("", err)) {
		return nil // already subscribed
	}
	return wrap("subscribe", err)
}

// SubscribedRuleIDs returns which of the rules the user is subscribed to.
func (s *Store) SubscribedRuleIDs(ctx context.Context, userID int64, ruleIDs []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(ruleIDs) == 0 {
		return out, nil
	}
	var ids []int64
	err := s.conn(ctx).Model(&AlertSubscription{}).Where("user_id = ? AND rule_id IN ?", userID, ruleIDs).Pluck("rule_id", &ids).Error
	for _, id := range ids {
		out[id] = true
	}
	return out, wrap("subscriptions", err)
}

// AlertSubscribers lists the users subscribed to a rule.
func (s *Store) AlertSubscribers(ctx context.Context, ruleID int64) ([]User, error) {
	var users []User
	err := s.conn(ctx).Where("id IN (?)", s.conn(ctx).Model(&AlertSubscription{}).Select("user_id").Where("rule_id = ?", ruleID)).
		Order("id").Find(&users).Error
	return users, wrap("alert subscribers", err)
}

// ruleTarget names a rule in the audit log.
func ruleTarget(r AlertRule) fault.Message { return textOf(fmt.Sprintf("alert %d", r.ID)) }

// describeRule is a rule's condition for the audit log.
func describeRule(r AlertRule) string {
	d := r.Kind
	if r.Days != 0 {
		d += fmt.Sprintf(" within %d days", r.Days)
	}
	if r.Amount != nil {
		d += " amount " + money.FromMicros(*r.Amount).String()
	}
	if r.Percent != nil {
		d += fmt.Sprintf(" below %d%%", *r.Percent)
	}
	return d
}

// Subscription is a rule a user is subscribed to, with its scope.
type Subscription struct {
	Rule    AlertRule
	Account BillingAccount
	Profile *BillingProfile
}

// SubscriptionsOfUser lists the rules the user is subscribed to, with their scopes, in three
// queries.
func (s *Store) SubscriptionsOfUser(ctx context.Context, userID int64) ([]Subscription, error) {
	var rules []AlertRule
	err := s.conn(ctx).Where("id IN (?)", s.conn(ctx).Model(&AlertSubscription{}).Select("rule_id").Where("user_id = ?", userID)).
		Order("billing_account_id, billing_profile_id, id").Find(&rules).Error
	if err != nil || len(rules) == 0 {
		return nil, wrap("subscriptions of user", err)
	}
	var accountIDs, profileIDs []int64
	for _, r := range rules {
		accountIDs = append(accountIDs, r.BillingAccountID)
		if r.BillingProfileID != nil {
			profileIDs = append(profileIDs, *r.BillingProfileID)
		}
	}
	var accounts []BillingAccount
	if err := s.conn(ctx).Where("id IN ?", accountIDs).Find(&accounts).Error; err != nil {
		return nil, wrap("subscribed accounts", err)
	}
	var profiles []BillingProfile
	if len(profileIDs) > 0 {
		if err := s.conn(ctx).Where("id IN ?", profileIDs).Find(&profiles).Error; err != nil {
			return nil, wrap("subscribed profiles", err)
		}
	}
	byAccount := map[int64]BillingAccount{}
	for _, a := range accounts {
		byAccount[a.ID] = a
	}
	byProfile := map[int64]BillingProfile{}
	for _, p := range profiles {
		byProfile[p.ID] = p
	}
	out := make([]Subscription, len(rules))
	for i, r := range rules {
		out[i] = Subscription{Rule: r, Account: byAccount[r.BillingAccountID]}
		if r.BillingProfileID != nil {
			p := byProfile[*r.BillingProfileID]
			out[i].Profile = &p
		}
	}
	return out, nil
}
