package scenario

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics and always answers with either a scenario or a
// non-empty list of problems.
func FuzzParse(f *testing.F) {
	example, err := os.ReadFile("testdata/example.json")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(example))
	f.Add(base)
	for _, seed := range []string{
		"", "{}", "[", "null", `{"users": [{"email": 5}]}`, `{"users": {}}`, "\xef\xbb\xbf{}",
		`{"billingAccounts": [{"name": "x", "agreementType": "EnterpriseAgreement", "billingProfiles": [{"lots": [{}]}]}]}`,
		`{"partners": [{"id": "p", "benefits": [{"redeemedAt": "2026-01-01T00:00:00Z"}]}]}`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, input string) {
		s, err := Parse(strings.NewReader(input))
		if err == nil {
			if s == nil {
				t.Fatal("Parse returned neither a scenario nor an error")
			}
			s.ReferencedUsers()
			return
		}
		var ps Problems
		if !errors.As(err, &ps) || len(ps) == 0 || s != nil {
			t.Fatalf("Parse = %v, %v; want nil and some Problems", s, err)
		}
		for _, p := range ps {
			if p.Message == "" {
				t.Fatalf("problem at %q has no message", p.Path)
			}
		}
	})
}
