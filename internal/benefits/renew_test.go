package benefits

import (
	"testing"
	"time"
)

// TestRenew: a renewal issues the next year's benefits, unassigned, with new dates (P6).
func TestRenew(t *testing.T) {
	m := redeemed(benefit("b-001", AzureMonthlyCredit), raj, day("2026-02-10"))
	leap := benefit("b-3", CopilotForSecurity)
	leap.EndDate = day("2028-02-28")
	tests := []struct {
		name                 string
		b                    Benefit
		renewal              time.Time
		purchase, start, end time.Time
	}{
		{"on time: continues the year", m, day("2027-01-20"), day("2027-01-20"), day("2027-02-05"), day("2028-02-04")},
		{"on the last day: waits for provisioning", m, day("2027-02-04"), day("2027-02-04"), day("2027-02-08"), day("2028-02-07")},
		{"late: starts when provisioned", benefit("b-2", AzureBulkCredit), at("2027-03-01T15:00:00Z"),
			day("2027-03-01"), day("2027-03-05"), day("2028-03-04")},
		{"leap day start", leap, day("2028-01-10"), day("2028-01-10"), day("2028-02-29"), day("2029-02-28")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Renew([]Benefit{tt.b}, tt.renewal)
			if err != nil || len(got) != 1 {
				t.Fatalf("Renew = %v, %v", got, err)
			}
			want := Benefit{PreviousID: tt.b.ID, PartnerID: tt.b.PartnerID, Kind: tt.b.Kind, Amount: tt.b.Amount,
				Currency: tt.b.Currency, PurchaseDate: tt.purchase, StartDate: tt.start, EndDate: tt.end}
			if got[0] != want {
				t.Errorf("renewed = %+v\nwant      %+v", got[0], want)
			}
			if err := got[0].Validate(); err != nil {
				t.Errorf("renewed benefit does not validate: %v", err)
			}
		})
	}
}

// TestRenewAllowsNewUser: P6 and P9 across the year boundary, next year's bulk credit can go
// to a different user, or to the same user, although this year's is held.
func TestRenewAllowsNewUser(t *testing.T) {
	held := redeemed(benefit("b-002", AzureBulkCredit), raj, day("2026-02-10"))
	next, err := Renew([]Benefit{held, benefit("b-001", AzureMonthlyCredit)}, day("2027-01-20"))
	if err != nil || len(next) != 2 {
		t.Fatalf("Renew = %v, %v", next, err)
	}
	nb := next[0]
	nb.ID = "b-102" // the store assigns ids
	for _, user := range []string{raj, "ana@fabrikam.example"} {
		_, err := Assign(Policy{}, AssignRequest{Benefit: nb, User: user, Holdings: []Benefit{held},
			Domains: fabrikam, Actor: admin, Now: day("2027-02-05")})
		checkRule(t, err, "", "")
	}
	// Before renewal, this year's bulk credit cannot change hands (P6).
	_, err = Reassign(Policy{}, AssignRequest{Benefit: held, User: "ana@fabrikam.example", Domains: fabrikam,
		Actor: admin, Now: day("2026-06-01")})
	checkRule(t, err, "P6", FieldBenefit)
}

func TestRenewInput(t *testing.T) {
	b := benefit("b-001", AzureMonthlyCredit)
	tests := []struct {
		name     string
		current  []Benefit
		renewal  time.Time
		wantRule string
		wantLen  int
	}{
		{"X2 no renewal date", []Benefit{b}, time.Time{}, RuleInput, 0},
		{"X2 before the purchase date", []Benefit{b}, day("2026-01-31"), RuleInput, 0},
		{"on the purchase date", []Benefit{b}, day("2026-02-01"), "", 1},
		{"nothing to renew", nil, day("2027-01-20"), "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Renew(tt.current, tt.renewal)
			checkRule(t, err, tt.wantRule, FieldRenewal)
			if len(got) != tt.wantLen {
				t.Errorf("%d benefits, want %d", len(got), tt.wantLen)
			}
		})
	}
}

// TestParseRenewal: X2: the Renew form's date is YYYY-MM-DD, read as midnight UTC; anything
// else is refused on the renewal field.
func TestParseRenewal(t *testing.T) {
	if got, err := ParseRenewal("2027-01-20"); err != nil || !got.Equal(day("2027-01-20")) {
		t.Errorf("ParseRenewal(2027-01-20) = %v, %v", got, err)
	}
	for _, in := range []string{"", "15/06/2026", "2027-02-30", "2027-01-20T10:00:00Z"} {
		_, err := ParseRenewal(in)
		checkRule(t, err, RuleInput, FieldRenewal)
	}
}
