package benefits

import (
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
