package store_test

import (
	"context"
	"slices"
	"testing"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/password/passwordtest"
	"github.com/creditdesk/creditdesk/internal/scenario"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestDigestSubscribersWithSomethingToReport (issue 12, review finding): of the demo's users who
// asked for the weekly digest, only those who may have something in it are listed, so that the
// others are not looked at again in every run: a role on a Microsoft Customer Agreement
// account or profile (M6; Maya also reads an Enterprise Agreement), or a role in a partner
// organisation (P1). The owners of an Enterprise Agreement and of a Pay-As-You-Go account, and
// partner members without a role, are left out, as is a user who did not ask.
func TestDigestSubscribersWithSomethingToReport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sc, err := scenario.Demo()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := scenario.Load(ctx, s, sc, passwordtest.Params()); err != nil {
			t.Fatal(err)
		}
		for _, email := range []string{"ana@northwind.example", "li@northwind.example", "maya@northwind.example",
			"ben@fabrikam.example", "sam@adatum.example", "olga@tailspin.example", "raj@tailspin.example"} {
			u, err := s.UserByEmail(ctx, email)
			if err != nil {
				t.Fatal(err)
			}
			if err := s.SetDigest(ctx, u.ID, true); err != nil {
				t.Fatal(err)
			}
		}
		users, err := s.DigestSubscribers(ctx, string(access.AgreementMCA))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, u := range users {
			got = append(got, u.Email)
		}
		slices.Sort(got)
		want := []string{"ana@northwind.example", "li@northwind.example", "maya@northwind.example", "olga@tailspin.example"}
		if !slices.Equal(got, want) {
			t.Errorf("subscribers listed %v, want %v", got, want)
		}
	})
}
