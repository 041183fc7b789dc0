package store

import "fmt"

// AlertScope is where alert rules and webhooks live (issue 12): a billing scope (Scope) or a
// partner organisation (Partner). Its methods place a row in it and select its rows.
type AlertScope interface {
	// alertWhere limits a query of alert_rules or alert_webhooks to the rows of exactly the scope.
	alertWhere() (string, []any)
	// alertColumns are the scope columns of a new row: billing account, profile, partner.
	alertColumns() (account, profile, partner *int64)
	// auditID names the scope in the audit log.
	auditID() string
}

func (sc Scope) alertWhere() (string, []any) {
	if sc.Profile != nil {
		return "billing_account_id = ? AND billing_profile_id = ?", []any{sc.Account.ID, sc.Profile.ID}
	}
	return "billing_account_id = ? AND billing_profile_id IS NULL", []any{sc.Account.ID}
}

func (sc Scope) alertColumns() (account, profile, partner *int64) {
	id := sc.Account.ID
	if sc.Profile != nil {
		p := sc.Profile.ID
		return &id, &p, nil
	}
	return &id, nil, nil
}

func (sc Scope) auditID() string { return sc.ID() }

func (p Partner) alertWhere() (string, []any) { return "partner_id = ?", []any{p.ID} }

func (p Partner) alertColumns() (account, profile, partner *int64) {
	id := p.ID
	return nil, nil, &id
}

func (p Partner) auditID() string { return p.ScopeID() }

// WebhookSecretContext is the context a webhook's secret is sealed under, so that a sealed
// secret copied to another row does not open there: the webhook's billing account (or partner
// organisation) and URL.
func WebhookSecretContext(sc AlertScope, url string) string {
	account, _, partner := sc.alertColumns()
	if partner != nil {
		return fmt.Sprintf("alert-webhook:partner:%d:%s", *partner, url)
	}
	return fmt.Sprintf("alert-webhook:%d:%s", *account, url)
}
