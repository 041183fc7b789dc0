package seed_test

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/seed"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestSeedYieldsARealLedger: the generated data goes through the real processing run, so the
// settled events sum to each profile's balance (M13) and the estimate obeys M12.
func TestSeedYieldsARealLedger(t *testing.T) {
	p := seed.Plan{Profiles: 3, LotsPerProfile: 4, Months: 6, AdjustPerMonth: 5, Today: ledger.MustDate("2026-11-20")}
	s := storetest.Open(t, store.SQLite, p.Clocks())
	res, err := seed.Run(context.Background(), s, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Profiles != 3 || res.Invoices != 3*6 || res.Released != 12 {
		t.Errorf("processing: %+v, want 3 profiles, 18 invoices, 12 lots released", res)
	}
	if res.EventsStored == 0 || res.EventsStored > p.EventsEstimate() {
		t.Errorf("%d events, want some and at most the estimate %d", res.EventsStored, p.EventsEstimate())
	}
	ctx := context.Background()
	acct := firstAccount(t, s)
	profiles, _ := s.ProfilesOfAccount(ctx, acct.ID)
	for _, prof := range profiles {
		events, _, err := s.EventsPage(ctx, store.EventQuery{ProfileIDs: []int64{prof.ID}, Newest: true, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		sum := money.Zero
		for _, e := range events {
			sum = sum.Add(e.Amount)
		}
		if sum != prof.CurrentBalance || int64(len(events)) != prof.EventSeq {
			t.Errorf("%s: events sum to %s over %d events, balance %d over seq %d", prof.Name, sum, len(events), prof.CurrentBalance, prof.EventSeq)
		}
	}
}

// BenchmarkProfileReads shows that what a credits page reads costs the same whatever the length
// of the profile's history: the balance summary, the first page of lots and of transactions.
func BenchmarkProfileReads(b *testing.B) {
	for _, months := range []int{3, 36} {
		p := seed.Plan{Profiles: 1, LotsPerProfile: 10, Months: months, AdjustPerMonth: 40, Today: ledger.MustDate("2026-11-20")}
		s := storetest.Open(b, store.SQLite, p.Clocks())
		ctx := context.Background()
		res, err := seed.Run(ctx, s, p, nil)
		if err != nil {
			b.Fatal(err)
		}
		prof := firstProfile(b, s)
		b.Run(fmt.Sprintf("events=%d", res.EventsStored), func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := s.ProfileSummary(ctx, prof, p.Today); err != nil {
					b.Fatal(err)
				}
				if _, _, err := s.LotsPage(ctx, store.LotQuery{ProfileIDs: []int64{prof.ID}, Limit: 25, Today: p.Today, Window: 30}); err != nil {
					b.Fatal(err)
				}
				if _, _, err := s.EventsPage(ctx, store.EventQuery{ProfileIDs: []int64{prof.ID}, Newest: true, Limit: 50}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkProfileReadsLarge reads a profile of a database made by `creditdesk seed` (about a
// million events), named by CREDITDESK_BENCH_DATABASE; it is skipped without one.
func BenchmarkProfileReadsLarge(b *testing.B) {
	url := os.Getenv("CREDITDESK_BENCH_DATABASE")
	if url == "" {
		b.Skip("CREDITDESK_BENCH_DATABASE is not set: run `creditdesk seed` first (README: Performance)")
	}
	ctx := context.Background()
	today := ledger.MustDate("2026-11-20")
	s, err := store.Open(ctx, url, clock.Fixed(today.Time()))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	prof := firstProfile(b, s)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.ProfileSummary(ctx, prof, today); err != nil {
			b.Fatal(err)
		}
		if _, _, err := s.LotsPage(ctx, store.LotQuery{ProfileIDs: []int64{prof.ID}, Limit: 25, Today: today, Window: 30}); err != nil {
			b.Fatal(err)
		}
		if _, _, err := s.EventsPage(ctx, store.EventQuery{ProfileIDs: []int64{prof.ID}, Newest: true, Limit: 50}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAccountSummary reads the account summary of 50 profiles seeded with a year of
// history, 45 adjustments a month and 19 unbilled days (the store call behind the account's
// credits page, issue 10), on SQLite.
func BenchmarkAccountSummary(b *testing.B) {
	p := seed.Plan{Profiles: 50, LotsPerProfile: 10, Months: 12, AdjustPerMonth: 45, Today: ledger.MustDate("2026-11-20")}
	s := storetest.Open(b, store.SQLite, p.Clocks())
	ctx := context.Background()
	if _, err := seed.Run(ctx, s, p, nil); err != nil {
		b.Fatal(err)
	}
	acct := firstAccount(b, s)
	ps, err := s.ProfilesOfAccount(ctx, acct.ID)
	if err != nil || len(ps) != 50 {
		b.Fatalf("%d profiles: %v", len(ps), err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := s.ProfileLedgers(ctx, ps, p.Today); err != nil {
			b.Fatal(err)
		}
	}
}

// firstAccount is the seed's first billing account.
func firstAccount(t testing.TB, s *store.Store) store.BillingAccount {
	t.Helper()
	acct, err := s.AccountByName(context.Background(), "00000000-0000-4000-8000-000000000000:00000000-0000-4000-8000-000000000000_2020-01-01")
	if err != nil {
		t.Fatal(err)
	}
	return acct
}

// firstProfile is the seed's first billing profile.
func firstProfile(t testing.TB, s *store.Store) store.BillingProfile {
	t.Helper()
	prof, err := s.ProfileByName(context.Background(), firstAccount(t, s).ID, "SD00-0000-000-000")
	if err != nil {
		t.Fatal(err)
	}
	return prof
}
