package store

import (
	"context"

	"github.com/creditdesk/creditdesk/internal/access"
)

// LotSources maps the named lots of some profiles to their sources, profile by profile; the
// pending events of the API name their lot's source.
func (s *Store) LotSources(ctx context.Context, profileIDs []int64, names []string) (map[int64]map[string]string, error) {
	out := map[int64]map[string]string{}
	if len(names) == 0 {
		return out, nil
	}
	var rows []LotRow
	err := s.conn(ctx).Select("billing_profile_id, name, source").
		Where("billing_profile_id IN ? AND name IN ?", profileIDs, names).Find(&rows).Error
	for _, r := range rows {
		if out[r.BillingProfileID] == nil {
			out[r.BillingProfileID] = map[string]string{}
		}
		out[r.BillingProfileID][r.Name] = string(r.Source)
	}
	return out, wrap("lot sources", err)
}

// GrantsBelow returns the roles a user holds on the profiles of an account, not on the account
// itself: a list of the account's profiles shows such a user the profiles they reach (M3).
func (s *Store) GrantsBelow(ctx context.Context, userID, accountID int64) (access.Grants, error) {
	var roles []string
	err := s.conn(ctx).Model(&RoleAssignment{}).
		Where("user_id = ? AND billing_account_id = ? AND billing_profile_id IS NOT NULL", userID, accountID).
		Pluck("role", &roles).Error
	g := make(access.Grants, len(roles))
	for i, r := range roles {
		g[i] = access.Grant{Role: access.Role(r)}
	}
	return g, wrap("grants below account", err)
}
