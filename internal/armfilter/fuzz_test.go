package armfilter

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParse: no input panics; every input parses into conditions with a known operator and a
// lower-case property, or fails with an *Error positioned inside (or just past) the input. The
// seed corpus is in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"status eq 'active' AND source eq 'consumptioncommitment'",
		"lotid eq 'G2020' and lotsource eq 'ConsumptionCommitment'",
		"transactionDate ge 2026-01-01T00:00:00Z",
		"a eq 'it''s'", "x or y", "(", "'", "status eq 'unterminated",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		conds, err := Parse(s)
		if err != nil {
			var fe *Error
			if !errors.As(err, &fe) {
				t.Fatalf("Parse(%q): %T %v, want *Error", s, err, err)
			}
			if fe.Pos < 0 || fe.Pos > max(len(s), MaxLength) {
				t.Fatalf("Parse(%q): position %d outside the input", s, fe.Pos)
			}
			return
		}
		if len(conds) > MaxConditions {
			t.Fatalf("Parse(%q): %d conditions", s, len(conds))
		}
		for _, c := range conds {
			switch c.Op {
			case Eq, Lt, Gt, Le, Ge:
			default:
				t.Fatalf("Parse(%q): operator %q", s, c.Op)
			}
			if c.Property == "" || c.Property != strings.ToLower(c.Property) {
				t.Fatalf("Parse(%q): property %q", s, c.Property)
			}
		}
	})
}
