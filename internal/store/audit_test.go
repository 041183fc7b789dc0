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
	t.Parallel()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a := store.Scope{Account: store.BillingAccount{Name: "5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31"}}
		b := store.Scope{Account: store.BillingAccount{Name: "5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0bX2019-05-31"}}
		aProfile := store.Scope{Account: a.Account, Profile: &store.BillingProfile{Name: "PBFV-AB12-CD3-EF4"}}
		bProfile := store.Scope{Account: b.Account, Profile: &store.BillingProfile{Name: "PBFV-AB12-CD3-EF4"}}
		actor := store.User{Email: "ana@northwind.example"}
		for _, sc := range []store.Scope{a, aProfile, b, bProfile} {
			if err := s.RecordAudit(ctx, actor, "test", sc.ID(), sc.ID(), "", ""); err != nil {
				t.Fatal(err)
			}
		}
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
				got = append(got, e.Target)
			}
			if !equal(got, tt.want) {
				t.Errorf("AuditOf(%s) = %v, want %v", tt.scope.ID(), got, tt.want)
			}
		}
	})
}
