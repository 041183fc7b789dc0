package scenario

import (
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
)

// FuzzParse checks that Parse never panics and always answers with either a scenario or a
// non-empty list of problems in path order, one per path, each with a reason in this package's
// words (never the schema library's) and, for a file that is a JSON object, a path.
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
		`{"users": [null, {"email": null, "name": "", "apiTokens": [1, "a b"]}], "partners": [{"id": "", "members": [{"user": "x", "roles": ["partnerAdmin", "partnerAdmin"]}]}]}`,
		`{"billingAccounts": [{"name": "", "agreementType": "", "accountType": 3, "billingProfiles": [{"name": "a", "currency": "usd", "invoiceDay": 1e400, "charges": [{"date": "", "amount": -1, "product": "", "publisherType": ""}]}]}]}`,
		`{"users": [{"email": "a@b.example", "email": "a@b.example", "Email": "x"}]}`,
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
		var obj map[string]json.RawMessage
		isObject := json.Unmarshal([]byte(strings.TrimPrefix(input, "\xef\xbb\xbf")), &obj) == nil && obj != nil
		for i, p := range ps {
			if p.Message == "" {
				t.Fatalf("problem at %q has no message", p.Path)
			}
			if isObject && p.Path == "" {
				t.Errorf("problem %q of a JSON object names no path", p.Message)
			}
			for _, theirs := range []string{"validation failed", "' failed", "jsonschema", "got ", "want "} {
				if strings.Contains(p.Message, theirs) && !strings.Contains(p.Message, `"`) {
					t.Errorf("problem %v is worded by the schema library", p)
				}
			}
			if i > 0 && comparePaths(ps[i-1].Path, p.Path) >= 0 {
				t.Errorf("problems %v and %v are out of order or at one path", ps[i-1], p)
			}
		}
	})
}
