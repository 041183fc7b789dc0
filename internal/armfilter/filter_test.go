package armfilter

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// TestParse covers the documented subset (contract §2): the spec's own examples, case-insensitive
// keywords, quoting, and unquoted literals.
func TestParse(t *testing.T) {
	tests := []struct {
		in   string
		want []Cond
	}{
		{"", nil},
		{"   ", nil},
		{"status eq 'active' AND source eq 'consumptioncommitment'",
			[]Cond{{"status", Eq, "active"}, {"source", Eq, "consumptioncommitment"}}},
		{"lotid eq 'G202001083926600XXXXX' AND lotsource eq 'consumptioncommitment'",
			[]Cond{{"lotid", Eq, "G202001083926600XXXXX"}, {"lotsource", Eq, "consumptioncommitment"}}},
		{"lotsource eq 'ConsumptionCommitment'", []Cond{{"lotsource", Eq, "ConsumptionCommitment"}}},
		{"LotSource EQ 'PromotionalCredit' and Status Eq 'Active'",
			[]Cond{{"lotsource", Eq, "PromotionalCredit"}, {"status", Eq, "Active"}}},
		{"transactionDate ge '2026-01-01' and transactionDate lt 2026-07-01T00:00:00Z",
			[]Cond{{"transactiondate", Ge, "2026-01-01"}, {"transactiondate", Lt, "2026-07-01T00:00:00Z"}}},
		{"expirationDate le 2026-12-31 and startDate gt 2026-01-01",
			[]Cond{{"expirationdate", Le, "2026-12-31"}, {"startdate", Gt, "2026-01-01"}}},
		{"description eq 'it''s'", []Cond{{"description", Eq, "it's"}}},
		{"description eq ''", []Cond{{"description", Eq, ""}}},
		{"properties/status eq 'Active'", []Cond{{"properties/status", Eq, "Active"}}},
		{"\tstatus\neq 'a b'  ", []Cond{{"status", Eq, "a b"}}},
	}
	for _, tt := range tests {
		got, err := Parse(tt.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Parse(%q) = %#v, want %#v", tt.in, got, tt.want)
		}
	}
}

// TestParseErrors: everything outside the subset is refused with a message saying what and where.
func TestParseErrors(t *testing.T) {
	tests := []struct {
		in, msg string
		pos     int
	}{
		{"status", "expected an operator", 6},
		{"status eq", "expected a value", 9},
		{"status eq 'active", "not closed", 10},
		{"status ne 'active'", "'ne' is not supported", 7},
		{"status like 'a'", "unknown operator", 7},
		{"status eq 'a' or status eq 'b'", "'or' is not supported", 14},
		{"not status eq 'a'", "'not' is not supported", 0},
		{"(status eq 'a')", "parentheses", 0},
		{"status eq 'a' status eq 'b'", "expected 'and'", 14},
		{"status eq 'a' and", "expected a property name", 17},
		{"'status' eq 'a'", "expected a property name", 0},
		{"1abc eq 'a'", "expected a property name", 0},
		{`status eq "a"`, "expected a value", 10},
		{"status eq 'a' and (x eq 'b')", "parentheses", 18},
		{"status eq ( ", "expected a value", 10},
		{strings.Repeat("a", MaxLength+1), "longer than", MaxLength},
		{strings.Repeat("s eq 'a' and ", MaxConditions) + "s eq 'a'", "more than", 216},
	}
	for _, tt := range tests {
		_, err := Parse(tt.in)
		var fe *Error
		if !errors.As(err, &fe) {
			t.Errorf("Parse(%q): error %v, want *Error", tt.in, err)
			continue
		}
		if !strings.Contains(fe.Msg, tt.msg) || fe.Pos != tt.pos {
			t.Errorf("Parse(%q): %q at %d, want %q at %d", tt.in, fe.Msg, fe.Pos, tt.msg, tt.pos)
		}
	}
}

// TestErrorMessage counts characters from 1 for people.
func TestErrorMessage(t *testing.T) {
	_, err := Parse("status ne 'x'")
	if got := err.Error(); !strings.HasPrefix(got, "at character 8: ") {
		t.Errorf("message %q", got)
	}
}
