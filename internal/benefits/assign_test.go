package benefits

import (
	"errors"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/fault"
)

const raj = "raj@fabrikam.example"

// TestAssign covers P4 (only Not redeemed), P8, P3/P11 expiry, P6 for yearly kinds, P10 and
// X2 for the user, in the documented order of checks.
func TestAssign(t *testing.T) {
	now := day("2026-02-10")
	monthly := benefit("b-001", AzureMonthlyCredit)
	bulk := benefit("b-002", AzureBulkCredit)
	tests := []struct {
		name      string
		b         Benefit
		history   []Event
		user      string
		now       time.Time
		wantRule  string
		wantField string
	}{
		{"P4 monthly", monthly, nil, raj, now, "", ""},
		{"P4 bulk", bulk, nil, raj, now, "", ""},
		{"P7 Copilot for Security", benefit("b-3", CopilotForSecurity), nil, raj, now, "", ""},
		{"P7 GitHub Copilot Enterprise", benefit("b-4", GitHubCopilotEnterprise), nil, raj, now, "", ""},
		{"P7 GitHub Enterprise Metered", benefit("b-5", GitHubEnterpriseMetered), nil, raj, now, "", ""},
		{"P4 before the start date", monthly, nil, raj, day("2026-02-05"), "", ""},
		{"P4 already assigned", assigned(monthly, "ana@fabrikam.example"), nil, raj, now, "P4", FieldBenefit},
		{"P4 already redeemed", redeemed(bulk, "ana@fabrikam.example", now), nil, raj, now, "P4", FieldBenefit},
		{"P8 pending provisioning", monthly, nil, raj, at("2026-02-04T23:59:59Z"), "P8", FieldBenefit},
		{"P3 past the end date", monthly, nil, raj, day("2027-02-05"), "P3", FieldBenefit},
		{"P11 past 13 months", redeemed(monthly, "", day("2026-02-06")), nil, raj, day("2027-03-06"), "P11", FieldBenefit},
		{"P6 bulk held earlier this year", bulk, []Event{{To: "ana@fabrikam.example"}, {From: "ana@fabrikam.example"}},
			raj, now, "P6", FieldBenefit},
		{"P6 P7 benefit held earlier this year", benefit("b-5", GitHubEnterpriseMetered),
			[]Event{{To: "ana@fabrikam.example"}}, raj, now, "P6", FieldBenefit},
		{"P10 free mail", monthly, nil, "raj@Gmail.com", now, "P10", FieldUser},
		{"P10 not the organisation's", monthly, nil, "raj@contoso.example", now, "P10", FieldUser},
		{"X2 empty user", monthly, nil, "", now, RuleInput, FieldUser},
		{"X2 malformed user", monthly, nil, "raj@", now, RuleInput, FieldUser},
		{"X2 too long user", monthly, nil, longEmail(255), now, RuleInput, FieldUser},
		{"order: syntax before state", monthly, nil, "raj", at("2026-02-02T00:00:00Z"), RuleInput, FieldUser},
		{"order: state before domain", monthly, nil, "raj@gmail.com", at("2026-02-02T00:00:00Z"), "P8", FieldBenefit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := AssignRequest{Benefit: tt.b, History: tt.history, User: tt.user, Domains: fabrikam, Actor: admin, Now: tt.now}
			got, err := Assign(Policy{}, r)
			checkRule(t, err, tt.wantRule, tt.wantField)
			if err != nil {
				return
			}
			if got.Action != ActionAssign || got.After.AssignedTo != raj || got.Before != tt.b {
				t.Errorf("change = %+v", got)
			}
			want := Event{At: tt.now, Actor: admin, To: raj}
			if got.Event == nil || *got.Event != want {
				t.Errorf("event = %+v, want %+v", got.Event, want)
			}
			if !says(got.Summary, KeyDidAssign, fault.Email(raj)) || StatusOf(got.After, tt.now) != StatusAssigned {
				t.Errorf("summary %q, status %s", got.Summary, StatusOf(got.After, tt.now))
			}
		})
	}
}

// TestAssignNormalisesUser: the stored holder is the trimmed lower-case email (P10, X2).
func TestAssignNormalisesUser(t *testing.T) {
	r := AssignRequest{Benefit: benefit("b-1", AzureMonthlyCredit), User: "  Raj@Fabrikam.EXAMPLE ",
		Domains: fabrikam, Actor: admin, Now: day("2026-02-10")}
	got, err := Assign(Policy{}, r)
	if err != nil || got.After.AssignedTo != raj || got.Event.To != raj {
		t.Fatalf("Assign = %+v, %v; want holder %s", got, err, raj)
	}
}

// TestBadCall: a missing actor or clock is a caller bug, not a 4xx.
func TestBadCall(t *testing.T) {
	b := benefit("b-1", AzureMonthlyCredit)
	_, err1 := Assign(Policy{}, AssignRequest{Benefit: b, User: raj, Now: day("2026-02-10")})
	_, err2 := Remove(RemoveRequest{Benefit: assigned(b, raj), Actor: admin})
	_, err3 := Redeem(RedeemRequest{Benefit: assigned(b, raj), User: raj, Now: day("2026-02-10")}, nil)
	for i, err := range []error{err1, err2, err3} {
		if err == nil || (errors.Is(err, fault.ErrConflict) || errors.Is(err, fault.ErrInvalid)) {
			t.Errorf("call %d: err = %v, want a non-rule error", i+1, err)
		}
	}
}

// TestBulkLimit covers P9: a monthly and a bulk credit together are fine, two bulk credits
// at the same time never; P7 benefits are not bulk credits.
func TestBulkLimit(t *testing.T) {
	now := day("2026-02-10")
	heldBulk := assigned(benefit("b-9", AzureBulkCredit), raj)
	lastYear := heldBulk
	lastYear.ID, lastYear.StartDate, lastYear.EndDate = "b-8", day("2025-02-05"), day("2026-02-04")
	nextYear := benefit("b-7", AzureBulkCredit)
	nextYear.StartDate, nextYear.EndDate = day("2027-02-05"), day("2028-02-04")
	tests := []struct {
		name     string
		b        Benefit
		holdings []Benefit
		wantRule string
	}{
		{"P9 first bulk", benefit("b-2", AzureBulkCredit), nil, ""},
		{"P9 bulk while holding a monthly", benefit("b-2", AzureBulkCredit),
			[]Benefit{assigned(benefit("b-1", AzureMonthlyCredit), raj)}, ""},
		{"P9 monthly while holding a bulk", benefit("b-1", AzureMonthlyCredit), []Benefit{heldBulk}, ""},
		{"P9 second monthly", benefit("b-1", AzureMonthlyCredit),
			[]Benefit{assigned(benefit("b-0", AzureMonthlyCredit), raj)}, ""},
		{"P9 second bulk refused", benefit("b-2", AzureBulkCredit), []Benefit{heldBulk}, "P9"},
		{"P9 second bulk refused after redemption", benefit("b-2", AzureBulkCredit),
			[]Benefit{redeemed(benefit("b-9", AzureBulkCredit), raj, now)}, "P9"},
		{"P9 second bulk refused, monthly also held", benefit("b-2", AzureBulkCredit),
			[]Benefit{assigned(benefit("b-1", AzureMonthlyCredit), raj), heldBulk}, "P9"},
		{"P9 last year's bulk does not overlap", benefit("b-2", AzureBulkCredit), []Benefit{lastYear}, ""},
		{"P9 next year's bulk does not overlap", nextYear, []Benefit{heldBulk}, ""},
		{"P7 bulk while holding a P7 benefit", benefit("b-2", AzureBulkCredit),
			[]Benefit{assigned(benefit("b-5", CopilotForSecurity), raj)}, ""},
		{"P7 benefit while holding a bulk", benefit("b-5", GitHubCopilotEnterprise), []Benefit{heldBulk}, ""},
		{"P9 someone else's bulk ignored", benefit("b-2", AzureBulkCredit),
			[]Benefit{assigned(benefit("b-9", AzureBulkCredit), "ana@fabrikam.example")}, ""},
		{"P9 the benefit itself ignored", benefit("b-9", AzureBulkCredit), []Benefit{heldBulk}, ""},
		{"P9 holder matched case-insensitively", benefit("b-2", AzureBulkCredit),
			[]Benefit{assigned(benefit("b-9", AzureBulkCredit), "RAJ@fabrikam.example")}, "P9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckBulkLimit(tt.b, raj, tt.holdings)
			checkRule(t, err, tt.wantRule, FieldUser)
			// Assign applies the same rule (when the benefit itself is assignable now).
			if StatusOf(tt.b, now) == StatusNotRedeemed {
				_, err = Assign(Policy{}, AssignRequest{Benefit: tt.b, User: raj, Holdings: tt.holdings,
					Domains: fabrikam, Actor: admin, Now: now})
				checkRule(t, err, tt.wantRule, FieldUser)
			}
		})
	}
}
