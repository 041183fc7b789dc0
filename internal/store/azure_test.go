package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestAzureConnectionClaim: one runner per connection across instances (issue 13): of runners
// racing for a connection exactly one gets it; the others wait until it finishes or its lease
// runs out; a runner whose claim was taken over records nothing.
func TestAzureConnectionClaim(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		a, _, err := s.SaveAccount(ctx, tester, store.BillingAccount{Name: "acct", DisplayName: "Acct", AgreementType: string(access.AgreementMCA),
			AccountType: "Enterprise", Status: "Active"})
		if err != nil {
			t.Fatal(err)
		}
		c, _, err := s.SaveAzureConnection(ctx, store.User{Email: "test"}, a, store.AzureConnection{AzureAccount: "azure-acct",
			AuthKind: "managedIdentity", ARMEndpoint: "https://management.azure.com/", AuthorityHost: "https://login.microsoftonline.com/"})
		if err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
		var wins sync.WaitGroup
		won := make(chan string, 8)
		for i := range 8 {
			wins.Add(1)
			go func() {
				defer wins.Done()
				runner := string(rune('a' + i))
				if ok, err := s.ClaimAzureConnection(ctx, c.ID, runner, now, now.Add(time.Minute)); err != nil {
					t.Error(err)
				} else if ok {
					won <- runner
				}
			}()
		}
		wins.Wait()
		close(won)
		var winners []string
		for w := range won {
			winners = append(winners, w)
		}
		if len(winners) != 1 {
			t.Fatalf("%d runners hold the connection: %v", len(winners), winners)
		}
		if ok, _ := s.ClaimAzureConnection(ctx, c.ID, "late", now.Add(30*time.Second), now.Add(2*time.Minute)); ok {
			t.Error("a claim was made while another is valid")
		}
		// Past the lease another runner takes over; the first one's outcome is then ignored.
		if ok, _ := s.ClaimAzureConnection(ctx, c.ID, "next", now.Add(2*time.Minute), now.Add(3*time.Minute)); !ok {
			t.Fatal("an expired claim was not taken over")
		}
		if err := s.FinishAzureSync(ctx, c.ID, winners[0], store.SyncOutcome{At: now, OK: true}); err != nil {
			t.Fatal(err)
		}
		got, _ := s.AzureConnectionOf(ctx, a.ID)
		if got.LastSuccessAt != nil || got.ClaimedBy != "next" {
			t.Errorf("a stale runner recorded its outcome: %+v", got)
		}
		if err := s.FinishAzureSync(ctx, c.ID, "next", store.SyncOutcome{At: now, Problem: "throttled", ProblemDetail: "HTTP 429"}); err != nil {
			t.Fatal(err)
		}
		got, _ = s.AzureConnectionOf(ctx, a.ID)
		if got.ClaimedUntil != nil || got.ClaimedBy != "" || got.Problem != "throttled" || got.LastSuccessAt != nil {
			t.Errorf("after finishing: %+v", got)
		}
		if ok, _ := s.ClaimAzureConnection(ctx, c.ID, "again", now.Add(4*time.Minute), now.Add(5*time.Minute)); !ok {
			t.Error("a finished claim blocks the next run")
		}
	})
}
