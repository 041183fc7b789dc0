package store_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
	bigseed "github.com/creditdesk/creditdesk/internal/seed"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// planNode is a node of PostgreSQL's EXPLAIN (FORMAT JSON) output.
type planNode struct {
	NodeType  string     `json:"Node Type"`
	Relation  string     `json:"Relation Name"`
	IndexName string     `json:"Index Name"`
	Plans     []planNode `json:"Plans"`
}

// walk calls fn on the node and every node below it.
func (n planNode) walk(fn func(planNode)) {
	fn(n)
	for _, c := range n.Plans {
		c.walk(fn)
	}
}

// TestAPIEventsPlanWalksTheDateIndex: a page of the events API (E1) with a date filter reads the
// profile's events from the (profile, date, seq) index in order and stops at the page's end: no
// Sort node, no sequential scan, whether the range covers the whole history, its last month or a
// cursor deep inside it (issue 10). A range that holds fewer events than a page (its last
// month) may be read through a bitmap of the same index bounded by its dates and those few events
// sorted: the planner's right choice, which still never sorts the whole history. (An eventType that selects a rare kind, such as NewCredit, is
// read from the (profile, kind, seq) index and only those few events sorted: the planner's right
// choice.) The data is a real seeded ledger of six profiles of about
// 1,100 events each, analyzed, so the planner's choice comes from statistics, not an empty table.
func TestAPIEventsPlanWalksTheDateIndex(t *testing.T) {
	t.Parallel()
	if !contains(storetest.Dialects(t), store.Postgres) {
		t.Skip("EXPLAIN is checked on PostgreSQL (CREDITDESK_TEST_POSTGRES)")
	}
	ctx := context.Background()
	p := bigseed.Plan{Profiles: 6, LotsPerProfile: 10, Months: 24, AdjustPerMonth: 45, Today: ledger.MustDate("2026-11-20"),
		Owner: "owner@seed.example"}
	s := storetest.Open(t, store.Postgres, p.Clocks())
	if err := s.CreateUser(ctx, tester, &store.User{Email: p.Owner, Name: "Owner"}); err != nil {
		t.Fatal(err)
	}
	if _, err := bigseed.Run(ctx, s, p, nil); err != nil {
		t.Fatal(err)
	}
	if err := s.Analyze(ctx); err != nil {
		t.Fatal(err)
	}
	owner, _ := s.UserByEmail(ctx, p.Owner)
	scopes, err := s.ScopesOfUser(ctx, owner.ID, "")
	if err != nil || len(scopes) != 1 || len(scopes[0].Profiles) != 6 {
		t.Fatalf("seeded scopes: %+v, %v", scopes, err)
	}
	prof := scopes[0].Profiles[3]
	middle, _, err := s.APIEvents(ctx, store.EventQuery{ProfileIDs: []int64{prof.ID}, From: ledger.MustDate("2025-06-01"), Limit: 1})
	if err != nil || len(middle) != 1 {
		t.Fatalf("an event of June 2025: %+v, %v", middle, err)
	}
	deep := middle[0]
	tests := []struct {
		name  string
		q     store.EventQuery
		small bool // the range holds fewer events than a page
	}{
		{"whole history", store.EventQuery{From: ledger.MustDate("2024-01-01"), To: ledger.MustDate("2026-12-31")}, false},
		{"last month", store.EventQuery{From: ledger.MustDate("2026-10-01"), To: ledger.MustDate("2026-10-31")}, true},
		{"a cursor deep in the history", store.EventQuery{From: ledger.MustDate("2024-01-01"), To: ledger.MustDate("2026-12-31"),
			After: store.EventCursor{Profile: prof.ID, Date: deep.Date, Seq: deep.Seq}}, false},
		{"eventType SettledCharges: charges and adjustments, most of the history", store.EventQuery{From: ledger.MustDate("2024-01-01"),
			To: ledger.MustDate("2026-12-31"), Kinds: []ledger.EventKind{ledger.EventSettledCharges, ledger.EventAdjustment}}, false},
	}
	for _, tt := range tests {
		q := tt.q
		q.ProfileIDs, q.Limit = []int64{prof.ID}, 100
		raw, err := s.PlanOfAPIEvents(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		var plans []struct{ Plan planNode }
		if err := json.Unmarshal(raw, &plans); err != nil || len(plans) != 1 {
			t.Fatalf("%s: plan %s: %v", tt.name, raw, err)
		}
		usesIndex := false
		plans[0].Plan.walk(func(n planNode) {
			if strings.Contains(n.NodeType, "Sort") && !tt.small {
				t.Errorf("%s: the plan sorts (%s):\n%s", tt.name, n.NodeType, raw)
			}
			if n.Relation == "ledger_events" && n.NodeType == "Seq Scan" {
				t.Errorf("%s: the plan scans the whole ledger_events table:\n%s", tt.name, raw)
			}
			walks := n.NodeType == "Index Scan" || tt.small && n.NodeType == "Bitmap Index Scan"
			usesIndex = usesIndex || (walks && n.IndexName == "ledger_events_date")
		})
		if !usesIndex {
			t.Errorf("%s: the plan does not walk ledger_events_date:\n%s", tt.name, raw)
		}
	}
}

func contains[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
