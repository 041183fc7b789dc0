package benefits

import (
	"testing"
	"time"
)

// TestAllowed: the pane's buttons follow the same rules as the decisions (P4, P5, P6, P8).
func TestAllowed(t *testing.T) {
	now := day("2026-06-01")
	m := benefit("m", AzureMonthlyCredit)
	b := benefit("b", AzureBulkCredit)
	tests := []struct {
		name    string
		b       Benefit
		history []Event
		now     time.Time
		want    Actions
	}{
		{"P4 monthly not redeemed", m, nil, now, Actions{Assign: true}},
		{"P6 monthly assigned", assigned(m, raj), counted(0), now, Actions{Reassign: true, Remove: true, Redeem: true}},
		{"P6 monthly redeemed", redeemed(m, raj, now), counted(0), now, Actions{Reassign: true, Remove: true}},
		{"P6 monthly at the limit", assigned(m, raj), counted(5), now, Actions{Remove: true, RemoveLeavesOnly: raj, Redeem: true}},
		{"P6 monthly removed at the limit", m, counted(5), now, Actions{Assign: true, AssignOnly: "u5@fabrikam.example"}},
		{"P6 bulk assigned", assigned(b, raj), counted(0), now, Actions{Redeem: true}},
		{"P6 bulk redeemed", redeemed(b, raj, now), counted(0), now, Actions{}},
		{"P6 bulk held earlier", b, counted(0), now, Actions{}},
		{"P8 pending", m, nil, day("2026-02-04"), Actions{}},
		{"P3 expired", assigned(m, raj), nil, day("2027-02-05"), Actions{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Allowed(tt.b, tt.history, tt.now); got != tt.want {
				t.Errorf("Allowed = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestEventAction: how a history event reads (P12).
func TestEventAction(t *testing.T) {
	tests := []struct {
		e    Event
		want Action
	}{
		{Event{To: raj}, ActionAssign},
		{Event{From: raj}, ActionRemove},
		{Event{From: raj, To: "ana@fabrikam.example"}, ActionReassign},
	}
	for _, tt := range tests {
		if got := tt.e.Action(); got != tt.want {
			t.Errorf("%+v.Action() = %s, want %s", tt.e, got, tt.want)
		}
	}
}
