package store

import (
	"context"
	"fmt"
	"time"
)

// AlertWebhook is a row of alert_webhooks: a URL called for every rule of a scope, or for one
// rule when RuleID is set. Secret is the signing secret sealed under -secrets-key.
type AlertWebhook struct {
	ID               int64
	BillingAccountID int64
	BillingProfileID *int64
	RuleID           *int64
	URL              string `gorm:"column:url"`
	Secret           string
	CreatedAt        time.Time
}

// WebhookSecretContext is the context a webhook's secret is sealed under, so that a sealed
// secret copied to another row does not open there.
func WebhookSecretContext(accountID int64, url string) string {
	return fmt.Sprintf("alert-webhook:%d:%s", accountID, url)
}

// AlertWebhooksOf lists the webhooks of exactly the scope, oldest first.
func (s *Store) AlertWebhooksOf(ctx context.Context, sc Scope) ([]AlertWebhook, error) {
	where, args := scopeWhere(sc)
	var rows []AlertWebhook
	err := s.conn(ctx).Where(where, args...).Order("id").Find(&rows).Error
	return rows, wrap("alert webhooks", err)
}

// CreateAlertWebhook stores a webhook of the scope (of one of its rules when ruleID is not 0),
// its secret already sealed.
func (s *Store) CreateAlertWebhook(ctx context.Context, actor User, sc Scope, ruleID int64, url, sealedSecret string) (AlertWebhook, error) {
	w := AlertWebhook{BillingAccountID: sc.Account.ID, URL: url, Secret: sealedSecret, CreatedAt: s.wall()}
	if sc.Profile != nil {
		w.BillingProfileID = &sc.Profile.ID
	}
	err := s.Tx(ctx, func(tx *Store) error {
		if ruleID != 0 {
			if _, err := tx.AlertRuleOf(ctx, sc, ruleID); err != nil {
				return err
			}
			w.RuleID = &ruleID
		}
		if err := tx.conn(ctx).Create(&w).Error; err != nil {
			return wrap("create alert webhook", err)
		}
		return tx.audit(ctx, actor, AuditEntry{Action: AuditWebhookCreated, Scope: sc.ID(), Target: textOf(url)})
	})
	return w, err
}

// DeleteAlertWebhook deletes a webhook of the scope and its pending deliveries.
func (s *Store) DeleteAlertWebhook(ctx context.Context, actor User, sc Scope, id int64) error {
	return s.Tx(ctx, func(tx *Store) error {
		where, args := scopeWhere(sc)
		var w AlertWebhook
		if err := tx.conn(ctx).Where("id = ?", id).Where(where, args...).Take(&w).Error; err != nil {
			return wrap("alert webhook", err)
		}
		if err := tx.conn(ctx).Delete(&AlertWebhook{}, id).Error; err != nil {
			return wrap("delete alert webhook", err)
		}
		return tx.audit(ctx, actor, AuditEntry{Action: AuditWebhookDeleted, Scope: sc.ID(), Target: textOf(w.URL)})
	})
}

// WebhooksOfRule lists the webhooks a rule's messages go to: the rule's own and those of its
// scope.
func (s *Store) WebhooksOfRule(ctx context.Context, r AlertRule) ([]AlertWebhook, error) {
	q := s.conn(ctx).Where("billing_account_id = ? AND (rule_id = ? OR rule_id IS NULL)", r.BillingAccountID, r.ID)
	if r.BillingProfileID != nil {
		q = q.Where("billing_profile_id = ?", *r.BillingProfileID)
	} else {
		q = q.Where("billing_profile_id IS NULL")
	}
	var rows []AlertWebhook
	err := q.Order("id").Find(&rows).Error
	return rows, wrap("webhooks of rule", err)
}

// AlertWebhookByID returns a webhook, for its delivery.
func (s *Store) AlertWebhookByID(ctx context.Context, id int64) (AlertWebhook, error) {
	var w AlertWebhook
	err := s.conn(ctx).Where("id = ?", id).Take(&w).Error
	return w, wrap("alert webhook", err)
}
