package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"gorm.io/gorm"
)

// APIEventRow is a settled event with the source of its lot ("" for charges).
type APIEventRow struct {
	EventRow
	LotSource string
}

// APIEvents is EventsPage with each event's lot source, as the API shows it; the sources of the
// page's lots come from a second, small query.
func (s *Store) APIEvents(ctx context.Context, q EventQuery) ([]APIEventRow, bool, error) {
	events, more, err := s.EventsPage(ctx, q)
	if err != nil {
		return nil, false, err
	}
	var names []string // each lot once: a page names a few lots many times
	for _, e := range events {
		if e.LotName != "" && !slices.Contains(names, e.LotName) {
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

// PlanOfAPIEvents returns PostgreSQL's plan of the query APIEvents runs for q, as EXPLAIN's
// JSON: the store suite checks that a page walks the (profile, date, seq) index without sorting
// the profile's history. It is an error on SQLite.
func (s *Store) PlanOfAPIEvents(ctx context.Context, q EventQuery) (json.RawMessage, error) {
	if s.dialect != Postgres {
		return nil, fmt.Errorf("store: plan of api events: only on PostgreSQL")
	}
	stmt := eventsPageQuery(s.conn(ctx).Session(&gorm.Session{DryRun: true}), q).Find(&[]EventRow{}).Statement
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
