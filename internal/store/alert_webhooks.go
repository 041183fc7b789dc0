package store

import (
	"context"
	"time"
)

// AlertWebhook is a row of alert_webhooks: a URL called for every rule of a scope, or for one
// rule when RuleID is set. Secret is the signing secret sealed under -secrets-key.
type AlertWebhook struct {
	ID               int64
	BillingAccountID *int64
	BillingProfileID *int64
	PartnerID        *int64
	RuleID           *int64
	URL              string `gorm:"column:url"`
	Secret           string
	CreatedAt        time.Time
}

// SecretContext is the context the webhook's secret is sealed under (WebhookSecretContext).
func (w AlertWebhook) SecretContext() string {
	if w.PartnerID != nil {
		return WebhookSecretContext(Partner{ID: *w.PartnerID}, w.URL)
	}
	return WebhookSecretContext(Scope{Account: BillingAccount{ID: *w.BillingAccountID}}, w.URL)
}

// AlertWebhooksOf lists the webhooks of exactly the scope, oldest first.
func (s *Store) AlertWebhooksOf(ctx context.Context, sc AlertScope) ([]AlertWebhook, error) {
	where, args := sc.alertWhere()
	var rows []AlertWebhook
	err := s.conn(ctx).Where(where, args...).Order("id").Find(&rows).Error
	return rows, wrap("alert webhooks", err)
}

// CreateAlertWebhook stores a webhook of the scope (of one of its rules when ruleID is not 0),
// its secret already sealed.
func (s *Store) CreateAlertWebhook(ctx context.Context, actor User, sc AlertScope, ruleID int64, url, sealedSecret string) (AlertWebhook, error) {
	w := AlertWebhook{URL: url, Secret: sealedSecret, CreatedAt: s.wall()}
	w.BillingAccountID, w.BillingProfileID, w.PartnerID = sc.alertColumns()
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
		return tx.audit(ctx, actor, AuditEntry{Action: AuditWebhookCreated, Scope: sc.auditID(), Target: textOf(url)})
	})
	return w, err
}

// DeleteAlertWebhook deletes a webhook of the scope and its pending deliveries.
func (s *Store) DeleteAlertWebhook(ctx context.Context, actor User, sc AlertScope, id int64) error {
	return s.Tx(ctx, func(tx *Store) error {
		where, args := sc.alertWhere()
		var w AlertWebhook
		if err := tx.conn(ctx).Where("id = ?", id).Where(where, args...).Take(&w).Error; err != nil {
			return wrap("alert webhook", err)
		}
		if err := tx.conn(ctx).Delete(&AlertWebhook{}, id).Error; err != nil {
			return wrap("delete alert webhook", err)
		}
		return tx.audit(ctx, actor, AuditEntry{Action: AuditWebhookDeleted, Scope: sc.auditID(), Target: textOf(w.URL)})
	})
}

// WebhooksOfRule lists the webhooks a rule's messages go to: the rule's own and those of its
// scope.
func (s *Store) WebhooksOfRule(ctx context.Context, r AlertRule) ([]AlertWebhook, error) {
	q := s.conn(ctx).Where("rule_id = ? OR rule_id IS NULL", r.ID)
	switch {
	case r.PartnerID != nil:
		q = q.Where("partner_id = ?", *r.PartnerID)
	case r.BillingProfileID != nil:
		q = q.Where("billing_account_id = ? AND billing_profile_id = ?", *r.BillingAccountID, *r.BillingProfileID)
	default:
		q = q.Where("billing_account_id = ? AND billing_profile_id IS NULL", *r.BillingAccountID)
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
