package store

import (
	"context"
	"strings"
	"time"

	"github.com/creditdesk/creditdesk/internal/access"
)

// PartnerAccessOf finds an organisation by its Partner Center id with what a user holds on it
// (membership and roles, P1), in one statement: every request to a partner workspace asks both
// before anything else (issue 10). A missing organisation is fault.ErrNotFound; a user who is
// not a member gets the zero grants.
func (s *Store) PartnerAccessOf(ctx context.Context, externalID string, userID int64) (Partner, access.PartnerGrants, error) {
	var rows []struct {
		ID         int64
		ExternalID string
		Name       string
		CreatedAt  time.Time
		MemberID   *int64
		Role       *string
	}
	err := s.conn(ctx).Table("partners AS p").
		Select("p.id, p.external_id, p.name, p.created_at, m.id AS member_id, r.role").
		Joins("LEFT JOIN partner_members AS m ON m.partner_id = p.id AND m.user_id = ?", userID).
		Joins("LEFT JOIN partner_roles AS r ON r.member_id = m.id").
		Where("lower(p.external_id) = ?", strings.ToLower(externalID)).Order("r.role").Scan(&rows).Error
	if err != nil {
		return Partner{}, access.PartnerGrants{}, wrap("partner access", err)
	}
	if len(rows) == 0 {
		return Partner{}, access.PartnerGrants{}, wrap("partner by id", errNotFound)
	}
	r := rows[0]
	p := Partner{ID: r.ID, ExternalID: r.ExternalID, Name: r.Name, CreatedAt: r.CreatedAt}
	g := access.PartnerGrants{Member: r.MemberID != nil}
	for _, r := range rows {
		if r.Role != nil {
			g.Roles = append(g.Roles, access.PartnerRole(*r.Role))
		}
	}
	return p, g, nil
}
