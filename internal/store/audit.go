package store

import (
	"context"
	"strings"
)

// RecordAudit appends an entry to the audit log (X1). Call it inside the transaction of the
// change it records, so that the change and its record are stored together or not at all.
func (s *Store) RecordAudit(ctx context.Context, actor User, action, scope, target, before, after string) error {
	e := AuditEvent{At: s.now().UTC(), ActorEmail: actor.Email, Action: action, Scope: scope, AccountScope: accountScope(scope),
		Target: target, Before: before, After: after}
	if actor.ID != 0 {
		e.ActorID = &actor.ID
	}
	return wrap("record audit", s.conn(ctx).Create(&e).Error)
}

// AuditOf lists the newest audit entries of a scope (and of the profiles under it when scope is a
// billing account), newest first, at most limit, before the entry id before (0 for the newest):
// keyset paging in the database.
func (s *Store) AuditOf(ctx context.Context, scope string, before int64, limit int) ([]AuditEvent, error) {
	q := s.conn(ctx).Where("scope = ?", scope)
	if accountScope(scope) == scope {
		q = s.conn(ctx).Where("account_scope = ?", scope)
	}
	if before > 0 {
		q = q.Where("id < ?", before)
	}
	var events []AuditEvent
	err := q.Order("id DESC").Limit(limit).Find(&events).Error
	return events, wrap("audit of scope", err)
}

// accountScope is the top scope of an audit scope: the billing account of a profile's id, the
// scope itself otherwise.
func accountScope(scope string) string {
	account, _, _ := strings.Cut(scope, "/billingProfiles/")
	return account
}
