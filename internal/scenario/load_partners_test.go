package scenario_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/password/passwordtest"
	"github.com/creditdesk/creditdesk/internal/scenario"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// partnerSnapshot is what a partners load could change, to prove a refused file changed nothing.
func partnerSnapshot(t *testing.T, s *store.Store) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	n, _ := s.UserCount(ctx)
	fmt.Fprintf(&b, "users:%d\n", n)
	p, err := s.PartnerByExternalID(ctx, "4390934")
	if err != nil {
		return b.String() + "no partner\n"
	}
	domains, _ := s.PartnerDomains(ctx, p.ID)
	fmt.Fprintf(&b, "%s %v\n", p.Name, domains)
	members, _ := s.MembersOfPartner(ctx, p.ID, "", 100)
	for _, m := range members {
		fmt.Fprintf(&b, "member %s %v\n", m.Email, m.Roles)
	}
	page, _ := s.BenefitsOfPartner(ctx, p.ID, store.BenefitQuery{Sort: store.SortID, Limit: 100, Now: time.Now()})
	for _, r := range page.Rows {
		fmt.Fprintf(&b, "benefit %s %s %s %s %s\n", r.Benefit.ID, r.Benefit.Amount, r.Benefit.AssignedTo, r.Benefit.SubscriptionID, r.Benefit.RedeemedAt)
	}
	return b.String()
}

// TestLoadPartnersTwiceChangesNothing: organisations, members with roles and benefits with their
// holders and redemptions are stored (P1, P4, P5); the second load creates and updates nothing.
func TestLoadPartnersTwiceChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		first := mustLoad(t, s, "testdata/partners/base.json")
		if first.Created["partners"] != 1 || first.Created["partner members"] != 3 || first.Created["partner roles"] != 1 || first.Created["benefits"] != 3 {
			t.Errorf("first load:\n%s", first)
		}
		p, err := s.PartnerByExternalID(ctx, "4390934")
		if err != nil {
			t.Fatal(err)
		}
		olga, _ := s.UserByEmail(ctx, "olga@fabrikam.example")
		raj, _ := s.UserByEmail(ctx, "raj@fabrikam.example")
		if g, _ := s.PartnerGrantsOf(ctx, p.ID, olga.ID); !g.Admin() {
			t.Errorf("P1: olga's grants %+v, want partner admin", g)
		}
		if g, _ := s.PartnerGrantsOf(ctx, p.ID, raj.ID); !g.Member || g.Admin() {
			t.Errorf("raj's grants %+v, want a member without a role", g)
		}
		b3, err := s.BenefitOfPartner(ctx, p.ID, "b-003")
		if err != nil || b3.Benefit.AssignedTo != "raj@fabrikam.example" || b3.Benefit.SubscriptionID == "" ||
			!b3.Benefit.ActivatedAt.Equal(time.Date(2026, 2, 10, 9, 0, 0, 0, time.UTC)) || len(b3.History) != 1 {
			t.Errorf("b-003 = %+v, %v: want raj's redeemed credit with a subscription and one history event", b3, err)
		}
		before := partnerSnapshot(t, s)
		second := mustLoad(t, s, "testdata/partners/base.json")
		for _, kind := range []string{"partners", "partner members", "partner roles", "benefits"} {
			if second.Created[kind]+second.Updated[kind] != 0 {
				t.Errorf("second load changed %s:\n%s", kind, second)
			}
		}
		if after := partnerSnapshot(t, s); after != before {
			t.Errorf("second load changed the database:\nbefore %s\nafter %s", before, after)
		}
	})
}

// TestLoadNamesUnappliedAssignments (issue 8, item 10): a file whose stored benefits differ only
// in their assignment loads without changing them (the Benefits workspace owns an existing
// benefit's assignment), and its summary names each benefit and field that was not applied.
func TestLoadNamesUnappliedAssignments(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		mustLoad(t, s, "testdata/partners/base.json")
		before := partnerSnapshot(t, s)
		sum := mustLoad(t, s, "testdata/partners/reassigned.json")
		if after := partnerSnapshot(t, s); after != before {
			t.Errorf("the file's assignments were applied:\nbefore %s\nafter %s", before, after)
		}
		want := []scenario.Unapplied{
			{Path: "partners[0].benefits[0]", Benefit: "b-001", Field: "assignedTo", File: "ana@fabrikam.example"},
			{Path: "partners[0].benefits[1]", Benefit: "b-002", Field: "assignedTo", File: "ana@fabrikam.example", Stored: "raj@fabrikam.example"},
			{Path: "partners[0].benefits[2]", Benefit: "b-003", Field: "redeemedAt", Stored: "2026-02-10T09:00:00Z"},
		}
		if fmt.Sprint(sum.Unapplied) != fmt.Sprint(want) || sum.Unchanged["benefits"] != 3 {
			t.Errorf("unapplied %+v (%d benefits unchanged), want %+v", sum.Unapplied, sum.Unchanged["benefits"], want)
		}
		text := sum.String()
		for _, line := range []string{
			"partners[0].benefits[0].assignedTo: benefit b-001 keeps none; the file has ana@fabrikam.example",
			"partners[0].benefits[1].assignedTo: benefit b-002 keeps raj@fabrikam.example; the file has ana@fabrikam.example",
			"partners[0].benefits[2].redeemedAt: benefit b-003 keeps 2026-02-10T09:00:00Z; the file has none",
		} {
			if !strings.Contains(text, line) {
				t.Errorf("summary does not say %q:\n%s", line, text)
			}
		}
		if again := mustLoad(t, s, "testdata/partners/base.json"); len(again.Unapplied) != 0 {
			t.Errorf("the stored file again: unapplied %+v, want none", again.Unapplied)
		}
	})
}

// TestBadPartnerFilesStoreNothing: a benefit the rules refuse fails the load with a message at
// its JSON path, and the database is exactly as before (X2, P9, P10).
func TestBadPartnerFilesStoreNothing(t *testing.T) {
	checkRefused(t, "testdata/partners/base.json", "testdata/partners/", partnerSnapshot, []badFile{
		{"free-mail.json", "partners[0].benefits[0].assignedTo", "gmail.com is a free-hosted mail domain;"},
		{"other-domain.json", "partners[0].benefits[0].assignedTo", "not a domain of this organisation"},
		{"second-bulk.json", "partners[0].benefits[0].assignedTo", "rule P9"},
		{"changed.json", "partners[0].benefits[0].id", "never edited in place"},
	})
}

// TestDemoPartnerHasEveryStatus: the demo's partner has benefits in every status (issue 5), a
// partner admin and members without a role, loaded on days years apart (issue 11).
func TestDemoPartnerHasEveryStatus(t *testing.T) {
	t.Parallel()
	demo, err := scenario.Demo()
	if err != nil {
		t.Fatal(err)
	}
	if len(demo.Partners) == 0 {
		t.Fatal("the demo has no partner")
	}
	admins, members := 0, 0
	for _, m := range demo.Partners[0].Members {
		if len(m.Roles) > 0 {
			admins++
		} else {
			members++
		}
	}
	if admins == 0 || members == 0 {
		t.Errorf("demo partner has %d admins and %d members without a role, want some of each", admins, members)
	}
	// The demo is moved to the day it is loaded (issue 11): every status on any day.
	for _, now := range []time.Time{time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC), time.Date(2027, 8, 31, 12, 0, 0, 0, time.UTC),
		time.Date(2031, 2, 14, 23, 0, 0, 0, time.UTC)} {
		moved, err := scenario.DemoAt(now)
		if err != nil {
			t.Fatal(err)
		}
		s := storetest.Open(t, store.SQLite, clock.Real())
		if _, err := scenario.Load(context.Background(), s, moved, passwordtest.Params()); err != nil {
			t.Fatal(err)
		}
		p, err := s.PartnerByExternalID(context.Background(), demo.Partners[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		page, err := s.BenefitsOfPartner(context.Background(), p.ID, store.BenefitQuery{Now: now, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		seen := map[benefits.Status]bool{}
		for _, r := range page.Rows {
			seen[benefits.StatusOf(r.Benefit, now)] = true
		}
		if len(seen) != 5 {
			t.Errorf("at %s the demo partner's statuses are %v, want all five", now.Format(time.DateOnly), seen)
		}
	}
}
