package store

import "context"

// RecordAudit appends an entry to the audit log (X1). Call it inside the transaction of the
// change it records, so that the change and its record are stored together or not at all.
func (s *Store) RecordAudit(ctx context.Context, actor User, action, scope, target, before, after string) error {
	e := AuditEvent{At: s.now().UTC(), ActorEmail: actor.Email, Action: action, Scope: scope,
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
	q := s.conn(ctx).Where("scope = ? OR scope LIKE ?", scope, scope+"/billingProfiles/%")
	if before > 0 {
		q = q.Where("id < ?", before)
	}
	var events []AuditEvent
	err := q.Order("id DESC").Limit(limit).Find(&events).Error
	return events, wrap("audit of scope", err)
}
