package store_test

import (
	"context"
	"testing"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/store"
)

// TestPartnerStandingOf: where navigation leads a user depends on their memberships and partner
// roles across organisations (P1): the admin holds the role, a member only the membership, a
// stranger nothing.
func TestPartnerStandingOf(t *testing.T) {
	t.Parallel()
	eachBenefits(t, func(t *testing.T, d *partnerSeed) {
		stranger := store.User{Email: "nobody@elsewhere.example", Name: "Nobody", PasswordHash: "x"}
		mustOK(t, d.s.CreateUser(context.Background(), tester, &stranger))
		tests := []struct {
			name       string
			user       store.User
			wantMember bool
			wantAdmin  bool
		}{
			{"P1 partner admin", d.admin, true, true},
			{"P1 member without a role", d.users[fabRaj], true, false},
			{"P1 no organisation", stranger, false, false},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := d.s.PartnerStandingOf(context.Background(), tt.user.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.Member != tt.wantMember || got.Can(access.ManageBenefits) != tt.wantAdmin {
					t.Errorf("standing = %+v, want member %v admin %v", got, tt.wantMember, tt.wantAdmin)
				}
			})
		}
	})
}

// TestRefusalOf: a refused attempt's audit entry splits into its rule and its sentence (X1),
// so the page shows words; other entries are left alone.
func TestRefusalOf(t *testing.T) {
	t.Parallel()
	tests := []struct {
		after, wantRule, wantMessage string
		wantOK                       bool
	}{
		{"refused by P3: This benefit ended on 2026-02-04; it is no longer available.", "P3",
			"This benefit ended on 2026-02-04; it is no longer available.", true},
		{"refused by P10: a: b", "P10", "a: b", true},
		{"assigned to raj@fabrikam.example", "", "", false},
		{"refused by nobody in particular: x", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		rule, msg, ok := store.RefusalOf(tt.after)
		if rule != tt.wantRule || msg != tt.wantMessage || ok != tt.wantOK {
			t.Errorf("RefusalOf(%q) = %q, %q, %v; want %q, %q, %v", tt.after, rule, msg, ok, tt.wantRule, tt.wantMessage, tt.wantOK)
		}
	}
}
