package scenario_test

import (
	"context"
	"errors"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/password"
	"github.com/creditdesk/creditdesk/internal/password/passwordtest"
	"github.com/creditdesk/creditdesk/internal/scenario"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

func parseFile(t *testing.T, file string) (*scenario.Scenario, error) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return scenario.Parse(f)
}

func mustLoad(t *testing.T, s *store.Store, file string) scenario.Summary {
	t.Helper()
	sc, err := parseFile(t, file)
	if err != nil {
		t.Fatalf("parse %s: %v", file, err)
	}
	sum, err := scenario.Load(context.Background(), s, sc, passwordtest.Params())
	if err != nil {
		t.Fatalf("load %s: %v", file, err)
	}
	return sum
}

// snapshot is what a load could change, to prove a refused file changed nothing.
func snapshot(t *testing.T, s *store.Store) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	for _, email := range []string{"ana@northwind.example", "li@northwind.example", "new@northwind.example"} {
		u, err := s.UserByEmail(ctx, email)
		b.WriteString(email + ":" + u.Name + ":" + errString(err) + "\n")
	}
	for _, name := range []string{"5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d:7d6c5b4a-3f2e-4d1c-9b0a-8f7e6d5c4b3a_2021-03-15", "8608480"} {
		a, err := s.AccountByName(ctx, name)
		b.WriteString(name + ":" + a.DisplayName + ":" + errString(err) + "\n")
		if err == nil {
			ps, _ := s.ProfilesOfAccount(ctx, a.ID)
			for _, p := range ps {
				b.WriteString("  " + p.Name + ":" + p.DisplayName + "\n")
			}
			rows, _ := s.AssignmentsOn(ctx, store.Scope{Account: a})
			for _, r := range rows {
				b.WriteString("  " + r.UserEmail + ":" + string(r.Role) + "\n")
			}
		}
	}
	n, _ := s.UserCount(ctx)
	b.WriteString("users:" + strconv.FormatInt(n, 10))
	return b.String()
}

func errString(err error) string {
	if err != nil {
		return "missing"
	}
	return "present"
}

// TestLoadTwiceChangesNothing: entities are keyed by email and name, so the second load of a file
// creates and updates nothing (scenario-format.md).
func TestLoadTwiceChangesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		first := mustLoad(t, s, "testdata/base.json")
		if first.Created["users"] != 2 || first.Created["billing profiles"] != 1 || first.Created["role assignments"] != 2 || first.Created["api tokens"] != 1 {
			t.Errorf("first load: %s", first)
		}
		before := snapshot(t, s)
		second := mustLoad(t, s, "testdata/base.json")
		for kind, n := range second.Created {
			if n != 0 {
				t.Errorf("second load created %d %s", n, kind)
			}
		}
		for kind, n := range second.Updated {
			if n != 0 {
				t.Errorf("second load updated %d %s", n, kind)
			}
		}
		if after := snapshot(t, s); after != before {
			t.Errorf("second load changed the database:\nbefore %s\nafter %s", before, after)
		}
		u, err := s.UserByEmail(context.Background(), "ana@northwind.example")
		if err != nil || password.Verify("a long passphrase", u.PasswordHash) != nil {
			t.Errorf("ana's password does not verify after two loads: %v", err)
		}
	})
}

// TestBadFilesStoreNothing: each bad file fails with a message naming the JSON path and leaves
// the database exactly as it was (X2, scenario-format.md: a load is one transaction).
func TestBadFilesStoreNothing(t *testing.T) {
	checkRefused(t, "testdata/base.json", "testdata/bad/", snapshot, []badFile{
		{"wrong-type.json", "billingAccounts[0].billingProfiles[0].invoiceDay", "number"},
		{"unknown-role.json", "billingAccounts[0].roles[0].role", "admin"},
		{"duplicate-id.json", "billingAccounts[0].billingProfiles[1].name", "duplicate"},
		{"mca-id-shape.json", "billingAccounts[0].name", "guid"},
		{"unknown-user.json", "billingAccounts[0].roles[0].user", "ghost@contoso.example"},
		{"new-user-without-password.json", "users[0].password", "required for a new user"},
		{"lot-changed.json", "billingAccounts[0].billingProfiles[0].lots[0]", "cannot be edited"},
		{"lot-name-taken.json", "billingAccounts[0].billingProfiles[0].lots[0]", "unique within a billing account"},
	})
}

// badFile is a file a load refuses: the path of a problem it has and a part of that problem's
// message, in any case.
type badFile struct{ file, wantPath, wantText string }

// checkRefused loads base, then each bad file of dir on top: each fails with the problem it
// names, and what snap reads of the database is as before (X2: a load is one transaction).
func checkRefused(t *testing.T, base, dir string, snap func(*testing.T, *store.Store) string, files []badFile) {
	t.Helper()
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		mustLoad(t, s, base)
		before := snap(t, s)
		for _, tt := range files {
			t.Run(tt.file, func(t *testing.T) {
				sc, err := parseFile(t, dir+tt.file)
				if err == nil {
					_, err = scenario.Load(context.Background(), s, sc, passwordtest.Params())
				}
				var probs scenario.Problems
				if !errors.As(err, &probs) {
					t.Fatalf("err = %v, want Problems", err)
				}
				found := false
				for _, p := range probs {
					if p.Path == tt.wantPath && strings.Contains(strings.ToLower(p.Message), strings.ToLower(tt.wantText)) {
						found = true
					}
				}
				if !found {
					t.Errorf("problems:\n%v\nwant one at %s mentioning %q", probs, tt.wantPath, tt.wantText)
				}
				if after := snap(t, s); after != before {
					t.Errorf("a refused file changed the database:\nbefore %s\nafter %s", before, after)
				}
			})
		}
	})
}

// TestDemoScenarioLoads keeps the embedded demo valid and checks it has what the foundation
// promises: several agreement types, an account with several profiles, every role held.
func TestDemoScenarioLoads(t *testing.T) {
	demo, err := scenario.Demo()
	if err != nil {
		t.Fatal(err)
	}
	agreements, roles, maxProfiles := map[string]bool{}, map[string]bool{}, 0
	for _, a := range demo.BillingAccounts {
		agreements[a.AgreementType] = true
		maxProfiles = max(maxProfiles, len(a.BillingProfiles))
		for _, r := range a.Roles {
			roles["account "+r.Role] = true
		}
		for _, p := range a.BillingProfiles {
			for _, r := range p.Roles {
				roles["profile "+r.Role] = true
			}
		}
	}
	if len(demo.BillingAccounts) < 3 || len(agreements) < 3 || maxProfiles < 2 {
		t.Errorf("demo has %d accounts, %d agreement types, at most %d profiles in one account", len(demo.BillingAccounts), len(agreements), maxProfiles)
	}
	for _, r := range []string{"account owner", "account contributor", "account reader", "profile reader", "profile invoiceManager"} {
		if !roles[r] {
			t.Errorf("no demo user holds the %s role", r)
		}
	}
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		if _, err := scenario.Load(context.Background(), s, demo, passwordtest.Params()); err != nil {
			t.Fatalf("load demo: %v", err)
		}
		if lines := scenario.DemoSignIns(demo); len(lines) != len(demo.Users) {
			t.Errorf("DemoSignIns gave %d lines for %d users", len(lines), len(demo.Users))
		}
	})
}
