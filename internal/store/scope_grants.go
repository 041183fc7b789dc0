package store

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"github.com/creditdesk/creditdesk/internal/access"
)

// ScopeGrants returns the scope named by an account's name and, unless profile is "", one of its
// profiles' names (both matched case-insensitively, as ARM paths are), with what the user holds
// on it, directly or inherited from its account (M3, GrantsOn): one statement, scanned column by
// column, where every request on a scope, the portal's and the API's, read the account, the
// profile and the grants in one each (issue 10). A missing account or profile is
// fault.ErrNotFound; a scope the user holds nothing on has no grants.
func (s *Store) ScopeGrants(ctx context.Context, userID int64, account, profile string) (Scope, access.Grants, error) {
	sel := "SELECT a.id, a.name, a.display_name, a.agreement_type, a.account_type, a.status, a.created_at"
	from := " FROM billing_accounts AS a"
	on := reachesScope("a.id", "")
	args := []any{userID}
	if profile != "" {
		sel += ", p." + strings.Join(profileColumns, ", p.")
		from += " JOIN billing_profiles AS p ON p.billing_account_id = a.id AND p.name = ?"
		on = reachesScope("a.id", "p.id")
		args = append([]any{strings.ToUpper(profile)}, args...)
	}
	q := sel + ", r.role, r.billing_profile_id IS NULL" + from +
		" LEFT JOIN role_assignments AS r ON r.user_id = ? AND " + on + " WHERE lower(a.name) = ? ORDER BY r.id"
	rows, err := s.conn(ctx).Raw(q, append(args, strings.ToLower(account))...).Rows()
	if err != nil {
		return Scope{}, nil, wrap("scope grants", err)
	}
	defer rows.Close()
	var sc Scope
	var p BillingProfile
	var onAccount, onProfile []access.Role
	// lower(name) is unique (migration 00001), so the rows are of one account; were the index
	// ever dropped, two accounts' grants must not add up.
	found, accountID := false, int64(0)
	for rows.Next() {
		var role *string
		var inherited *bool
		dest := []any{&sc.Account.ID, &sc.Account.Name, &sc.Account.DisplayName, &sc.Account.AgreementType,
			&sc.Account.AccountType, &sc.Account.Status, &sc.Account.CreatedAt}
		if profile != "" {
			dest = append(dest, profileFields(&p)...)
		}
		if err := rows.Scan(append(dest, &role, &inherited)...); err != nil {
			return Scope{}, nil, wrap("scope grants", err)
		}
		if found && sc.Account.ID != accountID {
			return Scope{}, nil, fmt.Errorf("store: scope grants: two accounts named %q", account)
		}
		found, accountID = true, sc.Account.ID
		switch {
		case role == nil: // no assignment: the scope alone
		case inherited != nil && *inherited:
			onAccount = append(onAccount, access.Role(*role))
		default:
			onProfile = append(onProfile, access.Role(*role))
		}
	}
	if err := rows.Err(); err != nil {
		return Scope{}, nil, wrap("scope grants", err)
	}
	if !found {
		return Scope{}, nil, wrap("scope grants", gorm.ErrRecordNotFound)
	}
	if profile != "" {
		sc.Profile = &p
	}
	return sc, access.Effective(sc.Kind(), onAccount, onProfile), nil
}
