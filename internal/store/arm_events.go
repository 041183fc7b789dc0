package store

import (
	"context"
	"encoding/json"
	"fmt"

	"gorm.io/gorm"
)

// APIEventQuery is one page of settled events of the Consumption events API, keyset-paged on
// (profile, date, seq), the order of the ledger_events_date index: a page is a walk of that index
// from the cursor (or from the first day asked for), whatever the length of the profile's history.
type APIEventQuery struct {
	ProfileIDs   []int64
	From, To     string   // inclusive YYYY-MM-DD bounds, "" for open
	LotName      string   // lower-case; "" for all
	LotSource    string   // "" for all
	Kinds        []string // ledger event kinds; nil for all
	AfterProfile int64    // the cursor: the last row of the previous page (0 for the first page)
	AfterDate    string
	AfterSeq     int64
	Limit        int
}

// APIEventRow is a settled event with the source of its lot ("" for charges).
type APIEventRow struct {
	EventRow
	LotSource string
}

// APIEvents returns a page of settled events in (profile, date, seq) order and whether more
// follow; the sources of the page's lots come from a second, small query.
func (s *Store) APIEvents(ctx context.Context, q APIEventQuery) ([]APIEventRow, bool, error) {
	var events []EventRow
	if err := apiEventsWhere(s.conn(ctx), q).Limit(q.Limit + 1).Find(&events).Error; err != nil {
		return nil, false, wrap("api events", err)
	}
	more := len(events) > q.Limit
	if more {
		events = events[:q.Limit]
	}
	var names []string
	for _, e := range events {
		if e.LotName != "" {
			names = append(names, e.LotName)
		}
	}
	sources, err := s.LotSources(ctx, q.ProfileIDs, names)
	if err != nil {
		return nil, false, err
	}
	rows := make([]APIEventRow, len(events))
	for i, e := range events {
		rows[i] = APIEventRow{EventRow: e, LotSource: sources[e.BillingProfileID][e.LotName]}
	}
	return rows, more, nil
}

// apiEventsWhere is the query of a page of APIEvents, ordered. For one profile (E1, the usual
// call) the keyset is a row comparison on (date, seq) under the profile's equality, which both
// databases turn into the start of a range scan of ledger_events_date; the first page starts at
// the first day asked for. For several profiles (E2) it compares (profile, date, seq).
func apiEventsWhere(db *gorm.DB, q APIEventQuery) *gorm.DB {
	first := q.AfterProfile == 0
	if len(q.ProfileIDs) == 1 {
		id := q.ProfileIDs[0]
		db = db.Where("billing_profile_id = ?", id)
		switch {
		case first || q.AfterProfile < id:
			first = true
		case q.AfterProfile == id:
			db = db.Where("(date, seq) > (?, ?)", q.AfterDate, q.AfterSeq)
		default:
			db = db.Where("1 = 0") // the cursor is past this profile
		}
	} else {
		db = db.Where("billing_profile_id IN ?", q.ProfileIDs)
		if !first {
			db = db.Where("(billing_profile_id, date, seq) > (?, ?, ?)", q.AfterProfile, q.AfterDate, q.AfterSeq)
		}
	}
	conds := []struct{ cond, v string }{{"date <= ?", q.To}, {"lower(lot_name) = ?", q.LotName},
		{"EXISTS (SELECT 1 FROM lots AS l WHERE l.billing_profile_id = ledger_events.billing_profile_id AND l.name = ledger_events.lot_name AND l.source = ?)", q.LotSource}}
	if first || len(q.ProfileIDs) > 1 {
		conds = append(conds, struct{ cond, v string }{"date >= ?", q.From})
	}
	for _, c := range conds {
		if c.v != "" {
			db = db.Where(c.cond, c.v)
		}
	}
	switch {
	case q.Kinds != nil && len(q.Kinds) == 0:
		db = db.Where("1 = 0")
	case q.Kinds != nil:
		db = db.Where("kind IN ?", q.Kinds)
	}
	return db.Order("billing_profile_id, date, seq")
}

// PlanOfAPIEvents returns PostgreSQL's plan of the query APIEvents runs for q, as EXPLAIN's
// JSON: the store suite checks that a page walks the (profile, date, seq) index without sorting
// the profile's history. It is an error on SQLite.
func (s *Store) PlanOfAPIEvents(ctx context.Context, q APIEventQuery) (json.RawMessage, error) {
	if s.dialect != Postgres {
		return nil, fmt.Errorf("store: plan of api events: only on PostgreSQL")
	}
	stmt := apiEventsWhere(s.conn(ctx).Session(&gorm.Session{DryRun: true}), q).Limit(q.Limit + 1).Find(&[]EventRow{}).Statement
	var plan string
	err := s.conn(ctx).Raw("EXPLAIN (FORMAT JSON) "+stmt.SQL.String(), stmt.Vars...).Row().Scan(&plan)
	return json.RawMessage(plan), wrap("plan of api events", err)
}

// Analyze refreshes the planner's statistics, as after a bulk load (creditdesk seed): until the
// autovacuum daemon catches up, PostgreSQL would plan the new rows as an empty table. There it
// also compacts the two tables a seed's processing run churns (it rewrites every lot once a
// month and settles the pending days of the whole history, leaving a few live rows among many
// dead ones that the first reads would scan, for good where autovacuum is off) and vacuums the
// rest.
func (s *Store) Analyze(ctx context.Context) error {
	stmts := []string{"ANALYZE"}
	if s.dialect == Postgres {
		stmts = []string{"VACUUM FULL lots, pending_days", "VACUUM ANALYZE"}
	}
	for _, stmt := range stmts {
		if err := s.conn(ctx).Exec(stmt).Error; err != nil {
			return wrap("analyze", err)
		}
	}
	return nil
}
