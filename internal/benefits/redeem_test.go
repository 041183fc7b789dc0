package benefits

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/fault"
)

const fixedSub = "abababab-abab-4bab-abab-abababababab" // NewSubscriptionID(fixedRandom())

// TestRedeem covers P5 (holder only, always a new subscription), P11 (13 months from the
// first activation), P3/P8 timing and the refusals.
func TestRedeem(t *testing.T) {
	now := at("2026-03-10T09:00:00Z")
	m := benefit("b-001", AzureMonthlyCredit) // its membership ends 2027-02-04
	long := m                                 // a membership that outlasts 13 months (P11)
	long.EndDate = day("2028-02-04")
	// Activated by raj, then reassigned to ana, who has not redeemed yet.
	reassigned := redeemed(long, raj, at("2026-02-10T08:00:00Z"))
	reassigned.AssignedTo, reassigned.RedeemedAt, reassigned.SubscriptionID = "ana@fabrikam.example", time.Time{}, ""
	late := assigned(long, raj)
	late.StartDate = day("2026-02-20")
	tests := []struct {
		name       string
		b          Benefit
		user       string
		now        time.Time
		wantRule   string
		wantField  string
		wantExpiry time.Time
	}{
		{"P5 monthly by holder", assigned(long, raj), raj, now, "", "", at("2027-04-10T09:00:00Z")},
		{"P5 holder in other case", assigned(long, raj), " Raj@Fabrikam.example", now, "", "", at("2027-04-10T09:00:00Z")},
		{"P11 the membership ends first", assigned(m, raj), raj, now, "", "", day("2027-02-05")},
		{"P5 bulk by holder", assigned(benefit("b-2", AzureBulkCredit), raj), raj, now, "", "", day("2027-02-05")},
		{"P7 GitHub Copilot Enterprise", assigned(benefit("b-4", GitHubCopilotEnterprise), raj), raj, now, "", "", day("2027-02-05")},
		{"P11 reassigned: activation kept", reassigned, "ana@fabrikam.example", now, "", "", at("2027-03-10T08:00:00Z")},
		{"P3 on the start date", late, raj, day("2026-02-20"), "", "", at("2027-03-20T00:00:00Z")},
		{"P5 another user", assigned(m, raj), "ana@fabrikam.example", now, "P5", FieldUser, time.Time{}},
		{"P5 another user, already redeemed", redeemed(m, raj, now), "ana@fabrikam.example", now, "P5", FieldUser, time.Time{}},
		{"P5 already redeemed", redeemed(m, raj, day("2026-03-01")), raj, now, "P5", FieldBenefit, time.Time{}},
		{"P4 not assigned", m, raj, now, "P4", FieldBenefit, time.Time{}},
		{"P8 pending provisioning", assigned(m, raj), raj, day("2026-02-04"), "P8", FieldBenefit, time.Time{}},
		{"P3 before the start date", late, raj, at("2026-02-19T23:59:59Z"), "P3", FieldBenefit, time.Time{}},
		{"P3 after the end date", assigned(m, raj), raj, day("2027-02-05"), "P3", FieldBenefit, time.Time{}},
		{"P11 13 months after activation", reassigned, "ana@fabrikam.example", at("2027-03-10T08:00:00Z"), "P11", FieldBenefit, time.Time{}},
		{"P11 after the membership's end", redeemed(m, raj, at("2026-03-01T08:00:00Z")), raj, day("2027-02-05"), "P11", FieldBenefit, time.Time{}},
		{"X2 no user", assigned(m, raj), "  ", now, RuleInput, FieldUser, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ch, err := Redeem(RedeemRequest{Benefit: tt.b, User: tt.user, Now: tt.now}, fixedRandom())
			checkRule(t, err, tt.wantRule, tt.wantField)
			if err != nil {
				return
			}
			a := ch.After
			if a.SubscriptionID != fixedSub || !a.RedeemedAt.Equal(tt.now) || ch.Event != nil || ch.Action != ActionRedeem {
				t.Errorf("change = %+v", ch)
			}
			if !ExpiresAt(a).Equal(tt.wantExpiry) {
				t.Errorf("expires %s, want %s", ExpiresAt(a), tt.wantExpiry)
			}
			if StatusOf(a, tt.now) != StatusRedeemed || !says(ch.Summary, KeyDidRedeem, fault.ID(fixedSub)) {
				t.Errorf("status %s, summary %q", StatusOf(a, tt.now), ch.Summary)
			}
			if err := a.Validate(); err != nil {
				t.Errorf("redeemed benefit does not validate: %v", err)
			}
		})
	}
}

// TestRedeemAfterReassignment: P5 across a reassignment, the new holder gets a new
// subscription, never the previous holder's.
func TestRedeemAfterReassignment(t *testing.T) {
	b := redeemed(benefit("b-001", AzureMonthlyCredit), raj, day("2026-03-01"))
	ch, err := Reassign(Policy{}, AssignRequest{Benefit: b, User: "ana@fabrikam.example", Domains: fabrikam,
		Actor: admin, Now: day("2026-04-01")})
	if err != nil {
		t.Fatal(err)
	}
	ch, err = Redeem(RedeemRequest{Benefit: ch.After, User: "ana@fabrikam.example", Now: day("2026-04-02")}, fixedRandom())
	if err != nil {
		t.Fatal(err)
	}
	if got := ch.After.SubscriptionID; got == b.SubscriptionID || got != fixedSub {
		t.Errorf("subscription = %s, want a new one (old %s)", got, b.SubscriptionID)
	}
	if !ch.After.ActivatedAt.Equal(day("2026-03-01")) {
		t.Errorf("activation = %s, want the first one kept (P11)", ch.After.ActivatedAt)
	}
}

func TestRedeemRandomFailure(t *testing.T) {
	b := assigned(benefit("b-001", AzureMonthlyCredit), raj)
	_, err := Redeem(RedeemRequest{Benefit: b, User: raj, Now: day("2026-03-01")}, bytes.NewReader(make([]byte, 5)))
	if !errors.Is(err, io.ErrUnexpectedEOF) || (errors.Is(err, fault.ErrConflict) || errors.Is(err, fault.ErrInvalid)) {
		t.Errorf("err = %v, want a wrapped io.ErrUnexpectedEOF that is not a rule violation", err)
	}
}

func TestNewSubscriptionID(t *testing.T) {
	tests := []struct {
		name   string
		random []byte
		want   string
	}{
		{"all 0xab", bytes.Repeat([]byte{0xab}, 16), fixedSub},
		{"zeros", make([]byte, 16), "00000000-0000-4000-8000-000000000000"},
		{"ones", bytes.Repeat([]byte{0xff}, 16), "ffffffff-ffff-4fff-bfff-ffffffffffff"},
		{"counting", []byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
			"00010203-0405-4607-8809-0a0b0c0d0e0f"},
	}
	for _, tt := range tests {
		got, err := NewSubscriptionID(bytes.NewReader(tt.random))
		if err != nil || got != tt.want || !validGUID(got) {
			t.Errorf("%s: NewSubscriptionID = %q, %v, want %q", tt.name, got, err, tt.want)
		}
	}
	for _, s := range []string{"", "abababab-abab-4bab-abab-ababababababa", "abababab_abab-4bab-abab-abababababab",
		"gbababab-abab-4bab-abab-abababababab"} {
		if validGUID(s) {
			t.Errorf("validGUID(%q) = true", s)
		}
	}
}
