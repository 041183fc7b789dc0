package store_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/store"
)

// TestPartnerStandingOf: where navigation leads a user depends on their memberships and partner
// roles across organisations (P1): the admin holds the role, a member only the membership, a
// stranger nothing. On the organisation itself, PartnerGrantsOf and PartnerAccessOf (the
// organisation and the grants in one statement, by its id in any case) agree, and the other
// organisation grants none of them anything; an unknown id is not found.
func TestPartnerStandingOf(t *testing.T) {
	eachBenefits(t, func(t *testing.T, d *partnerSeed) {
		ctx := context.Background()
		stranger := store.User{Email: "nobody@elsewhere.example", Name: "Nobody", PasswordHash: "x"}
		mustOK(t, d.s.CreateUser(ctx, tester, &stranger))
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
				got, err := d.s.PartnerStandingOf(ctx, tt.user.ID)
				if err != nil {
					t.Fatal(err)
				}
				if got.Member != tt.wantMember || got.Can(access.ManageBenefits) != tt.wantAdmin {
					t.Errorf("standing = %+v, want member %v admin %v", got, tt.wantMember, tt.wantAdmin)
				}
				grants, err := d.s.PartnerGrantsOf(ctx, d.partner.ID, tt.user.ID)
				if err != nil || grants.Member != tt.wantMember || grants.Can(access.ManageBenefits) != tt.wantAdmin {
					t.Errorf("grants = %+v, %v; want member %v admin %v", grants, err, tt.wantMember, tt.wantAdmin)
				}
				p, both, err := d.s.PartnerAccessOf(ctx, strings.ToUpper(d.partner.ExternalID), tt.user.ID)
				if err != nil || p.ID != d.partner.ID || p.Name != d.partner.Name || !slices.Equal(both.Roles, grants.Roles) || both.Member != grants.Member {
					t.Errorf("access = %+v %+v, %v; want %+v %+v", p, both, err, d.partner, grants)
				}
				if _, other, err := d.s.PartnerAccessOf(ctx, d.other.ExternalID, tt.user.ID); err != nil || other.Member || len(other.Roles) > 0 {
					t.Errorf("the other organisation: %+v, %v; want nothing", other, err)
				}
			})
		}
		if _, _, err := d.s.PartnerAccessOf(ctx, "no-such-partner", d.admin.ID); !errors.Is(err, fault.ErrNotFound) {
			t.Errorf("unknown organisation: %v, want not found", err)
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
