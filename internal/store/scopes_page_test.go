package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// pickerFixture gives a user account roles on four accounts (one without profiles), profile
// roles on two profiles of a fifth, and nothing on a sixth; display names hold LIKE wildcards.
func pickerFixture(t *testing.T, s *store.Store) store.User {
	t.Helper()
	ctx := context.Background()
	u := store.User{Email: "many@scopes.example", Name: "Many", PasswordHash: "x"}
	if err := s.CreateUser(ctx, tester, &u); err != nil {
		t.Fatal(err)
	}
	accounts := []struct {
		display  string
		profiles []string
		role     string // "account", "profiles" (the first two), or "" for none
	}{
		{"Charlie", []string{"Zeta", "Prof001", "Prof002"}, "account"},
		{"Alpha", []string{"Prof003", "Prof004", "Prof005", "Bravado", "Prof006", "Prof007", "Alpha Ops"}, "account"},
		{"Bravo", nil, "account"},
		{"Delta", []string{"Fifty%Off", "Under_Score", "Prof008", "Plain", "Prof009"}, "account"},
		{"Echo", []string{"Prof010", "Prof011", "Prof012", "Prof013", "Quiet", "Prof014"}, "profiles"},
		{"Foxtrot", []string{"Prof015", "Prof016", "Hidden", "Prof017"}, ""},
	}
	for i, a := range accounts {
		acct, _, err := s.SaveAccount(ctx, tester, store.BillingAccount{Name: fmt.Sprintf("acct-%d", i), DisplayName: a.display,
			AgreementType: string(access.AgreementMCA), AccountType: "Enterprise", Status: "Active"})
		if err != nil {
			t.Fatal(err)
		}
		if a.role == "account" {
			if _, err := s.EnsureRole(ctx, tester, u, store.Scope{Account: acct}, "reader"); err != nil {
				t.Fatal(err)
			}
		}
		for j, name := range a.profiles {
			p, _, err := s.SaveProfile(ctx, tester, acct, store.BillingProfile{Name: fmt.Sprintf("P%03d-%04d-000-000", i, j),
				DisplayName: name, Currency: "USD", InvoiceDay: 1, Status: "Active"})
			if err != nil {
				t.Fatal(err)
			}
			if a.role == "profiles" && j < 2 {
				if _, err := s.EnsureRole(ctx, tester, u, store.Scope{Account: acct, Profile: &p}, "reader"); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	return u
}

// pickerWant is what the picker must show for a search and a pin, from ScopesOfUser (the
// unpaged listing, filtered in Go): the accounts by display name with the pinned one first,
// each with its profiles by display name, the pinned one first.
func pickerWant(t *testing.T, s *store.Store, u store.User, q store.ScopeQuery) []store.ScopeEntry {
	t.Helper()
	entries, err := s.ScopesOfUser(context.Background(), u.ID, q.Search)
	if err != nil {
		t.Fatal(err)
	}
	first := func(pinned bool) int {
		if pinned {
			return 0
		}
		return 1
	}
	for _, e := range entries {
		slices.SortFunc(e.Profiles, func(a, b store.BillingProfile) int {
			pa := first(e.Account.Name == q.PinnedAccount && a.Name == q.PinnedProfile)
			pb := first(e.Account.Name == q.PinnedAccount && b.Name == q.PinnedProfile)
			return cmpAll(pa-pb, strings.Compare(strings.ToLower(a.DisplayName), strings.ToLower(b.DisplayName)), int(a.ID-b.ID))
		})
	}
	slices.SortFunc(entries, func(a, b store.ScopeEntry) int {
		pa, pb := first(a.Account.Name == q.PinnedAccount), first(b.Account.Name == q.PinnedAccount)
		return cmpAll(pa-pb, strings.Compare(strings.ToLower(a.Account.DisplayName), strings.ToLower(b.Account.DisplayName)))
	})
	return entries
}

func cmpAll(cs ...int) int {
	for _, c := range cs {
		if c != 0 {
			return c
		}
	}
	return 0
}

func profileNames(ps []store.BillingProfile) []string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.DisplayName
	}
	return out
}

// TestScopesPickerPagesAsTheListing: M5: paging the picker's accounts two by two (with the
// profiles of those that have at most three, and the one opened last) and each account's profiles
// two by two gives exactly the unpaged listing, in order, for searches by name and id in any case (LIKE wildcards taken literally) and with the
// scope opened last listed first.
func TestScopesPickerPagesAsTheListing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		u := pickerFixture(t, s)
		queries := []store.ScopeQuery{
			{}, {Search: "prof"}, {Search: "ALPHA"}, {Search: "%"}, {Search: "_s"}, {Search: "p004-0001"},
			{Search: "zzz"}, {Search: "hidden"}, {PinnedAccount: "acct-3"}, {PinnedAccount: "acct-1", PinnedProfile: "P001-0004-000-000"},
			{Search: "prof", PinnedAccount: "acct-4", PinnedProfile: "P004-0001-000-000"},
		}
		for _, q := range queries {
			want := pickerWant(t, s, u, q)
			q.Limit, q.Preview = 2, 3
			var got []store.ScopeAccount
			for pages := 0; ; pages++ {
				page, next, err := s.ScopeAccountsPage(ctx, u.ID, q)
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, page...)
				if next == "" || pages > 10 {
					break
				}
				q.After = next
			}
			q.After = ""
			if len(got) != len(want) {
				t.Errorf("%+v: %d accounts, want %d", q, len(got), len(want))
				continue
			}
			for i, a := range got {
				w := want[i]
				if a.ID != w.Account.ID || a.AccountRole != w.AccountRole || a.Matches != w.Matches || a.ProfileCount != len(w.Profiles) {
					t.Errorf("%+v: account %d is %s (role %t, matches %t, %d profiles), want %s (%t, %t, %d)", q, i, a.DisplayName,
						a.AccountRole, a.Matches, a.ProfileCount, w.Account.DisplayName, w.AccountRole, w.Matches, len(w.Profiles))
				}
				wantAll := profileNames(w.Profiles)
				preview := wantAll
				if len(wantAll) > q.Preview {
					preview = nil
					if p := w.Profiles[0]; w.Account.Name == q.PinnedAccount && p.Name == q.PinnedProfile {
						preview = []string{p.DisplayName}
					}
				}
				if got := profileNames(a.Profiles); !slices.Equal(got, preview) {
					t.Errorf("%+v: %s previews %v, want %v", q, a.DisplayName, got, preview)
				}
				one, err := s.ScopeAccountByName(ctx, u.ID, strings.ToUpper(a.Name), q.Search)
				if err != nil || one.ID != a.ID || one.ProfileCount != a.ProfileCount || one.Matches != a.Matches {
					t.Errorf("%+v: ScopeAccountByName(%s) = %+v, %v", q, a.Name, one, err)
				}
				var all []store.BillingProfile
				for after := ""; ; {
					pq := q
					pq.After = after
					page, next, err := s.ScopeProfilesPage(ctx, u.ID, one, pq)
					if err != nil {
						t.Fatal(err)
					}
					all = append(all, page...)
					if after = next; next == "" || len(all) > 20 {
						break
					}
				}
				if got := profileNames(all); !slices.Equal(got, wantAll) {
					t.Errorf("%+v: the profiles of %s page as %v, want %v", q, a.DisplayName, got, wantAll)
				}
			}
		}
		if _, err := s.ScopeAccountByName(ctx, u.ID, "acct-5", ""); !errors.Is(err, fault.ErrNotFound) {
			t.Errorf("an account without a role: %v, want not found (M3)", err)
		}
		if a, err := s.ScopeAccountByName(ctx, u.ID, "acct-4", "zzz"); err != nil || a.Matches || a.ProfileCount != 0 {
			t.Errorf("an account reached, nothing of it matching: %+v, %v, want it with no profiles", a, err)
		}
		var bad fault.Invalid
		if _, _, err := s.ScopeAccountsPage(ctx, u.ID, store.ScopeQuery{After: "nonsense", Limit: 2}); !errors.As(err, &bad) {
			t.Errorf("a bad cursor: %v, want a validation error naming after", err)
		}
	})
}
