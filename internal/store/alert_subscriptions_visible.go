package store

import (
	"context"
	"slices"

	"github.com/creditdesk/creditdesk/internal/access"
)

// stillVisible keeps the subscriptions whose scope the user may still see, as the alert run
// chooses whom to write to: a billing scope through a role that reaches it (M3), a partner
// organisation as its partner admin (P1). A role taken away leaves the subscription stored, but
// neither the scope's name nor its rules show any more. Two queries, whatever the number.
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
	var admins []int64
	err = s.conn(ctx).Table("partner_members AS m").Joins("JOIN partner_roles AS r ON r.member_id = m.id").
		Where("m.user_id = ? AND m.partner_id IN ? AND r.role = ?", userID, append(partnerIDs, 0), string(access.PartnerAdmin)).
		Pluck("m.partner_id", &admins).Error
	if err != nil {
		return nil, wrap("partner roles of subscriber", err)
	}
	var out []Subscription
	for _, sub := range subs {
		if sub.Partner != nil {
			if slices.Contains(admins, sub.Partner.ID) {
				out = append(out, sub)
			}
			continue
		}
		sc := Scope{Account: sub.Account, Profile: sub.Profile}
		var onAccount, onProfile []access.Role
		for _, r := range roles {
			switch {
			case r.BillingAccountID != sc.Account.ID:
			case r.BillingProfileID == nil:
				onAccount = append(onAccount, access.Role(r.Role))
			case sc.Profile != nil && *r.BillingProfileID == sc.Profile.ID:
				onProfile = append(onProfile, access.Role(r.Role))
			}
		}
		if access.Effective(sc.Kind(), onAccount, onProfile).Can(access.View) {
			out = append(out, sub)
		}
	}
	return out, nil
}
