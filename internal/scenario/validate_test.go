package scenario

import (
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"
)

// base is a small valid scenario that the table cases below break one field at a time.
const base = `{
  "users": [{"email": "ana@northwind.example", "name": "Ana Ruiz", "password": "correct horse battery",
             "apiTokens": ["token-for-tests-0001"]}],
  "billingAccounts": [{
    "name": "5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31",
    "agreementType": "MicrosoftCustomerAgreement",
    "roles": [{"user": "ana@northwind.example", "role": "owner"}],
    "billingProfiles": [{
      "name": "PBFV-AB12-CD3-EF4", "currency": "USD",
      "roles": [{"user": "ana@northwind.example", "role": "invoiceManager"}],
      "lots": [{"name": "lot-1", "source": "PromotionalCredit", "amount": "2000.00",
                "startDate": "2026-01-15", "expirationDate": "2027-01-14"}],
      "charges": [{"date": "2026-05-10", "amount": "350.00", "product": "Virtual Machines"}],
      "adjustments": [{"date": "2026-06-12", "amount": "-25.00"}]
    }]
  }],
  "partners": [{
    "id": "4390934", "domains": ["fabrikam.example"],
    "members": [{"user": "raj@fabrikam.example", "roles": ["partnerAdmin"]}],
    "benefits": [{"id": "b-001", "kind": "AzureBulkCredit", "amount": "6000.00", "currency": "USD",
                  "purchaseDate": "2026-02-01", "startDate": "2026-02-05", "endDate": "2027-02-04",
                  "assignedTo": "raj@fabrikam.example", "redeemedAt": "2026-02-06T09:30:00+02:00"}]
  }]
}`

// Paths into base.
const (
	acct = "billingAccounts[0]"
	prof = acct + ".billingProfiles[0]"
	lot  = prof + ".lots[0]"
	part = "partners[0]"
	ben  = part + ".benefits[0]"
)

// remove, as the value of a change, deletes the field.
type removeField struct{}

var remove removeField

// change sets the value at a path of base (appending when the index is one past the end).
type change struct {
	path  string
	value any
}

// edited returns base with the changes applied, as JSON text.
func edited(t *testing.T, changes ...change) string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(base))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		t.Fatal(err)
	}
	for _, c := range changes {
		doc = set(t, doc, pathSegments(c.path), c.value)
	}
	out, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	return string(out)
}

func set(t *testing.T, doc any, segs []string, value any) any {
	if len(segs) == 0 {
		return value
	}
	switch d := doc.(type) {
	case map[string]any:
		if len(segs) == 1 && value == remove {
			delete(d, segs[0])
		} else {
			d[segs[0]] = set(t, d[segs[0]], segs[1:], value)
		}
		return d
	case []any:
		i, err := strconv.Atoi(segs[0])
		if err != nil || i > len(d) {
			t.Fatalf("bad index %q", segs[0])
		}
		if i == len(d) {
			d = append(d, map[string]any{})
		}
		d[i] = set(t, d[i], segs[1:], value)
		return d
	case nil:
		return set(t, map[string]any{}, segs, value)
	}
	t.Fatalf("cannot set %v in %T", segs, doc)
	return nil
}

func TestParseBase(t *testing.T) {
	t.Parallel()
	s, err := Parse(strings.NewReader(edited(t)))
	if err != nil {
		t.Fatalf("base scenario: %v", err)
	}
	if got, want := *s.Partners[0].Benefits[0].RedeemedAt, time.Date(2026, 2, 6, 7, 30, 0, 0, time.UTC); got != want {
		t.Errorf("redeemedAt = %v, want %v (an RFC3339 instant in UTC)", got, want)
	}
}

func TestParseProblems(t *testing.T) {
	t.Parallel()
	const (
		roleMsg = `must be one of owner, contributor, reader; not "admin"`
		mcaName = "northwind"
	)
	long := strings.Repeat("x", 201)
	tests := []struct {
		name    string
		changes []change
		want    Problems
	}{
		// JSON types and field names.
		{"number for a string", []change{{"users[0].name", 5}},
			Problems{{"users[0].name", "must be a string, not a number"}}},
		{"object for an array", []change{{"billingAccounts", map[string]any{}}},
			Problems{{"billingAccounts", "must be an array, not an object"}}},
		{"string for an object", []change{{acct + ".roles[0]", "owner"}},
			Problems{{acct + ".roles[0]", "must be an object, not a string"}}},
		{"number in a string list", []change{{part + ".domains[1]", true}},
			Problems{{part + ".domains[1]", msgHost + ", not a boolean"}}},
		{"unknown field", []change{{acct + ".colour", "blue"}},
			Problems{{acct + ".colour", "unknown field"}}},
		{"unknown field in the wrong case", []change{{"users[0].Email", "x"}},
			Problems{{"users[0].Email", `unknown field (field names are case-sensitive: did you mean "email"?)`}}},
		{"unknown top-level field", []change{{"version", 1}},
			Problems{{"version", "unknown field"}}},
		{"missing required field", []change{{"users[0].email", remove}},
			Problems{{"users[0].email", "is required"}}},
		{"empty required field", []change{{lot + ".source", ""}},
			Problems{{lot + ".source", "is required"}}},
		{"null counts as absent", []change{{"users[0].name", nil}, {lot + ".purchasedDate", nil}}, nil},

		// Amounts.
		{"number amount", []change{{lot + ".amount", 2000}},
			Problems{{lot + ".amount", msgAmount + ", not 2000"}}},
		{"amount with exponent", []change{{lot + ".amount", "2e3"}},
			Problems{{lot + ".amount", msgAmount + `, not "2e3"`}}},
		{"amount with 7 decimals", []change{{prof + ".charges[0].amount", "0.0000001"}},
			Problems{{prof + ".charges[0].amount", msgAmount + `, not "0.0000001"`}}},
		{"huge amount", []change{{prof + ".adjustments[0].amount", "100000000000"}},
			Problems{{prof + ".adjustments[0].amount", "must be less than 100000000000 in magnitude"}}},
		{"negative lot amount", []change{{lot + ".amount", "-1.00"}},
			Problems{{lot + ".amount", msgPositive + `, not "-1.00"`}}},
		{"zero lot amount", []change{{lot + ".amount", "0"}},
			Problems{{lot + ".amount", msgPositive + `, not "0"`}}},
		{"negative charge", []change{{prof + ".charges[0].amount", "-0.01"}},
			Problems{{prof + ".charges[0].amount", msgNonNeg + `, not "-0.01"`}}},
		{"zero charge is fine", []change{{prof + ".charges[0].amount", "0.00"}}, nil},
		{"negative benefit", []change{{ben + ".amount", "-5"}},
			Problems{{ben + ".amount", msgPositive + `, not "-5"`}}},

		// Dates.
		{"bad date", []change{{lot + ".expirationDate", "2027-02-30"}},
			Problems{{lot + ".expirationDate", msgDate + `, not "2027-02-30"`}}},
		{"US date", []change{{prof + ".charges[0].date", "05/10/2026"}},
			Problems{{prof + ".charges[0].date", msgDate + `, not "05/10/2026"`}}},
		{"number date", []change{{lot + ".startDate", 20260115}},
			Problems{{lot + ".startDate", msgDate + ", not 20260115"}}},
		{"year typed 0205 (X2)", []change{{lot + ".startDate", "0205-06-01"}},
			Problems{{lot + ".startDate", msgDate + `, not "0205-06-01"`}}},
		{"year 0000 instant", []change{{prof + ".charges[0].date", "0000-01-01T00:00:00Z"}},
			Problems{{prof + ".charges[0].date", msgDate + `, not "0000-01-01T00:00:00Z"`}}},
		{"after 2099", []change{{lot + ".expirationDate", "2100-01-01"}},
			Problems{{lot + ".expirationDate", msgDate + `, not "2100-01-01"`}}},
		{"first and last days", []change{{lot + ".startDate", "2000-01-01"}, {lot + ".expirationDate", "2099-12-31"}}, nil},
		{"expiry before start", []change{{lot + ".expirationDate", "2026-01-14"}},
			Problems{{lot + ".expirationDate", "must not be before startDate 2026-01-15"}}},
		{"expiry on the start day", []change{{lot + ".expirationDate", "2026-01-15"}}, nil},
		{"canceled before start", []change{{lot + ".canceledOn", "2026-01-14"}},
			Problems{{lot + ".canceledOn", "must not be before startDate 2026-01-15"}}},
		{"canceled later", []change{{lot + ".canceledOn", "2026-06-01"}}, nil},
		{"canceled on the expiration day", []change{{lot + ".canceledOn", "2027-01-14"}}, nil},
		{"M11 canceled after it expired", []change{{lot + ".canceledOn", "2027-01-15"}},
			Problems{{lot + ".canceledOn", "must not be after expirationDate 2027-01-14: the lot has expired by then"}}},

		// Billing accounts and roles.
		{"unknown role", []change{{acct + ".roles[0].role", "admin"}},
			Problems{{acct + ".roles[0].role", roleMsg}}},
		{"invoiceManager on an account", []change{{acct + ".roles[0].role", "invoiceManager"}},
			Problems{{acct + ".roles[0].role", `must be one of owner, contributor, reader; not "invoiceManager"`}}},
		{"role in the wrong case", []change{{prof + ".roles[0].role", "InvoiceManager"}},
			Problems{{prof + ".roles[0].role", `must be one of owner, contributor, reader, invoiceManager; not "InvoiceManager"`}}},
		{"duplicate role grant", []change{{acct + ".roles[1]", map[string]any{"user": "ANA@northwind.example", "role": "owner"}}},
			Problems{{acct + ".roles[1]", `duplicate role grant "ana@northwind.example owner": already used at ` + acct + ".roles[0]"}}},
		{"MCA name not MCA-shaped", []change{{acct + ".name", mcaName}},
			Problems{{acct + ".name", msgMCAName + `, not "northwind"`}}},
		{"MCA name with a bad date", []change{{acct + ".name",
			"5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-02-29"}},
			Problems{{acct + ".name", `must end with a real day yyyy-mm-dd, not "2019-02-29"`}}},
		{"EA name", []change{{acct + ".name", "EA-12345"}, {acct + ".agreementType", "EnterpriseAgreement"}}, nil},
		{"EA name with a space", []change{{acct + ".name", "EA 12345"}, {acct + ".agreementType", "EnterpriseAgreement"}},
			Problems{{acct + ".name", msgSafeID + `, not "EA 12345"`}}},
		{"free text in an enum", []change{{acct + ".agreementType", "Microsoft Customer Agreement"}},
			Problems{{acct + ".agreementType", `must be one of MicrosoftCustomerAgreement, EnterpriseAgreement, MicrosoftOnlineServicesProgram, MicrosoftPartnerAgreement; not "Microsoft Customer Agreement"`}}},
		{"unknown account type", []change{{acct + ".accountType", "Business"}},
			Problems{{acct + ".accountType", `must be one of Enterprise, Individual, Partner; not "Business"`}}},
		{"duplicate account name", []change{{"billingAccounts[1]", map[string]any{"name": "ea-1", "agreementType": "EnterpriseAgreement"}},
			{"billingAccounts[2]", map[string]any{"name": "EA-1", "agreementType": "EnterpriseAgreement"}}},
			Problems{{"billingAccounts[2].name", `duplicate billing account name "EA-1": already used at billingAccounts[1]`}}},
		{"display name too long", []change{{acct + ".displayName", long}},
			Problems{{acct + ".displayName", "must be at most 200 characters, not 201"}}},

		// Billing profiles.
		{"invoiceDay 29", []change{{prof + ".invoiceDay", 29}},
			Problems{{prof + ".invoiceDay", msgInvoice + ", not 29"}}},
		{"invoiceDay 0", []change{{prof + ".invoiceDay", 0}},
			Problems{{prof + ".invoiceDay", msgInvoice + ", not 0"}}},
		{"invoiceDay 5.5", []change{{prof + ".invoiceDay", 5.5}},
			Problems{{prof + ".invoiceDay", msgInvoice + ", not 5.5"}}},
		{"invoiceDay as a string", []change{{prof + ".invoiceDay", "5"}},
			Problems{{prof + ".invoiceDay", msgInvoice + `, not "5"`}}},
		{"bad profile name", []change{{prof + ".name", "PBFV-AB12"}},
			Problems{{prof + ".name", msgProfile + `, not "PBFV-AB12"`}}},
		{"lower-case currency", []change{{prof + ".currency", "usd"}},
			Problems{{prof + ".currency", msgISO + `, not "usd"`}}},
		{"currency not on the ISO 4217 list", []change{{prof + ".currency", "ABC"}, {ben + ".currency", "XXX"}},
			Problems{{prof + ".currency", `"ABC" is not an ISO 4217 currency code in capitals, such as USD`},
				{ben + ".currency", `"XXX" is not an ISO 4217 currency code in capitals, such as USD`}}},
		{"currency without decimals", []change{{prof + ".currency", "JPY"}}, nil},
		{"duplicate profile across accounts", []change{{"billingAccounts[1]", map[string]any{
			"name": "ea-1", "agreementType": "EnterpriseAgreement",
			"billingProfiles": []any{map[string]any{"name": "pbfv-ab12-cd3-ef4", "currency": "EUR"}}}}},
			Problems{{"billingAccounts[1].billingProfiles[0].name", `duplicate billing profile name "PBFV-AB12-CD3-EF4": already used at ` + prof}}},
		{"duplicate lot name", []change{{prof + ".lots[1]", map[string]any{"name": "LOT-1", "source": "PurchasedCredit",
			"amount": "1", "startDate": "2026-01-01", "expirationDate": "2026-12-31"}}},
			Problems{{prof + ".lots[1].name", `duplicate lot name "LOT-1": already used at ` + lot}}},
		{"free text as a lot source", []change{{lot + ".source", "promo credit"}},
			Problems{{lot + ".source", `must be one of PromotionalCredit, PurchasedCredit, ConsumptionCommitment; not "promo credit"`}}},
		{"unknown publisher type", []change{{prof + ".charges[0].publisherType", "ThirdParty"}},
			Problems{{prof + ".charges[0].publisherType", `must be one of Azure, Marketplace; not "ThirdParty"`}}},

		// Users.
		{"bad email", []change{{"users[0].email", "ana@"}},
			Problems{{"users[0].email", msgEmail + `, not "ana@"`}}},
		{"email without a domain dot", []change{{acct + ".roles[0].user", "ana@localhost"}},
			Problems{{acct + ".roles[0].user", msgEmail + `, not "ana@localhost"`}}},
		{"email too long", []change{{"users[0].email", strings.Repeat("a", 60) + "@" + strings.Repeat(strings.Repeat("b", 60)+".", 4) + "example"}},
			Problems{{"users[0].email", "must be at most 254 characters, not 312"}}},
		{"duplicate email in another case", []change{{"users[1]", map[string]any{"email": "Ana@Northwind.example"}}},
			Problems{{"users[1].email", `duplicate email "ana@northwind.example": already used at users[0]`}}},
		{"short password", []change{{"users[0].password", "hunter2"}},
			Problems{{"users[0].password", msgPassword}}},
		{"short API token", []change{{"users[0].apiTokens[1]", "abc"}},
			Problems{{"users[0].apiTokens[1]", msgToken}}},
		{"name with a new line", []change{{"users[0].name", "Ana\nRuiz"}},
			Problems{{"users[0].name", msgText + `, not "Ana\nRuiz"`}}},

		// Partners and benefits.
		{"duplicate partner id", []change{{"partners[1]", map[string]any{"id": "4390934"}}},
			Problems{{"partners[1].id", `duplicate partner id "4390934": already used at partners[0]`}}},
		{"duplicate benefit id in another partner", []change{{"partners[1]", map[string]any{"id": "p2", "benefits": []any{
			map[string]any{"id": "B-001", "kind": "AzureMonthlyCredit", "amount": "1", "currency": "USD",
				"startDate": "2026-01-01", "endDate": "2026-12-31"}}}}},
			Problems{{"partners[1].benefits[0].id", `duplicate benefit id "B-001": already used at ` + ben}}},
		{"bad domain", []change{{part + ".domains[0]", "fabrikam"}},
			Problems{{part + ".domains[0]", msgHost + `, not "fabrikam"`}}},
		{"unknown partner role", []change{{part + ".members[0].roles[0]", "admin"}},
			Problems{{part + ".members[0].roles[0]", `must be one of partnerAdmin; not "admin"`}}},
		{"unknown benefit kind", []change{{ben + ".kind", "AzureCredit"}},
			Problems{{ben + ".kind", `must be one of AzureMonthlyCredit, AzureBulkCredit, CopilotForSecurity, GitHubCopilotEnterprise, GitHubEnterpriseMetered; not "AzureCredit"`}}},
		{"assigned to a non-member", []change{{ben + ".assignedTo", "olga@fabrikam.example"}},
			Problems{{ben + ".assignedTo", `"olga@fabrikam.example" is not a member of this partner: list the user in members`}}},
		{"redeemed but not assigned", []change{{ben + ".assignedTo", remove}},
			Problems{{ben + ".redeemedAt", "requires assignedTo: only the assigned user can redeem a benefit"}}},
		{"redeemed before provisioning", []change{{ben + ".redeemedAt", "2026-02-04T23:59:59Z"}},
			Problems{{ben + ".redeemedAt", "must be at least 4 days after purchaseDate 2026-02-01: a benefit is provisioned then (rule P8)"}}},
		{"purchased after start", []change{{ben + ".purchaseDate", "2026-02-06"}, {ben + ".redeemedAt", remove}},
			Problems{{ben + ".purchaseDate", "must not be after startDate 2026-02-05"}}},
		{"ends before start", []change{{ben + ".endDate", "2026-02-04"}},
			Problems{{ben + ".endDate", "must not be before startDate 2026-02-05"}}},
		{"two overlapping bulk credits", []change{{part + ".benefits[1]", map[string]any{
			"id": "b-002", "kind": "AzureBulkCredit", "amount": "1", "currency": "USD", "startDate": "2027-01-01",
			"endDate": "2027-12-31", "assignedTo": "raj@fabrikam.example"}}},
			Problems{{part + ".benefits[1].assignedTo", "raj@fabrikam.example already holds bulk credit " + ben +
				" for an overlapping period: at most one bulk credit per user (rule P9)"}}},
		{"bulk credits in successive years", []change{{part + ".benefits[1]", map[string]any{
			"id": "b-002", "kind": "AzureBulkCredit", "amount": "1", "currency": "USD", "startDate": "2027-02-05",
			"endDate": "2028-02-04", "assignedTo": "raj@fabrikam.example"}}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			input := edited(t, tt.changes...)
			s, err := Parse(strings.NewReader(input))
			if tt.want == nil {
				if err != nil {
					t.Fatalf("Parse: %v\ninput: %s", err, input)
				}
				return
			}
			if s != nil || err == nil {
				t.Fatalf("Parse succeeded, want %v", tt.want)
			}
			if got := problemsOf(t, input); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
