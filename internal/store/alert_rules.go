package store

import (
	"context"
	"fmt"
	"time"

	"github.com/creditdesk/creditdesk/internal/alerts"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/money"
)

// AlertRule is a row of alert_rules (issue 12): a rule on a billing account, or on one of its
// profiles when BillingProfileID is set, or on a partner organisation (PartnerID set, no
// billing account).
type AlertRule struct {
	ID               int64
	BillingAccountID *int64
	BillingProfileID *int64
	PartnerID        *int64
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

// AccountID is the rule's billing account, 0 for a partner organisation's rule.
func (r AlertRule) AccountID() int64 {
	if r.BillingAccountID == nil {
		return 0
	}
	return *r.BillingAccountID
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

// AlertRulesOf lists the rules of exactly the scope, oldest first.
func (s *Store) AlertRulesOf(ctx context.Context, sc AlertScope) ([]AlertRule, error) {
	where, args := sc.alertWhere()
	var rows []AlertRule
	err := s.conn(ctx).Where(where, args...).Order("id").Find(&rows).Error
	return rows, wrap("alert rules", err)
}

// AlertRuleOf returns a rule of the scope (fault.ErrNotFound for another scope's).
func (s *Store) AlertRuleOf(ctx context.Context, sc AlertScope, id int64) (AlertRule, error) {
	where, args := sc.alertWhere()
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
func (s *Store) CreateAlertRule(ctx context.Context, actor User, sc AlertScope, in alerts.Rule, notifyResolved bool) (AlertRule, error) {
	r := AlertRule{NotifyResolved: notifyResolved, CreatedAt: s.wall(), UpdatedAt: s.wall()}
	r.BillingAccountID, r.BillingProfileID, r.PartnerID = sc.alertColumns()
	r.setRule(in)
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
		return tx.audit(ctx, actor, AuditEntry{Action: AuditAlertCreated, Scope: sc.auditID(), Target: ruleTarget(r), After: textOf(describeRule(r))})
	})
	return r, err
}

// UpdateAlertRule changes a rule's condition and whether it says when it is resolved. Its
// state is kept: a condition that holds now is not reported again.
func (s *Store) UpdateAlertRule(ctx context.Context, actor User, sc AlertScope, id int64, in alerts.Rule, notifyResolved bool) error {
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
		return tx.audit(ctx, actor, AuditEntry{Action: AuditAlertUpdated, Scope: sc.auditID(), Target: ruleTarget(r),
			Before: textOf(describeRule(old)), After: textOf(describeRule(r))})
	})
}

// SetAlertRulePaused pauses a rule (it is not evaluated) or resumes it.
func (s *Store) SetAlertRulePaused(ctx context.Context, actor User, sc AlertScope, id int64, paused bool) error {
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
		return tx.audit(ctx, actor, AuditEntry{Action: action, Scope: sc.auditID(), Target: ruleTarget(r)})
	})
}

// DeleteAlertRule deletes a rule with its subscriptions, webhooks, states and deliveries.
func (s *Store) DeleteAlertRule(ctx context.Context, actor User, sc AlertScope, id int64) error {
	return s.Tx(ctx, func(tx *Store) error {
		r, err := tx.AlertRuleOf(ctx, sc, id)
		if err != nil {
			return err
		}
		if err := tx.conn(ctx).Delete(&AlertRule{}, id).Error; err != nil {
			return wrap("delete alert rule", err)
		}
		return tx.audit(ctx, actor, AuditEntry{Action: AuditAlertDeleted, Scope: sc.auditID(), Target: ruleTarget(r), Before: textOf(describeRule(r))})
	})
}

// SetSubscribed subscribes the user to a rule of the scope, or ends the subscription.
func (s *Store) SetSubscribed(ctx context.Context, sc AlertScope, ruleID, userID int64, on bool) error {
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

// Subscription is a rule a user is subscribed to, with its scope: a billing account (and
// profile) or a partner organisation.
type Subscription struct {
	Rule    AlertRule
	Account BillingAccount
	Profile *BillingProfile
	Partner *Partner
}

// Scope is where the subscription's rule lives.
func (sub Subscription) Scope() AlertScope {
	if sub.Partner != nil {
		return *sub.Partner
	}
	return Scope{Account: sub.Account, Profile: sub.Profile}
}

// SubscriptionsOfUser lists the rules the user is subscribed to on scopes they may still see
// (stillVisible), with their scopes, billing scopes first, in six queries at most.
func (s *Store) SubscriptionsOfUser(ctx context.Context, userID int64) ([]Subscription, error) {
	var rules []AlertRule
	err := s.conn(ctx).Where("id IN (?)", s.conn(ctx).Model(&AlertSubscription{}).Select("rule_id").Where("user_id = ?", userID)).
		Order("CASE WHEN partner_id IS NULL THEN 0 ELSE 1 END, partner_id, billing_account_id, billing_profile_id, id").Find(&rules).Error
	if err != nil || len(rules) == 0 {
		return nil, wrap("subscriptions of user", err)
	}
	var accountIDs, profileIDs, partnerIDs []int64
	for _, r := range rules {
		if r.PartnerID != nil {
			partnerIDs = append(partnerIDs, *r.PartnerID)
			continue
		}
		accountIDs = append(accountIDs, *r.BillingAccountID)
		if r.BillingProfileID != nil {
			profileIDs = append(profileIDs, *r.BillingProfileID)
		}
	}
	accounts, err := byID[BillingAccount](ctx, s, accountIDs, func(a BillingAccount) int64 { return a.ID })
	if err != nil {
		return nil, err
	}
	profiles, err := byID[BillingProfile](ctx, s, profileIDs, func(p BillingProfile) int64 { return p.ID })
	if err != nil {
		return nil, err
	}
	partners, err := byID[Partner](ctx, s, partnerIDs, func(p Partner) int64 { return p.ID })
	if err != nil {
		return nil, err
	}
	out := make([]Subscription, len(rules))
	for i, r := range rules {
		out[i] = Subscription{Rule: r}
		if r.PartnerID != nil {
			p := partners[*r.PartnerID]
			out[i].Partner = &p
			continue
		}
		out[i].Account = accounts[*r.BillingAccountID]
		if r.BillingProfileID != nil {
			p := profiles[*r.BillingProfileID]
			out[i].Profile = &p
		}
	}
	return s.stillVisible(ctx, userID, out)
}

// byID reads the rows of T with the ids, keyed by id (none for no ids).
func byID[T any](ctx context.Context, s *Store, ids []int64, id func(T) int64) (map[int64]T, error) {
	out := map[int64]T{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []T
	if err := s.conn(ctx).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, wrap("subscribed scopes", err)
	}
	for _, r := range rows {
		out[id(r)] = r
	}
	return out, nil
}
