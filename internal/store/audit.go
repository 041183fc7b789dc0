package store

import (
	"context"
	"strings"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// AuditEntry is one change for the audit log (X1), as data: what was done (Action), on which
// scope ("" for the installation), to what (Target), and the state before and after it. The
// messages carry typed values (emails, dates, amounts, roles), which the audit page words and
// formats for its reader.
type AuditEntry struct {
	Action AuditAction
	Scope  string
	Target fault.Message
	Before fault.Message
	After  fault.Message
}

// audit appends an entry to the audit log (X1). The store's write methods call it inside the
// transaction of the change it records, so that the change and its record are stored together
// or not at all.
func (s *Store) audit(ctx context.Context, actor User, e AuditEntry) error {
	detail, err := e.Detail()
	if err != nil {
		return err
	}
	row := AuditEvent{At: s.now().UTC(), ActorEmail: actor.Email, Action: string(e.Action), Scope: e.Scope,
		AccountScope: accountScope(e.Scope), Target: plainTarget(e.Target), Detail: detail}
	if actor.ID != 0 {
		row.ActorID = &actor.ID
	}
	return wrap("record audit", s.conn(ctx).Create(&row).Error)
}

// plainTarget is the target's first value as text, kept in its own column for queries and
// tools that read the table.
func plainTarget(m fault.Message) string {
	if len(m.Args) == 0 {
		return m.Key
	}
	return argString(m.Args[0])
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
