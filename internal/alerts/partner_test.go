package alerts

import (
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/money"
)

// TestParseKeepsKindsToTheirScope: a partner organisation takes its three kinds only, a billing
// scope none of them, and the days are required and bounded (X2: the field is named).
func TestParseKeepsKindsToTheirScope(t *testing.T) {
	tests := []struct {
		parse func(Form) (Rule, error)
		form  Form
		field string // "" when valid
	}{
		{ParsePartner, Form{Kind: "benefit.unused", Days: "30"}, ""},
		{ParsePartner, Form{Kind: "benefit.unredeemed", Days: "7", Amount: "junk"}, ""}, // no amount taken
		{ParsePartner, Form{Kind: "membership.ending", Days: "60"}, ""},
		{ParsePartner, Form{Kind: "membership.ending"}, "days"},
		{ParsePartner, Form{Kind: "benefit.unused", Days: "0"}, "days"},
		{ParsePartner, Form{Kind: "benefit.unused", Days: "3651"}, "days"},
		{ParsePartner, Form{Kind: "credit.expiring", Days: "30"}, "kind"},
		{Parse, Form{Kind: "membership.ending", Days: "30"}, "kind"},
	}
	for _, tt := range tests {
		_, err := tt.parse(tt.form)
		v, _ := fault.AsInvalid(err)
		if tt.field == "" && err != nil || tt.field != "" && v.For(tt.field) == "" {
			t.Errorf("parse(%+v) = %v, want field %q refused", tt.form, err, tt.field)
		}
	}
}

// TestCheckPartnerBoundaries: a benefit is unused from N days before its last day through that
// day while it is Not redeemed or Assigned (P3, P4); Pending provisioning (P8) and Redeemed
// (P5) ones are not. A monthly credit is unredeemed from N days after its holder's assignment
// (P12 history). The membership ends with the latest end date of its benefits.
func TestCheckPartnerBoundaries(t *testing.T) {
	d := func(s string) time.Time {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			panic(err)
		}
		return t
	}
	base := benefits.Benefit{Kind: benefits.AzureMonthlyCredit, Amount: money.MustParse("100"), Currency: "USD",
		PurchaseDate: d("2026-02-01"), StartDate: d("2026-02-05"), EndDate: d("2027-02-04")}
	free, held, used, fresh := base, base, base, base
	free.ID, held.ID, used.ID, fresh.ID = "free", "held", "used", "fresh"
	held.AssignedTo, used.AssignedTo = "raj@tailspin.example", "mei@tailspin.example"
	used.ActivatedAt, used.RedeemedAt, used.SubscriptionID = d("2026-03-01"), d("2026-03-01"), "x"
	fresh.PurchaseDate = d("2027-01-30") // provisioned on 2027-02-03 (P8)
	facts := func(now string) PartnerFacts {
		return PartnerFacts{Now: d(now).Add(9 * time.Hour), Benefits: []BenefitFacts{{Benefit: free}, {Benefit: used}, {Benefit: fresh},
			{Benefit: held, History: []benefits.Event{{At: d("2027-01-01").Add(15 * time.Hour), To: "raj@tailspin.example"}}}}}
	}
	ids := func(hs []Hit) (out []string) {
		for _, h := range hs {
			out = append(out, h.Benefit)
		}
		return out
	}
	unused := Rule{Kind: BenefitUnused, Days: 30}
	if got := ids(CheckPartner(unused, facts("2027-01-04"))); len(got) != 0 {
		t.Errorf("31 days before the end: %v, want none", got)
	}
	if got := ids(CheckPartner(unused, facts("2027-01-05"))); len(got) != 2 || got[0] != "free" || got[1] != "held" {
		t.Errorf("30 days before the end: %v, want free and held", got)
	}
	if got := ids(CheckPartner(unused, facts("2027-02-04"))); len(got) != 3 {
		t.Errorf("on the last day: %v, want free, fresh (provisioned) and held", got)
	}
	if got := CheckPartner(unused, facts("2027-02-05")); len(got) != 0 {
		t.Errorf("after the end: %v, want none (expired)", got)
	}
	unredeemed := Rule{Kind: BenefitUnredeemed, Days: 10}
	if got := CheckPartner(unredeemed, facts("2027-01-10")); len(got) != 0 {
		t.Errorf("9 days after the assignment: %v", got)
	}
	if got := CheckPartner(unredeemed, facts("2027-01-11")); len(got) != 1 || got[0].Benefit != "held" || *got[0].Values.DaysWaiting != 10 {
		t.Errorf("10 days after the assignment: %+v, want held", got)
	}
	ending := Rule{Kind: MembershipEnding, Days: 10}
	if got := CheckPartner(ending, facts("2027-01-24")); len(got) != 0 {
		t.Errorf("11 days before the membership's end: %v", got)
	}
	if got := CheckPartner(ending, facts("2027-01-25")); len(got) != 1 || got[0].Benefit != "" || got[0].Values.ExpirationDate.String() != "2027-02-04" {
		t.Errorf("10 days before the membership's end: %+v", got)
	}
}
