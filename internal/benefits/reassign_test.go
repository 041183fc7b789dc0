package benefits

import (
	"fmt"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// TestReassignmentScript walks one monthly credit through the definition of a reassignment
// (P6, P12): the initial assignment is free; a swap counts; a removal is free; putting back
// the user just removed is free; a different user after a removal counts; the 5th is allowed
// and the 6th refused by either path; removal stays possible.
func TestReassignmentScript(t *testing.T) {
	steps := []struct {
		op       Action
		user     string
		wantRule string
		wantUsed int
	}{
		{ActionAssign, "a", "", 0},
		{ActionReassign, "b", "", 1},
		{ActionRemove, "", "", 1},
		{ActionAssign, "b", "", 1},
		{ActionRemove, "", "", 1},
		{ActionAssign, "c", "", 2},
		{ActionReassign, "d", "", 3},
		{ActionReassign, "e", "", 4},
		{ActionReassign, "f", "", 5},
		{ActionReassign, "g", "P6", 5},
		{ActionRemove, "", "", 5},
		{ActionAssign, "g", "P6", 5},
		{ActionAssign, "f", "", 5},
	}
	b := benefit("b-001", AzureMonthlyCredit)
	var history []Event
	now := day("2026-03-01")
	for i, s := range steps {
		t.Run(fmt.Sprintf("%02d %s %s", i+1, s.op, s.user), func(t *testing.T) {
			now = now.Add(time.Hour)
			user := s.user + "@fabrikam.example"
			var ch Change
			var err error
			switch s.op {
			case ActionAssign:
				ch, err = Assign(Policy{}, AssignRequest{Benefit: b, History: history, User: user, Domains: fabrikam, Actor: admin, Now: now})
			case ActionReassign:
				ch, err = Reassign(Policy{}, AssignRequest{Benefit: b, History: history, User: user, Domains: fabrikam, Actor: admin, Now: now})
			case ActionRemove:
				ch, err = Remove(RemoveRequest{Benefit: b, History: history, Actor: admin, Now: now})
			}
			checkRule(t, err, s.wantRule, FieldUser)
			if err == nil {
				b, history = ch.After, append(history, *ch.Event)
			}
			got := Reassignments(b.Kind, history)
			if got.Used != s.wantUsed || got.String() != fmt.Sprintf("%d of 5 used", s.wantUsed) {
				t.Errorf("usage = %q, want %d of 5 used", got, s.wantUsed)
			}
		})
	}
}

// TestReassignmentLimit: the boundary of P6, by both paths, with four and five used.
func TestReassignmentLimit(t *testing.T) {
	now := day("2026-03-01")
	m := benefit("b-001", AzureMonthlyCredit)
	tests := []struct {
		name     string
		op       Action
		used     int
		user     string
		wantRule string
	}{
		{"P6 5th direct reassignment allowed", ActionReassign, 4, raj, ""},
		{"P6 6th direct reassignment refused", ActionReassign, 5, raj, "P6"},
		{"P6 5th after removal allowed", ActionAssign, 4, raj, ""},
		{"P6 6th after removal refused", ActionAssign, 5, raj, "P6"},
		{"P6 last holder put back at the limit", ActionAssign, 5, "u5@fabrikam.example", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := counted(tt.used)
			b := assigned(m, h[len(h)-1].To)
			fn := Reassign
			if tt.op == ActionAssign {
				b.AssignedTo = "" // removed: the removal event does not change the count
				h = append(h, Event{At: now, Actor: admin, From: h[len(h)-1].To})
				fn = Assign
			}
			ch, err := fn(Policy{}, AssignRequest{Benefit: b, History: h, User: tt.user, Domains: fabrikam, Actor: admin, Now: now})
			checkRule(t, err, tt.wantRule, FieldUser)
			if err == nil && ch.Event.Reassignment != (tt.user == raj) {
				t.Errorf("event.Reassignment = %v", ch.Event.Reassignment)
			}
			if err == nil && tt.user == raj && !says(ch.Summary, "", 5, MaxReassignments) {
				t.Errorf("summary %q does not show the count", ch.Summary)
			}
		})
	}
}

// TestReassignRules covers the remaining P6 refusals and what a reassignment does to a
// redeemed credit (P5: the new holder redeems anew; P11: the 13 months keep running).
func TestReassignRules(t *testing.T) {
	now := day("2026-06-01")
	act := at("2026-03-10T09:00:00Z")
	m := benefit("b-001", AzureMonthlyCredit)
	tests := []struct {
		name      string
		b         Benefit
		user      string
		wantRule  string
		wantField string
	}{
		{"P6 monthly assigned", assigned(m, raj), "ana@fabrikam.example", "", ""},
		{"P6 monthly redeemed", redeemed(m, raj, act), "ana@fabrikam.example", "", ""},
		{"P6 same user", assigned(m, raj), "RAJ@fabrikam.example", "P6", FieldUser},
		{"P6 nobody to replace", m, "ana@fabrikam.example", "P6", FieldBenefit},
		{"P6 bulk", assigned(benefit("b-2", AzureBulkCredit), raj), "ana@fabrikam.example", "P6", FieldBenefit},
		{"P6 P7 Copilot for Security", assigned(benefit("b-3", CopilotForSecurity), raj), "ana@fabrikam.example", "P6", FieldBenefit},
		{"P10 new user free mail", assigned(m, raj), "ana@outlook.com", "P10", FieldUser},
		{"P11 expired", redeemed(m, raj, act), "ana@fabrikam.example", "P11", FieldBenefit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := now
			if tt.wantRule == "P11" {
				n = at("2027-04-10T09:00:00Z")
			}
			h := []Event{{At: day("2026-02-10"), Actor: admin, To: tt.b.AssignedTo}}
			ch, err := Reassign(Policy{}, AssignRequest{Benefit: tt.b, History: h, User: tt.user, Domains: fabrikam, Actor: admin, Now: n})
			checkRule(t, err, tt.wantRule, tt.wantField)
			if err != nil {
				return
			}
			a := ch.After
			if a.AssignedTo != tt.user || !a.RedeemedAt.IsZero() || a.SubscriptionID != "" || !a.ActivatedAt.Equal(tt.b.ActivatedAt) {
				t.Errorf("after = %+v: want new holder, not redeemed, activation kept", a)
			}
			if e := *ch.Event; e.From != raj || e.To != tt.user || !e.Reassignment || e.Action() != ActionReassign {
				t.Errorf("event = %+v", e)
			}
			if tt.b.SubscriptionID != "" && !says(ch.Summary, KeyDidReassignRedeemed, fault.ID(tt.b.SubscriptionID)) {
				t.Errorf("summary %q does not name the old subscription", ch.Summary)
			}
		})
	}
}

// TestRemove: P6, a monthly credit's holder can be removed at any time, without using a
// reassignment; yearly benefits refuse it.
func TestRemove(t *testing.T) {
	now := day("2026-06-01")
	m := benefit("b-001", AzureMonthlyCredit)
	tests := []struct {
		name      string
		b         Benefit
		now       time.Time
		wantRule  string
		wantField string
	}{
		{"P6 monthly assigned", assigned(m, raj), now, "", ""},
		{"P6 monthly redeemed", redeemed(m, raj, day("2026-03-01")), now, "", ""},
		{"P6 nobody assigned", m, now, "P6", FieldBenefit},
		{"P6 bulk", assigned(benefit("b-2", AzureBulkCredit), raj), now, "P6", FieldBenefit},
		{"P6 P7 GitHub Enterprise Metered", assigned(benefit("b-5", GitHubEnterpriseMetered), raj), now, "P6", FieldBenefit},
		{"P3 expired", assigned(m, raj), day("2027-02-05"), "P3", FieldBenefit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := counted(2)
			ch, err := Remove(RemoveRequest{Benefit: tt.b, History: h, Actor: admin, Now: tt.now})
			checkRule(t, err, tt.wantRule, tt.wantField)
			if err != nil {
				return
			}
			if a := ch.After; a.AssignedTo != "" || !a.RedeemedAt.IsZero() || a.SubscriptionID != "" ||
				!a.ActivatedAt.Equal(tt.b.ActivatedAt) || StatusOf(a, now) != StatusNotRedeemed {
				t.Errorf("after = %+v", a)
			}
			want := Event{At: now, Actor: admin, From: raj}
			if *ch.Event != want || ch.Event.Action() != ActionRemove {
				t.Errorf("event = %+v, want %+v", *ch.Event, want)
			}
			if !says(ch.Summary, "", 2, MaxReassignments) {
				t.Errorf("summary %q", ch.Summary)
			}
		})
	}
}

func TestReassignmentUsage(t *testing.T) {
	tests := []struct {
		kind          Kind
		history       []Event
		want          string
		wantRemaining int
	}{
		{AzureMonthlyCredit, nil, "0 of 5 used", 5},
		{AzureMonthlyCredit, counted(2), "2 of 5 used", 3},
		{AzureMonthlyCredit, counted(5), "5 of 5 used", 0},
		{AzureBulkCredit, counted(0), "not supported", 0},
		{GitHubCopilotEnterprise, nil, "not supported", 0},
	}
	for _, tt := range tests {
		u := Reassignments(tt.kind, tt.history)
		if u.String() != tt.want || u.Remaining() != tt.wantRemaining || u.Supported() != tt.kind.Monthly() {
			t.Errorf("%s: %q remaining %d, want %q remaining %d", tt.kind, u, u.Remaining(), tt.want, tt.wantRemaining)
		}
	}
}
