package store_test

import (
	"context"
	"testing"

	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestAuditOfAnAccountIsItsOwn: an account's log holds its own and its profiles' entries, never
// those of an account whose name differs where a LIKE wildcard would match (X1, M3).
func TestAuditOfAnAccountIsItsOwn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		var scopes []store.Scope
		for _, name := range []string{
			"5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31",
			"5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0bX2019-05-31",
		} {
			acct, _, err := s.SaveAccount(ctx, tester, store.BillingAccount{Name: name, DisplayName: name, Status: "Active"})
			if err != nil {
				t.Fatal(err)
			}
			p, _, err := s.SaveProfile(ctx, tester, acct, store.BillingProfile{Name: "PBFV-AB12-CD3-EF4",
				DisplayName: "PBFV-AB12-CD3-EF4 of " + name, Currency: "USD", InvoiceDay: 1, Status: "Active"})
			if err != nil {
				t.Fatal(err)
			}
			scopes = append(scopes, store.Scope{Account: acct}, store.Scope{Account: acct, Profile: &p})
		}
		a, aProfile, b, bProfile := scopes[0], scopes[1], scopes[2], scopes[3]
		tests := []struct {
			scope store.Scope
			want  []string
		}{
			{a, []string{aProfile.ID(), a.ID()}},
			{aProfile, []string{aProfile.ID()}},
			{b, []string{bProfile.ID(), b.ID()}},
		}
		for _, tt := range tests {
			events, err := s.AuditOf(ctx, tt.scope.ID(), 0, 10)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range events {
				got = append(got, e.Scope)
			}
			if !equal(got, tt.want) {
				t.Errorf("AuditOf(%s) = %v, want %v", tt.scope.ID(), got, tt.want)
			}
		}
	})
}
