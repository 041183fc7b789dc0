package store_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/password"
	"github.com/creditdesk/creditdesk/internal/store"
)

// TestBenefitLifecycle: assign (P4), reassign counted and shown (P6, P12), remove, redeem by
// the holder into a new subscription valid 13 months (P5, P11), every step in the history and
// the audit log (X1).
func TestBenefitLifecycle(t *testing.T) {
	eachBenefits(t, func(t *testing.T, d *partnerSeed) {
		ctx := context.Background()
		d.assign(t, "m-1", fabRaj, false)
		d.assign(t, "m-1", fabAna, true)
		if _, err := d.s.RemoveBenefitUser(ctx, d.admin, d.partner, "m-1"); err != nil {
			t.Fatal(err)
		}
		d.assign(t, "m-1", "U1@Fabrikam.example", false)
		b := d.benefit(t, "m-1")
		if got := benefits.Reassignments(b.Benefit.Kind, b.History).String(); got != "2 of 5 used" || b.Reassignments != 2 {
			t.Errorf("reassignments = %q (column %d), want 2 of 5 used", got, b.Reassignments)
		}
		if len(b.History) != 4 || b.History[3].To != "u1@fabrikam.example" || b.Benefit.AssignedTo != "u1@fabrikam.example" {
			t.Errorf("history %+v, holder %q", b.History, b.Benefit.AssignedTo)
		}
		if _, err := d.s.RedeemBenefit(ctx, d.users[fabRaj], "m-1", bytes.NewReader(make([]byte, 16))); !errors.Is(err, fault.ErrNotFound) {
			t.Errorf("redeem by a former holder: err = %v, want ErrNotFound (P5)", err)
		}
		ch, err := d.s.RedeemBenefit(ctx, d.users["u1@fabrikam.example"], "M-1", bytes.NewReader(bytes.Repeat([]byte{7}, 16)))
		if err != nil {
			t.Fatal(err)
		}
		b = d.benefit(t, "m-1")
		if b.Benefit.SubscriptionID == "" || b.Benefit.SubscriptionID != ch.After.SubscriptionID ||
			!b.Benefit.ActivatedAt.Equal(benefitsNow) || benefits.StatusOf(b.Benefit, benefitsNow) != benefits.StatusRedeemed {
			t.Errorf("after redemption: %+v", b.Benefit)
		}
		// P11: the membership ends (2027-02-04) before 13 months from activation (2027-04-01).
		if got, want := benefits.ExpiresAt(b.Benefit), time.Date(2027, 2, 5, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
			t.Errorf("P11 valid until %s, want %s", got, want)
		}
		events, err := d.s.AuditOf(ctx, d.partner.ScopeID(), 0, 20)
		if err != nil {
			t.Fatal(err)
		}
		var actions []string
		for _, e := range events {
			actions = append(actions, e.Action)
		}
		want := "benefit.redeem benefit.assign benefit.remove benefit.reassign benefit.assign"
		if got := strings.Join(actions[:5], " "); got != want {
			t.Errorf("audit actions %q, want %q", got, want)
		}
	})
}

// TestBenefitRefusals: every refused request leaves the benefit as it was; rule refusals are
// audited (X1), malformed input and unknown benefits are not.
func TestBenefitRefusals(t *testing.T) {
	eachBenefits(t, func(t *testing.T, d *partnerSeed) {
		ctx := context.Background()
		d.assign(t, "k-1", fabRaj, false)
		tests := []struct {
			name     string
			id, user string
			reassign bool
			wantRule string // "" for not found
			audited  bool
		}{
			{"X2 empty user", "m-1", "", false, benefits.RuleInput, false},
			{"X2 too long", "m-1", strings.Repeat("a", 250) + "@fabrikam.example", false, benefits.RuleInput, false},
			{"P10 free mail", "m-1", "raj@Gmail.com", false, "P10", true},
			{"P10 free mail subdomain", "m-1", "raj@mail.gmail.com", false, "P10", true},
			{"P10 another domain", "m-1", "raj@contoso.example", false, "P10", true},
			{"P4 unknown user", "m-1", "ghost@fabrikam.example", false, "P4", true},
			{"P4 already assigned", "k-1", fabAna, false, "P4", true},
			{"P6 bulk reassignment", "k-1", fabAna, true, "P6", true},
			{"P6 reassign with nobody assigned", "m-2", fabAna, true, "P6", true},
			{"P9 second bulk", "k-2", fabRaj, false, "P9", true},
			{"tampered id of another organisation", "c-1", fabRaj, false, "", false},
			{"unknown id", "nope", fabRaj, false, "", false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				before, _ := d.s.BenefitOfPartner(ctx, d.partner.ID, tt.id)
				auditBefore, _ := d.s.AuditOf(ctx, d.partner.ScopeID(), 0, 1)
				_, err := d.s.AssignBenefit(ctx, d.admin, d.partner, tt.id, tt.user, tt.reassign)
				if tt.wantRule == "" {
					if !errors.Is(err, fault.ErrNotFound) {
						t.Fatalf("err = %v, want ErrNotFound", err)
					}
				} else if got := ruleOf(t, err); got != tt.wantRule {
					t.Fatalf("rule %s (%v), want %s", got, err, tt.wantRule)
				}
				after, _ := d.s.BenefitOfPartner(ctx, d.partner.ID, tt.id)
				if after.Benefit != before.Benefit || len(after.History) != len(before.History) {
					t.Errorf("a refusal changed the benefit: %+v -> %+v", before.Benefit, after.Benefit)
				}
				auditAfter, _ := d.s.AuditOf(ctx, d.partner.ScopeID(), 0, 1)
				recorded := auditAfter[0].ID != auditBefore[0].ID
				if recorded != tt.audited || recorded && !strings.HasSuffix(auditAfter[0].Action, ".refused") {
					t.Errorf("audit recorded=%v (%+v), want %v", recorded, auditAfter[0], tt.audited)
				}
			})
		}
		if _, err := d.s.AssignBenefit(ctx, d.admin, d.partner, "m-1", fabRaj, false); err != nil {
			t.Errorf("P9 a monthly credit alongside the bulk one: %v", err)
		}
	})
}

// TestReassignmentLimit: the fifth reassignment is allowed and the sixth refused (P6, P12).
func TestReassignmentLimit(t *testing.T) {
	eachBenefits(t, func(t *testing.T, d *partnerSeed) {
		d.assign(t, "m-1", "u1@fabrikam.example", false)
		for i := 2; i <= 6; i++ {
			d.assign(t, "m-1", "u"+string(rune('0'+i))+"@fabrikam.example", true)
		}
		_, err := d.s.AssignBenefit(context.Background(), d.admin, d.partner, "m-1", "u7@fabrikam.example", true)
		if ruleOf(t, err) != "P6" {
			t.Fatalf("sixth reassignment: %v, want P6", err)
		}
		if b := d.benefit(t, "m-1"); b.Reassignments != 5 || b.Benefit.AssignedTo != "u6@fabrikam.example" {
			t.Errorf("after the refusal: %d used, holder %s", b.Reassignments, b.Benefit.AssignedTo)
		}
	})
}

// TestAddMemberAndAssign: Add a new user creates a member without a usable password and
// assigns in one step (P4); a refused one leaves no user behind (X2, P10).
func TestAddMemberAndAssign(t *testing.T) {
	eachBenefits(t, func(t *testing.T, d *partnerSeed) {
		ctx := context.Background()
		for _, tt := range []struct{ name, email, rule string }{
			{"", "new@fabrikam.example", benefits.RuleInput},
			{"New Person", "new@gmail.com", "P10"},
			{"New Person", fabAna, benefits.RuleInput},
		} {
			if _, err := d.s.AddMemberAndAssign(ctx, d.admin, d.partner, "m-1", tt.name, tt.email, false); ruleOf(t, err) != tt.rule {
				t.Errorf("add %q %q: %v, want %s", tt.name, tt.email, err, tt.rule)
			}
		}
		if _, err := d.s.UserByEmail(ctx, "new@fabrikam.example"); !errors.Is(err, fault.ErrNotFound) {
			t.Errorf("a refused Add a new user created the user: %v", err)
		}
		// Pending provisioning (P8) refuses the assignment, and so the user too.
		mustOK(t, d.s.CreateBenefit(ctx, d.admin, d.partner, benefits.Benefit{ID: "p-1", Kind: benefits.AzureMonthlyCredit,
			Amount: money.FromUnits(100), Currency: "USD", PurchaseDate: day("2026-02-28"), StartDate: day("2026-03-04"),
			EndDate: day("2027-03-03")}, nil))
		if _, err := d.s.AddMemberAndAssign(ctx, d.admin, d.partner, "p-1", "New Person", "new@fabrikam.example", false); ruleOf(t, err) != "P8" {
			t.Errorf("pending provisioning: %v, want P8", err)
		}
		if _, err := d.s.UserByEmail(ctx, "new@fabrikam.example"); !errors.Is(err, fault.ErrNotFound) {
			t.Errorf("a refused assignment left its new user behind: %v", err)
		}
		if _, err := d.s.AddMemberAndAssign(ctx, d.admin, d.partner, "m-1", " New Person ", "New@Fabrikam.example", false); err != nil {
			t.Fatal(err)
		}
		u, err := d.s.UserByEmail(ctx, "new@fabrikam.example")
		if err != nil || u.Name != "New Person" || !password.IsUnset(u.PasswordHash) {
			t.Errorf("new user %+v, %v: want the name and an unset password", u, err)
		}
		if b := d.benefit(t, "m-1"); b.Benefit.AssignedTo != "new@fabrikam.example" {
			t.Errorf("holder %q", b.Benefit.AssignedTo)
		}
	})
}

// TestMonthlyHistoryFromUsage: stored usage feeds the monthly lapse table (P3).
func TestMonthlyHistoryFromUsage(t *testing.T) {
	eachBenefits(t, func(t *testing.T, d *partnerSeed) {
		ctx := context.Background()
		d.assign(t, "m-1", fabRaj, false)
		d.clock.T = day("2026-02-10")
		if _, err := d.s.RedeemBenefit(ctx, d.users[fabRaj], "m-1", bytes.NewReader(make([]byte, 16))); err != nil {
			t.Fatal(err)
		}
		mustOK(t, d.s.RecordBenefitUsage(ctx, "m-1", day("2026-02-20"), money.FromUnits(40)))
		d.clock.T = day("2026-03-15")
		b := d.benefit(t, "m-1")
		months, err := benefits.MonthlyHistory(b.Benefit, b.Usage, d.clock.T)
		if err != nil || len(months) != 2 || months[0].Used.String() != "40.00" || months[0].Lapsed.String() != "60.00" {
			t.Errorf("months %+v, %v: want month 1 used 40, lapsed 60", months, err)
		}
	})
}

// TestInstallationFreeMailDomains: a domain the installation adds to the free-mail list is
// refused like the built-in ones, subdomains included (P10); a malformed one is not added.
func TestInstallationFreeMailDomains(t *testing.T) {
	eachBenefits(t, func(t *testing.T, d *partnerSeed) {
		ctx := context.Background()
		if _, err := d.s.AddFreeMailDomain(ctx, "not a domain"); err == nil {
			t.Error("a malformed domain was added")
		}
		if added, err := d.s.AddFreeMailDomain(ctx, "@Staff-Mail.Fabrikam.example"); err != nil || !added {
			t.Fatalf("add: %v, %v", added, err)
		}
		if added, _ := d.s.AddFreeMailDomain(ctx, "staff-mail.fabrikam.example"); added {
			t.Error("the same domain was added twice")
		}
		u := store.User{Email: "kim@eu.staff-mail.fabrikam.example", Name: "Kim", PasswordHash: "x"}
		mustOK(t, d.s.CreateUser(ctx, tester, &u))
		_, _, err := d.s.EnsurePartnerMember(ctx, tester, d.partner, u)
		mustOK(t, err)
		if _, err := d.s.AssignBenefit(ctx, d.admin, d.partner, "m-1", u.Email, false); ruleOf(t, err) != "P10" {
			t.Errorf("assign to an installation free-mail subdomain: %v, want P10", err)
		}
	})
}
