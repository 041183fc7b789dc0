package access

import (
	"fmt"
	"slices"
)

// PartnerRole is a role a member holds on a partner organisation (P1). Its string form is the
// one used in scenario files and the database.
type PartnerRole string

// PartnerAdmin may open the organisation's Benefits workspace (P1). More roles may come.
const PartnerAdmin PartnerRole = "partnerAdmin"

// PartnerRoles lists every partner role.
var PartnerRoles = []PartnerRole{PartnerAdmin}

// ParsePartnerRole returns the partner role named s, or an error listing the roles.
func ParsePartnerRole(s string) (PartnerRole, error) {
	if r := PartnerRole(s); slices.Contains(PartnerRoles, r) {
		return r, nil
	}
	return "", fmt.Errorf("unknown partner role %q: use one of %v", s, PartnerRoles)
}

// Title is the role's name as the portal shows it.
func (r PartnerRole) Title() string {
	if r == PartnerAdmin {
		return "Partner admin"
	}
	return string(r)
}

// PartnerPermission is one thing a user may do in a partner organisation. Routes under a partner
// require exactly one, as billing routes require a Permission.
type PartnerPermission int

// The partner permissions.
const (
	// ManageBenefits: open the Benefits workspace, assign, remove and reassign benefits, renew
	// the membership and read its audit log (P1: partner admins only).
	ManageBenefits PartnerPermission = iota + 1
)

// String names the permission for logs and test output.
func (p PartnerPermission) String() string {
	if p == ManageBenefits {
		return "manage benefits"
	}
	return fmt.Sprintf("PartnerPermission(%d)", int(p))
}

// partnerPolicy is the partner authorisation table (P1). A member without a role may learn that
// the organisation exists (the Benefits link, benefits assigned to them) but not open it.
var partnerPolicy = map[PartnerRole][]PartnerPermission{
	PartnerAdmin: {ManageBenefits},
}

// PartnerGrants is what a user holds on one partner organisation. The zero value holds nothing:
// not a member, so the organisation must not be revealed (answered like a missing one).
type PartnerGrants struct {
	Member bool
	Roles  []PartnerRole
}

// Can reports whether some held role grants the permission.
func (g PartnerGrants) Can(p PartnerPermission) bool {
	for _, r := range g.Roles {
		for _, q := range partnerPolicy[r] {
			if q == p {
				return true
			}
		}
	}
	return false
}

// Admin reports whether the member holds the partner admin role.
func (g PartnerGrants) Admin() bool {
	for _, r := range g.Roles {
		if r == PartnerAdmin {
			return true
		}
	}
	return false
}
