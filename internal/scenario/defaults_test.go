package scenario

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/money"
)

func TestParseDefaultsAndNormalisation(t *testing.T) {
	t.Parallel()
	input := `{
	  "users": [{"email": "Li@Northwind.Example"}],
	  "billingAccounts": [
	    {"name": "5E98E158-1A2B-4C3D-8E9F-0123456789AB:6F1E2D3C-4B5A-4978-8A6B-5C4D3E2F1A0B_2019-05-31",
	     "agreementType": "MicrosoftCustomerAgreement",
	     "billingProfiles": [{"name": "pbfv-ab12-cd3-ef4", "currency": "EUR",
	       "lots": [{"name": "l1", "source": "PurchasedCredit", "amount": "10", "startDate": "2026-03-01T12:00:00+01:00",
	                 "expirationDate": "2026-12-31"}],
	       "charges": [{"date": "2026-03-02", "amount": "1.5", "product": "Storage"}],
	       "adjustments": [{"date": "2026-03-03", "amount": "-2"}]}]},
	    {"name": "EA-1", "agreementType": "EnterpriseAgreement"},
	    {"name": "mosp-1", "agreementType": "MicrosoftOnlineServicesProgram"},
	    {"name": "mpa-1", "agreementType": "MicrosoftPartnerAgreement"},
	    {"name": "mpa-2", "agreementType": "MicrosoftPartnerAgreement", "accountType": "Enterprise"}
	  ],
	  "partners": [{"id": "p1", "domains": ["Fabrikam.EXAMPLE"],
	    "members": [{"user": "Raj@Fabrikam.example"}],
	    "benefits": [{"id": "b1", "kind": "CopilotForSecurity", "amount": "5", "currency": "USD",
	                  "startDate": "2026-01-01", "endDate": "2026-12-31", "assignedTo": "RAJ@fabrikam.example"}]}]
	}`
	s, err := Parse(strings.NewReader(input))
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	const prof = "billingAccounts[0].billingProfiles[0]"
	start := time.Date(2026, 3, 1, 11, 0, 0, 0, time.UTC)
	want := &Scenario{
		Users: []User{{Path: "users[0]", Email: "li@northwind.example", Name: "li@northwind.example"}},
		BillingAccounts: []BillingAccount{
			{Path: "billingAccounts[0]",
				Name:          "5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31",
				DisplayName:   "5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31",
				AgreementType: string(access.AgreementMCA), AccountType: "Enterprise",
				BillingProfiles: []BillingProfile{{
					Path: prof, Name: "PBFV-AB12-CD3-EF4", DisplayName: "PBFV-AB12-CD3-EF4", Currency: "EUR", InvoiceDay: 5,
					Lots: []Lot{{Path: prof + ".lots[0]", Name: "l1", Source: "PurchasedCredit", Amount: money.FromUnits(10),
						StartDate: start, ExpirationDate: day("2026-12-31"), PurchasedDate: start}},
					Charges: []Charge{{Path: prof + ".charges[0]", Date: day("2026-03-02"), Amount: money.MustParse("1.5"),
						Product: "Storage", PublisherType: "Azure"}},
					Adjustments: []Adjustment{{Path: prof + ".adjustments[0]", Date: day("2026-03-03"), Amount: money.FromUnits(-2)}},
				}}},
			{Path: "billingAccounts[1]", Name: "EA-1", DisplayName: "EA-1", AgreementType: string(access.AgreementEA), AccountType: "Enterprise"},
			{Path: "billingAccounts[2]", Name: "mosp-1", DisplayName: "mosp-1", AgreementType: string(access.AgreementMOSP), AccountType: "Individual"},
			{Path: "billingAccounts[3]", Name: "mpa-1", DisplayName: "mpa-1", AgreementType: string(access.AgreementMPA), AccountType: "Partner"},
			{Path: "billingAccounts[4]", Name: "mpa-2", DisplayName: "mpa-2", AgreementType: string(access.AgreementMPA), AccountType: "Enterprise"},
		},
		Partners: []Partner{{Path: "partners[0]", ID: "p1", Name: "p1", Domains: []string{"fabrikam.example"},
			Members: []Member{{Path: "partners[0].members[0]", User: "raj@fabrikam.example"}},
			Benefits: []Benefit{{Path: "partners[0].benefits[0]", ID: "b1", Kind: "CopilotForSecurity",
				Amount: money.FromUnits(5), Currency: "USD", PurchaseDate: day("2026-01-01"), StartDate: day("2026-01-01"),
				EndDate: day("2026-12-31"), AssignedTo: "raj@fabrikam.example"}}}},
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("Parse:\n got %+v\nwant %+v", s, want)
	}
	if refs := s.ReferencedUsers(); !reflect.DeepEqual(refs, map[string]string{"raj@fabrikam.example": "partners[0].members[0].user"}) {
		t.Errorf("ReferencedUsers = %v", refs)
	}
}

// TestParseManyProblems checks that one parse reports every problem, in path order (array
// elements by index, the fields of one object by name), including
// problems the binder finds (types, names) next to those validation finds (rules).
func TestParseManyProblems(t *testing.T) {
	t.Parallel()
	input := edited(t,
		change{"partners[0].id", ""},
		change{lot + ".amount", 2000},
		change{"users[0].email", "not-an-email"},
		change{acct + ".colour", "blue"},
		change{lot + ".expirationDate", "soon"},
		change{prof + ".invoiceDay", 29},
		change{acct + ".roles[0].role", "admin"},
		change{"users[1]", "ana@northwind.example"},
	)
	want := Problems{
		{"users[0].email", msgEmail + `, not "not-an-email"`},
		{"users[1]", "must be an object, not a string"},
		{prof + ".invoiceDay", msgInvoice + ", not 29"},
		{lot + ".amount", msgAmount + ", not 2000"},
		{lot + ".expirationDate", msgDate + `, not "soon"`},
		{acct + ".colour", "unknown field"},
		{acct + ".roles[0].role", `must be one of owner, contributor, reader; not "admin"`},
		{"partners[0].id", "is required"},
	}
	got := problemsOf(t, input)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got:\n%v\nwant:\n%v", got, want)
	}
}

func TestParseDuplicateKey(t *testing.T) {
	t.Parallel()
	got := problemsOf(t, `{"users": [{"email": "a@b.example", "email": "c@d.example"}], "users": []}`)
	want := Problems{
		{"users", "duplicate field: it appears more than once in this object"},
		{"users[0].email", "duplicate field: it appears more than once in this object"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

// TestParseReportsEveryStage: problems found by the schema (a JSON type, a bad date), by
// binding (an amount out of range) and by the rules that compare values (a duplicate lot name)
// come back together, so that fixing them does not reveal more (one file, one round).
func TestParseReportsEveryStage(t *testing.T) {
	t.Parallel()
	input := edited(t,
		change{"users[0].apiTokens", "token-for-tests-0001"},
		change{prof + ".charges[0].date", "2026-13-01"},
		change{prof + ".adjustments[0].amount", "100000000000"},
		change{prof + ".lots[1]", map[string]any{"name": "LOT-1", "source": "PurchasedCredit", "amount": "1",
			"startDate": "2026-01-01", "expirationDate": "2026-12-31"}},
	)
	want := Problems{
		{"users[0].apiTokens", "must be an array, not a string"},
		{prof + ".adjustments[0].amount", "must be less than 100000000000 in magnitude"},
		{prof + ".charges[0].date", msgDate + `, not "2026-13-01"`},
		{prof + ".lots[1].name", `duplicate lot name "LOT-1": already used at ` + lot},
	}
	if got := problemsOf(t, input); !reflect.DeepEqual(got, want) {
		t.Errorf("got:\n%v\nwant:\n%v", got, want)
	}
}
