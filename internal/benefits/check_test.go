package benefits

import (
	"strings"
	"testing"
	"time"
)

// TestCheckExplainsAllowed: Check refuses exactly when Allowed says no, with the rule of the
// state (P3, P4, P6, P8, P11).
func TestCheckExplainsAllowed(t *testing.T) {
	monthly := benefit("b-001", AzureMonthlyCredit)
	bulk := benefit("b-002", AzureBulkCredit)
	tests := []struct {
		name     string
		b        Benefit
		history  []Event
		action   Action
		now      time.Time
		wantRule string
	}{
		{"P4 assign a not redeemed benefit", monthly, nil, ActionAssign, day("2026-03-01"), ""},
		{"P8 pending provisioning", monthly, nil, ActionAssign, day("2026-02-04"), "P8"},
		{"P3 past the end date", monthly, nil, ActionAssign, day("2027-02-05"), "P3"},
		{"P4 already assigned", assigned(monthly, raj), nil, ActionAssign, day("2026-03-01"), "P4"},
		{"P6 bulk cannot be reassigned", assigned(bulk, raj), nil, ActionReassign, day("2026-03-01"), "P6"},
		{"P6 sixth reassignment", assigned(monthly, raj), counted(5), ActionReassign, day("2026-03-01"), "P6"},
		{"P6 fifth reassignment", assigned(monthly, raj), counted(4), ActionReassign, day("2026-03-01"), ""},
		{"P11 13 months after activation", redeemed(monthly, raj, day("2026-02-06")), nil, ActionRemove, day("2027-03-06"), "P11"},
		{"P5 redeem by the holder", assigned(monthly, raj), nil, ActionRedeem, day("2026-03-01"), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := Check(tt.b, tt.history, tt.action, tt.now)
			field := FieldBenefit
			if tt.name == "P6 sixth reassignment" {
				field = FieldUser
			}
			checkRule(t, err, tt.wantRule, field)
			a := Allowed(tt.b, tt.history, tt.now)
			allowed := map[Action]bool{ActionAssign: a.Assign, ActionReassign: a.Reassign, ActionRemove: a.Remove, ActionRedeem: a.Redeem}
			if allowed[tt.action] != (err == nil) {
				t.Errorf("Allowed says %v, Check says %v", allowed[tt.action], err)
			}
		})
	}
}

// TestAllowedAtTheLimit: at 5 of 5 reassignments a monthly credit is never stranded without
// saying so (P6, P12): Remove stays possible and names the holder as the only user who could
// come back; after it, Assign is offered for that most recent holder alone, and the decision
// agrees, accepting them for free and refusing anybody else with a sentence naming them.
func TestAllowedAtTheLimit(t *testing.T) {
	now := day("2026-03-01")
	m := benefit("b-001", AzureMonthlyCredit)
	last := counted(5)[5].To // u5, the holder after the fifth reassignment
	removed := append(counted(5), Event{At: day("2026-02-20"), Actor: admin, From: last})
	tests := []struct {
		name        string
		b           Benefit
		history     []Event
		want        Actions
		assign      string // a user to assign through the decision, "" to skip
		wantRule    string
		wantMessage string
	}{
		{"P6 4 of 5 held: anybody later", assigned(m, counted(4)[4].To), counted(4),
			Actions{Reassign: true, Remove: true, Redeem: true}, "", "", ""},
		{"P6 5 of 5 held: removal warns", assigned(m, last), counted(5),
			Actions{Remove: true, RemoveLeavesOnly: last, Redeem: true}, "", "", ""},
		{"P6 5 of 5 removed: only the last holder", m, removed,
			Actions{Assign: true, AssignOnly: last}, last, "", ""},
		{"P6 5 of 5 removed: anybody else refused", m, removed,
			Actions{Assign: true, AssignOnly: last}, raj, "P6", KeyOnlyLastHolder + "(5, " + last + ")"},
		{"P12 4 of 5 removed: any user", m, append(counted(4), Event{At: day("2026-02-20"), Actor: admin, From: counted(4)[4].To}),
			Actions{Assign: true}, raj, "", ""},
		{"P6 bulk: no limit to speak of", benefit("b-2", AzureBulkCredit), nil, Actions{Assign: true}, "", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Allowed(tt.b, tt.history, now); got != tt.want {
				t.Errorf("Allowed = %+v, want %+v", got, tt.want)
			}
			if tt.assign == "" {
				return
			}
			_, err := Assign(Policy{}, AssignRequest{Benefit: tt.b, History: tt.history, User: tt.assign, Domains: fabrikam, Actor: admin, Now: now})
			checkRule(t, err, tt.wantRule, FieldUser)
			if err != nil && !strings.Contains(err.Error(), tt.wantMessage) {
				t.Errorf("message %q, want it to contain %q", err, tt.wantMessage)
			}
		})
	}
}
