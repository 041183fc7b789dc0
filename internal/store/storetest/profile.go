package storetest

import (
	"context"
	"testing"

	"github.com/creditdesk/creditdesk/internal/store"
)

// Profile returns the billing account named account (in any case) and its billing profile named
// profile, as a loaded scenario left them; it fails the test when either is missing.
func Profile(t testing.TB, s *store.Store, account, profile string) (store.BillingAccount, store.BillingProfile) {
	t.Helper()
	ctx := context.Background()
	a, err := s.AccountByName(ctx, account)
	if err != nil {
		t.Fatalf("billing account %s: %v", account, err)
	}
	p, err := s.ProfileByName(ctx, a.ID, profile)
	if err != nil {
		t.Fatalf("billing profile %s of %s: %v", profile, account, err)
	}
	return a, p
}
