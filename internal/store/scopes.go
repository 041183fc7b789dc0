package store

import (
	"context"
	"sort"
	"strings"
)

// AccountByName returns the billing account with the given ARM name, matched
// case-insensitively as ARM paths are.
func (s *Store) AccountByName(ctx context.Context, name string) (BillingAccount, error) {
	return takeFolded[BillingAccount](ctx, s, "billing account by name", "name", name)
}

// ProfileByName returns the billing profile of an account with the given name,
// case-insensitively.
func (s *Store) ProfileByName(ctx context.Context, accountID int64, name string) (BillingProfile, error) {
	var p BillingProfile
	err := s.conn(ctx).Where("billing_account_id = ? AND name = ?", accountID, strings.ToUpper(name)).Take(&p).Error
	return p, wrap("billing profile by name", err)
}

// ProfilesOfAccount lists the billing profiles of an account by display name.
func (s *Store) ProfilesOfAccount(ctx context.Context, accountID int64) ([]BillingProfile, error) {
	rows, err := s.conn(ctx).Model(&BillingProfile{}).Select(profileSelect).Where("billing_account_id = ?", accountID).
		Order("display_name, name").Rows()
	if err != nil {
		return nil, wrap("profiles of account", err)
	}
	ps, err := scanProfiles(rows)
	return ps, wrap("profiles of account", err)
}

// ScopeEntry is one billing account as a user may see it in the scopes picker (M5): the account,
// whether the user holds a role on the account itself, and the profiles the user reaches.
type ScopeEntry struct {
	Account     BillingAccount
	AccountRole bool // the user holds a role on the account itself
	Matches     bool // the account itself matches the search (always true without one)
	Profiles    []BillingProfile
}

// ScopesOfUser lists the billing scopes a user holds a role on, directly or by inheritance,
// whose account or profile name or display name contains search (case-insensitive; "" for all).
// It takes three queries whatever the number of scopes.
func (s *Store) ScopesOfUser(ctx context.Context, userID int64, search string) ([]ScopeEntry, error) {
	var assignments []RoleAssignment
	if err := s.conn(ctx).Where("user_id = ?", userID).Find(&assignments).Error; err != nil {
		return nil, wrap("scopes of user", err)
	}
	accountIDs, wholeAccount, profileIDs := map[int64]bool{}, map[int64]bool{}, map[int64]bool{}
	for _, a := range assignments {
		accountIDs[a.BillingAccountID] = true
		if a.BillingProfileID == nil {
			wholeAccount[a.BillingAccountID] = true
		} else {
			profileIDs[*a.BillingProfileID] = true
		}
	}
	if len(accountIDs) == 0 {
		return nil, nil
	}
	var accounts []BillingAccount
	if err := s.conn(ctx).Where("id IN ?", keys(accountIDs)).Find(&accounts).Error; err != nil {
		return nil, wrap("scopes of user: accounts", err)
	}
	var profiles []BillingProfile
	err := s.conn(ctx).Where("billing_account_id IN ? OR id IN ?", keys(wholeAccount), append(keys(profileIDs), 0)).
		Order("display_name, name").Find(&profiles).Error
	if err != nil {
		return nil, wrap("scopes of user: profiles", err)
	}
	return groupScopes(accounts, profiles, wholeAccount, strings.ToLower(strings.TrimSpace(search))), nil
}

// groupScopes puts each profile under its account and keeps what matches search: an account
// that matches keeps all its visible profiles, otherwise only the matching profiles remain.
func groupScopes(accounts []BillingAccount, profiles []BillingProfile, wholeAccount map[int64]bool, search string) []ScopeEntry {
	matches := func(name, display string) bool {
		return search == "" || strings.Contains(strings.ToLower(name), search) ||
			strings.Contains(strings.ToLower(display), search)
	}
	byAccount := map[int64][]BillingProfile{}
	for _, p := range profiles {
		byAccount[p.BillingAccountID] = append(byAccount[p.BillingAccountID], p)
	}
	var entries []ScopeEntry
	for _, a := range accounts {
		accountMatches := matches(a.Name, a.DisplayName)
		e := ScopeEntry{Account: a, AccountRole: wholeAccount[a.ID], Matches: accountMatches}
		for _, p := range byAccount[a.ID] {
			if accountMatches || matches(p.Name, p.DisplayName) {
				e.Profiles = append(e.Profiles, p)
			}
		}
		if accountMatches || len(e.Profiles) > 0 {
			entries = append(entries, e)
		}
	}
	sort.Slice(entries, func(i, j int) bool {
		return strings.ToLower(entries[i].Account.DisplayName) < strings.ToLower(entries[j].Account.DisplayName)
	})
	return entries
}

func keys(m map[int64]bool) []int64 {
	out := make([]int64, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
