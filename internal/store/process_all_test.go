package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// The profiles of internal/scenario/testdata/three_profiles.json, each with a lot and an April
// charge, so that a run on 2026-05-10 issues one invoice per profile (M9).
var threeProfiles = []string{"AAAA-1111-AAA-111", "BBBB-2222-BBB-222", "CCCC-3333-CCC-333"}

// breakProfile gives a profile a next period no run can read, as a damaged row would.
const breakProfile = "UPDATE billing_profiles SET next_period = 'not-a-month' WHERE name = 'BBBB-2222-BBB-222'"

// TestProcessAllSkipsABrokenProfile (issue 8, item 6): one profile that cannot be processed,
// among three, is skipped and named, its failure is stored until a run processes it, and the
// other two are processed: their invoices are issued in the same run.
func TestProcessAllSkipsABrokenProfile(t *testing.T) {
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		url := storetest.URL(t, d)
		s := storetest.OpenAt(t, url, clock.Real(), store.Pool{})
		ids := loadThreeProfiles(t, s)
		storetest.Exec(t, url, breakProfile)

		day := ledger.MustDate("2026-05-10")
		res, err := s.ProcessAll(ctx, day)
		var pf *store.ProcessFailures
		if !errors.As(err, &pf) {
			t.Fatalf("run with a broken profile: err = %v, want *store.ProcessFailures", err)
		}
		if pf.Profiles != 3 || len(pf.Failed) != 1 || pf.Failed[0].ProfileID != ids[1] || pf.Failed[0].Profile != threeProfiles[1] {
			t.Fatalf("failures %+v, want the one broken profile of three", pf)
		}
		if msg := err.Error(); !strings.Contains(msg, "1 of 3 billing profiles") || !strings.Contains(msg, threeProfiles[1]) {
			t.Errorf("error %q does not name the broken profile", msg)
		}
		if res.Invoices != 2 || res.Profiles != 2 {
			t.Errorf("result %+v, want the two other profiles processed with one invoice each", res)
		}
		wantInvoices(t, s, ids, 1, 0, 1)
		wantFailure(t, s, ids[1], "2026-05-10", "2026-05-10")
		wantNoFailure(t, s, ids[0], ids[2])

		if _, err := s.ProcessAll(ctx, day.AddDays(1)); !errors.As(err, &pf) || len(pf.Failed) != 1 {
			t.Fatalf("second run: err = %v, want the same profile failing", err)
		}
		wantFailure(t, s, ids[1], "2026-05-10", "2026-05-11")

		storetest.Exec(t, url, "UPDATE billing_profiles SET next_period = '' WHERE name = 'BBBB-2222-BBB-222'")
		res, err = s.ProcessAll(ctx, day.AddDays(2))
		if err != nil || res.Invoices != 1 {
			t.Fatalf("run after the repair: %+v, %v; want the last invoice issued", res, err)
		}
		wantInvoices(t, s, ids, 1, 1, 1)
		wantNoFailure(t, s, ids...)
	})
}

// loadThreeProfiles loads three_profiles.json and returns the ids of its profiles, in order.
func loadThreeProfiles(t *testing.T, s *store.Store) []int64 {
	t.Helper()
	loadScenario(t, s, "three_profiles.json")
	a, err := s.AccountByName(context.Background(), "5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31")
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]int64, len(threeProfiles))
	for i, name := range threeProfiles {
		p, err := s.ProfileByName(context.Background(), a.ID, name)
		if err != nil {
			t.Fatal(err)
		}
		ids[i] = p.ID
	}
	return ids
}

func wantInvoices(t *testing.T, s *store.Store, ids []int64, want ...int) {
	t.Helper()
	for i, id := range ids {
		inv, err := s.Invoices(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if len(inv) != want[i] {
			t.Errorf("profile %s: %d invoices, want %d", threeProfiles[i], len(inv), want[i])
		}
	}
}

func wantFailure(t *testing.T, s *store.Store, id int64, since, on string) {
	t.Helper()
	f, ok, err := s.ProcessFailureOf(context.Background(), id)
	if err != nil || !ok {
		t.Fatalf("failure of profile %d: %v, %v; want one stored", id, ok, err)
	}
	if f.Since.String() != since || f.FailedOn.String() != on || !strings.Contains(f.Message, "period") {
		t.Errorf("failure %+v, want since %s, last %s, with the error", f, since, on)
	}
}

func wantNoFailure(t *testing.T, s *store.Store, ids ...int64) {
	t.Helper()
	for _, id := range ids {
		if f, ok, err := s.ProcessFailureOf(context.Background(), id); err != nil || ok {
			t.Errorf("profile %d: failure %+v (%v), want none", id, f, err)
		}
	}
}
