package benefits

import (
	"errors"
	"fmt"
	"testing"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// TestRuleErrorMatching: a refusal by a rule is a conflict, malformed input (X2) is invalid.
func TestRuleErrorMatching(t *testing.T) {
	rule := refuse("P6", FieldUser, KeyLimitReached, MaxReassignments)
	input := refuse(RuleInput, FieldEmail, KeyEmailRequired)
	tests := []struct {
		name         string
		err          error
		wantConflict bool
		wantInput    bool
	}{
		{"rule error", rule, true, false},
		{"input error", input, false, true},
		{"wrapped rule error", fmt.Errorf("store: assign: %w", rule), true, false},
		{"joined input error", errors.Join(input, rule), true, true},
		{"other error", errors.New("disk full"), false, false},
		{"caller bug", errBadCall("no actor"), false, false},
		{"nil", nil, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := errors.Is(tt.err, fault.ErrConflict); got != tt.wantConflict {
				t.Errorf("Is(fault.ErrConflict) = %v, want %v", got, tt.wantConflict)
			}
			if got := errors.Is(tt.err, fault.ErrInvalid); got != tt.wantInput {
				t.Errorf("Is(fault.ErrInvalid) = %v, want %v", got, tt.wantInput)
			}
		})
	}
}

// TestRuleErrorMessage: a refusal reads in logs as its rule, field, key and values; the views
// word it for people.
func TestRuleErrorMessage(t *testing.T) {
	err := refuse("P6", FieldUser, KeyOnlyLastHolder, MaxReassignments, fault.Email("raj@fabrikam.example"))
	if got, want := err.Error(), "benefits: P6 user: benefits.only_last_holder(5, raj@fabrikam.example)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestRuleErrors(t *testing.T) {
	a := refuse(RuleInput, FieldName, KeyNameRequired)
	b := refuse("P10", FieldEmail, KeyFreeMail, "gmail.com")
	tests := []struct {
		name string
		err  error
		want []*RuleError
	}{
		{"nil", nil, nil},
		{"single", a, []*RuleError{a}},
		{"joined", errors.Join(a, b), []*RuleError{a, b}},
		{"wrapped join", fmt.Errorf("form: %w", errors.Join(a, errors.New("other"), b)), []*RuleError{a, b}},
		{"not a rule error", errors.New("other"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := RuleErrors(tt.err)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d errors %v, want %d", len(got), got, len(tt.want))
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("[%d] = %v, want %v", i, got[i], tt.want[i])
				}
			}
		})
	}
}
