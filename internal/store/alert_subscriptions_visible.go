package store

import (
	"context"

	"github.com/creditdesk/creditdesk/internal/access"
)

// stillVisible keeps the subscriptions whose scope the user may still see, as the alert run
// chooses whom to write to: a billing scope the user's roles let them view (grantsFrom, M3), a
// partner organisation the user is partner admin of (P1). A role taken away leaves the
// subscription stored, but neither the scope's name nor its rules show any more. Two queries,
// whatever the number of subscriptions.
func (s *Store) stillVisible(ctx context.Context, userID int64, subs []Subscription) ([]Subscription, error) {
	var accountIDs, partnerIDs []int64
	for _, sub := range subs {
		if sub.Partner != nil {
			partnerIDs = append(partnerIDs, sub.Partner.ID)
		} else {
			accountIDs = append(accountIDs, sub.Account.ID)
		}
	}
	var roles []RoleAssignment
	err := s.conn(ctx).Where("user_id = ? AND billing_account_id IN ?", userID, append(accountIDs, 0)).Find(&roles).Error
	if err != nil {
		return nil, wrap("roles of subscriber", err)
	}
	var partnerRoles []struct {
		PartnerID int64
		Role      string
	}
	err = s.conn(ctx).Table("partner_members AS m").Select("m.partner_id, r.role").
		Joins("JOIN partner_roles AS r ON r.member_id = m.id").
		Where("m.user_id = ? AND m.partner_id IN ?", userID, append(partnerIDs, 0)).Scan(&partnerRoles).Error
	if err != nil {
		return nil, wrap("partner roles of subscriber", err)
	}
	partners := map[int64]access.PartnerGrants{}
	for _, r := range partnerRoles {
		g := partners[r.PartnerID]
		g.Member, g.Roles = true, append(g.Roles, access.PartnerRole(r.Role))
		partners[r.PartnerID] = g
	}
	var out []Subscription
	for _, sub := range subs {
		if sub.Partner != nil && partners[sub.Partner.ID].Admin() ||
			sub.Partner == nil && grantsFrom(Scope{Account: sub.Account, Profile: sub.Profile}, roles).Can(access.View) {
			out = append(out, sub)
		}
	}
	return out, nil
}
