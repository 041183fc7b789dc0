package scenario

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

func day(s string) time.Time { return ledger.MustDate(s).Time() }

// problemsOf parses input and returns its problems, failing the test on any other outcome.
func problemsOf(t *testing.T, input string) Problems {
	t.Helper()
	s, err := Parse(strings.NewReader(input))
	var ps Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Parse: got (%v, %v), want Problems", s, err)
	}
	if s != nil {
		t.Errorf("Parse returned a scenario along with problems")
	}
	return ps
}

func TestParseExample(t *testing.T) {
	t.Parallel()
	f, err := os.Open("testdata/example.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	got, err := Parse(f)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	const (
		acct = "billingAccounts[0]"
		prof = acct + ".billingProfiles[0]"
		part = "partners[0]"
	)
	want := &Scenario{
		Users: []User{{
			Path: "users[0]", Email: "ana@northwind.example", Name: "Ana Ruiz", Password: "a long passphrase",
			APITokens: []string{"optional-plaintext-token-for-tests"},
		}},
		BillingAccounts: []BillingAccount{{
			Path:          acct,
			Name:          "5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31",
			DisplayName:   "Northwind Traders",
			AgreementType: "MicrosoftCustomerAgreement",
			AccountType:   "Enterprise",
			Roles:         []RoleGrant{{Path: acct + ".roles[0]", User: "ana@northwind.example", Role: "owner"}},
			BillingProfiles: []BillingProfile{{
				Path: prof, Name: "PBFV-AB12-CD3-EF4", DisplayName: "Engineering", Currency: "USD",
				InvoiceDay: 5, PONumber: "PO-7731",
				Roles: []RoleGrant{{Path: prof + ".roles[0]", User: "li@northwind.example", Role: "invoiceManager"}},
				Lots: []Lot{{
					Path: prof + ".lots[0]", Name: "3f6d2a41-8c0b-4f7e-9d15-2b7c4e8a1f90", Source: "PromotionalCredit",
					Amount: money.MustParse("2000.00"), StartDate: day("2026-01-15"),
					ExpirationDate: day("2027-01-14"), PurchasedDate: day("2026-01-15"),
				}},
				Charges: []Charge{
					{Path: prof + ".charges[0]", Date: day("2026-05-10"), Amount: money.MustParse("350"),
						Product: "Virtual Machines", PublisherType: "Azure"},
					{Path: prof + ".charges[1]", Date: day("2026-05-11"), Amount: money.MustParse("40"),
						Product: "Contoso Firewall", PublisherType: "Marketplace"},
				},
				Adjustments: []Adjustment{{Path: prof + ".adjustments[0]", Date: day("2026-06-12"),
					Amount: money.MustParse("25"), Description: "Refund for outage"}},
			}},
		}},
		Partners: []Partner{{
			Path: part, ID: "4390934", Name: "Fabrikam Solutions", Domains: []string{"fabrikam.example"},
			Members: []Member{
				{Path: part + ".members[0]", User: "olga@fabrikam.example", Roles: []string{"partnerAdmin"}},
				{Path: part + ".members[1]", User: "raj@fabrikam.example"},
			},
			Benefits: []Benefit{
				{Path: part + ".benefits[0]", ID: "b-001", Kind: "AzureMonthlyCredit", Amount: money.MustParse("100"),
					Currency: "USD", PurchaseDate: day("2026-02-01"), StartDate: day("2026-02-05"), EndDate: day("2027-02-04")},
				{Path: part + ".benefits[1]", ID: "b-002", Kind: "AzureBulkCredit", Amount: money.MustParse("6000"),
					Currency: "USD", PurchaseDate: day("2026-02-01"), StartDate: day("2026-02-05"), EndDate: day("2027-02-04"),
					AssignedTo: "raj@fabrikam.example"},
			},
		}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Parse(example.json):\n got %+v\nwant %+v", got, want)
	}

	gotRefs := got.ReferencedUsers()
	wantRefs := map[string]string{
		"li@northwind.example":  prof + ".roles[0].user",
		"olga@fabrikam.example": part + ".members[0].user",
		"raj@fabrikam.example":  part + ".members[1].user",
	}
	if !reflect.DeepEqual(gotRefs, wantRefs) {
		t.Errorf("ReferencedUsers:\n got %v\nwant %v", gotRefs, wantRefs)
	}
}

func TestParseEmpty(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, input string
		want        *Scenario
		wantErr     Problems
	}{
		{"empty object", `{}`, &Scenario{}, nil},
		{"empty lists", `{"users": [], "billingAccounts": [], "partners": []}`, &Scenario{}, nil},
		{"null lists", `{"users": null, "partners": null}`, &Scenario{}, nil},
		{"byte-order mark", "\xef\xbb\xbf{}", &Scenario{}, nil},
		{"empty file", ``, nil, Problems{{"", "empty file: expected a JSON object"}}},
		{"blank file", " \n\t\n", nil, Problems{{"", "empty file: expected a JSON object"}}},
		{"null", `null`, nil, Problems{{"", "must be an object, not null"}}},
		{"array", `[]`, nil, Problems{{"", "must be an object, not an array"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(strings.NewReader(tt.input))
			var gotErr Problems
			if err != nil && !errors.As(err, &gotErr) {
				t.Fatalf("error %v is not Problems", err)
			}
			if !reflect.DeepEqual(got, tt.want) || !reflect.DeepEqual(gotErr, tt.wantErr) {
				t.Errorf("Parse(%q) = %+v, %v; want %+v, %v", tt.input, got, err, tt.want, tt.wantErr)
			}
		})
	}
}

func TestParseSyntaxErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, input string
		want        Problem
	}{
		{"trailing comma", `{"users": [{"email": "a@b.example",}]}`,
			Problem{"users[0]", "invalid JSON at line 1, column 36: invalid character '}' looking for beginning of object key string"}},
		{"missing comma on a later line", "{\n  \"users\": [\n    {\"email\": \"a@b.example\"}\n    {\"email\": \"c@d.example\"}\n  ]\n}",
			Problem{"users[1]", "invalid JSON at line 4, column 5: invalid character '{' after array element"}},
		{"bad literal", `{"partners": [{"id": tru}]}`,
			Problem{"partners[0].id", "invalid JSON at line 1, column 25: invalid character '}' in literal true (expecting 'e')"}},
		{"truncated", `{"billingAccounts": [{"name": "x"`,
			Problem{"billingAccounts[0]", "invalid JSON at line 1, column 34: unexpected end of file"}},
		{"unterminated string", `{"users": [{"email": "a@b`,
			Problem{"users[0].email", "invalid JSON at line 1, column 26: unexpected end of file"}},
		{"second value", `{} {}`,
			Problem{"", "invalid JSON at line 1, column 4: invalid character '{' after top-level value"}},
		{"not JSON", `users: []`,
			Problem{"", "invalid JSON at line 1, column 1: invalid character 'u' looking for beginning of value"}},
		{"too deep", `{"users": ` + strings.Repeat("[", 200) + strings.Repeat("]", 200) + `}`,
			Problem{"users" + strings.Repeat("[0]", 100), "nested more than 100 levels deep"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := problemsOf(t, tt.input)
			if want := (Problems{tt.want}); !reflect.DeepEqual(got, want) {
				t.Errorf("got  %q\nwant %q", got, want)
			}
		})
	}
}

func TestProblemsError(t *testing.T) {
	t.Parallel()
	ps := Problems{
		{"billingAccounts[0].billingProfiles[1].lots[2].expirationDate", msgDate},
		{"", "empty file: expected a JSON object"},
	}
	want := "billingAccounts[0].billingProfiles[1].lots[2].expirationDate: " + msgDate + "\n" +
		"empty file: expected a JSON object"
	if got := ps.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestComparePaths(t *testing.T) {
	t.Parallel()
	ordered := []string{
		"", "users", "users[2].email", "users[10]", "users[10].email", "billingAccounts[0]",
		"billingAccounts[0].billingProfiles[0].lots[1]", "billingAccounts[0].billingProfiles[0].lots[9].amount",
		"billingAccounts[0].name", "billingAccounts[1]", "partners[0].id",
	}
	for i := 1; i < len(ordered); i++ {
		if a, b := ordered[i-1], ordered[i]; comparePaths(a, b) >= 0 || comparePaths(b, a) <= 0 {
			t.Errorf("comparePaths(%q, %q) does not put them in order", a, b)
		}
	}
}

// TestParseRefusesLatin1 (X2): a file saved in another encoding than UTF-8 is refused, naming
// the field and the position of the first byte that is not UTF-8, instead of storing U+FFFD.
func TestParseRefusesLatin1(t *testing.T) {
	t.Parallel()
	input := "{\"users\": [{\"email\": \"ana@northwind.example\",\n \"name\": \"Ana Mu\xf1oz\", \"password\": \"a long passphrase\"}]}"
	_, err := Parse(strings.NewReader(input))
	want := Problems{{"users[0].name", "not valid UTF-8 at line 2, column 17: save the file as UTF-8"}}
	var got Problems
	if !errors.As(err, &got) || !reflect.DeepEqual(got, want) {
		t.Errorf("Parse = %v, want %v", err, want)
	}
}
