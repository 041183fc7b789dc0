package store

import (
	"context"
	"strings"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/fault"
)

// PartnerByExternalID returns the organisation with the given Partner Center id, matched
// case-insensitively.
func (s *Store) PartnerByExternalID(ctx context.Context, id string) (Partner, error) {
	return takeFolded[Partner](ctx, s, "partner by id", "external_id", id)
}

// SavePartner creates the organisation keyed by its ExternalID, or updates the name of the
// existing one when it differs, by actor, and audits the change (X1); a new name moves its
// benefits version, in the same transaction.
func (s *Store) SavePartner(ctx context.Context, actor User, p Partner) (Partner, Change, error) {
	old, err := s.PartnerByExternalID(ctx, p.ExternalID)
	if isNotFound(err) {
		p.CreatedAt = s.now().UTC()
		if err := wrap("create partner", s.conn(ctx).Create(&p).Error); err != nil {
			return p, Unchanged, err
		}
		return p, Created, s.audit(ctx, actor, AuditEntry{Action: AuditPartnerCreated, Scope: p.ScopeID(), Target: textOf(p.Name),
			After: textOf(p.Name)})
	}
	if err != nil || old.Name == p.Name {
		return old, Unchanged, err
	}
	err = s.atomic(ctx, func(tx *Store) error { // the name its workspace shows: its benefits version moves
		if err := wrap("update partner", tx.conn(ctx).Model(&Partner{}).Where("id = ?", old.ID).Update("name", p.Name).Error); err != nil {
			return err
		}
		err := tx.audit(ctx, actor, AuditEntry{Action: AuditPartnerUpdated, Scope: old.ScopeID(), Target: textOf(p.Name),
			Before: textOf(old.Name), After: textOf(p.Name)})
		if err != nil {
			return err
		}
		return tx.touchBenefits(ctx, old.ID)
	})
	if err != nil {
		return old, Unchanged, err
	}
	old.Name = p.Name
	return old, Updated, nil
}

// EnsurePartnerDomain adds a company domain (stored lower-case) to an organisation unless it
// is listed already, by actor, and audits it (X1); it reports whether it added it.
func (s *Store) EnsurePartnerDomain(ctx context.Context, actor User, p Partner, domain string) (bool, error) {
	d := PartnerDomain{PartnerID: p.ID, Domain: strings.ToLower(strings.TrimSpace(domain))}
	var n int64
	if err := s.conn(ctx).Model(&PartnerDomain{}).Where("partner_id = ? AND domain = ?", p.ID, d.Domain).
		Count(&n).Error; err != nil || n > 0 {
		return false, wrap("ensure partner domain", err)
	}
	if err := wrap("ensure partner domain", s.conn(ctx).Create(&d).Error); err != nil {
		return false, err
	}
	return true, s.audit(ctx, actor, AuditEntry{Action: AuditPartnerDomainAdded, Scope: p.ScopeID(), Target: textOf(d.Domain),
		After: textOf(d.Domain)})
}

// PartnerDomains lists the company domains of an organisation, sorted.
func (s *Store) PartnerDomains(ctx context.Context, partnerID int64) ([]string, error) {
	var out []string
	err := s.conn(ctx).Model(&PartnerDomain{}).Where("partner_id = ?", partnerID).Order("domain").
		Pluck("domain", &out).Error
	return out, wrap("partner domains", err)
}

// EnsurePartnerMember makes user u a member of organisation p unless they are one, by actor,
// and audits it (X1); it reports whether it created the membership.
func (s *Store) EnsurePartnerMember(ctx context.Context, actor User, p Partner, u User) (PartnerMember, bool, error) {
	var m PartnerMember
	err := s.conn(ctx).Where("partner_id = ? AND user_id = ?", p.ID, u.ID).Take(&m).Error
	if err == nil {
		return m, false, nil
	}
	if err = wrap("ensure partner member", err); !isNotFound(err) {
		return m, false, err
	}
	m = PartnerMember{PartnerID: p.ID, UserID: u.ID, CreatedAt: s.now().UTC()}
	if err := wrap("create partner member", s.conn(ctx).Create(&m).Error); err != nil {
		return m, false, err
	}
	return m, true, s.audit(ctx, actor, AuditEntry{Action: AuditPartnerMemberAdded, Scope: p.ScopeID(), Target: emailOf(u.Email),
		After: fault.Say(KeyAuditMember)})
}

// EnsurePartnerRole gives member m of organisation p, user u, a partner role unless held, by
// actor, and audits it (X1); it reports whether it did.
func (s *Store) EnsurePartnerRole(ctx context.Context, actor User, p Partner, u User, m PartnerMember, role access.PartnerRole) (bool, error) {
	var n int64
	if err := s.conn(ctx).Model(&PartnerRoleRow{}).Where("member_id = ? AND role = ?", m.ID, string(role)).
		Count(&n).Error; err != nil || n > 0 {
		return false, wrap("ensure partner role", err)
	}
	r := PartnerRoleRow{MemberID: m.ID, Role: string(role), CreatedAt: s.now().UTC()}
	if err := wrap("ensure partner role", s.conn(ctx).Create(&r).Error); err != nil {
		return false, err
	}
	return true, s.audit(ctx, actor, AuditEntry{Action: AuditPartnerRoleGranted, Scope: p.ScopeID(), Target: emailOf(u.Email),
		After: fault.Say(KeyAuditValue, role)})
}

// PartnerGrantsOf returns what a user holds on an organisation: membership and roles (P1), in
// one query (every page of a partner workspace asks it).
func (s *Store) PartnerGrantsOf(ctx context.Context, partnerID, userID int64) (access.PartnerGrants, error) {
	return s.grantsOf(ctx, "partner grants", "m.partner_id = ? AND m.user_id = ?", partnerID, userID)
}

// rolesOfMembers returns the partner roles of the given memberships, by membership id.
func (s *Store) rolesOfMembers(ctx context.Context, memberIDs []int64) (map[int64][]access.PartnerRole, error) {
	var rows []PartnerRoleRow
	if err := s.conn(ctx).Where("member_id IN ?", append(memberIDs, 0)).Order("role").Find(&rows).Error; err != nil {
		return nil, wrap("partner roles", err)
	}
	out := map[int64][]access.PartnerRole{}
	for _, r := range rows {
		out[r.MemberID] = append(out[r.MemberID], access.PartnerRole(r.Role))
	}
	return out, nil
}

// Membership is an organisation as one of its members sees it.
type Membership struct {
	Partner Partner
	Grants  access.PartnerGrants
}

// PartnersOfUser lists the organisations a user is a member of, by name; two queries.
func (s *Store) PartnersOfUser(ctx context.Context, userID int64) ([]Membership, error) {
	type row struct {
		Partner
		MemberID int64
	}
	var rows []row
	err := s.conn(ctx).Table("partner_members AS m").
		Select("p.id, p.external_id, p.name, p.created_at, m.id AS member_id").
		Joins("JOIN partners AS p ON p.id = m.partner_id").
		Where("m.user_id = ?", userID).Order("p.name, p.external_id").Scan(&rows).Error
	if err != nil {
		return nil, wrap("partners of user", err)
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.MemberID
	}
	roles, err := s.rolesOfMembers(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Membership, len(rows))
	for i, r := range rows {
		out[i] = Membership{Partner: r.Partner, Grants: access.PartnerGrants{Member: true, Roles: roles[r.MemberID]}}
	}
	return out, nil
}

// MemberRow is a member of an organisation as the workspace lists it.
type MemberRow struct {
	UserID   int64
	MemberID int64
	Email    string
	Name     string
	Roles    []access.PartnerRole `gorm:"-"`
}

// MembersOfPartner lists the members of an organisation whose email or name contains search
// (case-insensitive; "" for all), by email, at most limit: the type-ahead of the Activate
// benefits tab (P4).
func (s *Store) MembersOfPartner(ctx context.Context, partnerID int64, search string, limit int) ([]MemberRow, error) {
	q := s.conn(ctx).Table("partner_members AS m").
		Select("u.id AS user_id, m.id AS member_id, u.email, u.name").
		Joins("JOIN users AS u ON u.id = m.user_id").Where("m.partner_id = ?", partnerID)
	if search = strings.ToLower(strings.TrimSpace(search)); search != "" {
		pattern := likePattern(search)
		q = q.Where(`(u.email LIKE ? ESCAPE '\' OR lower(u.name) LIKE ? ESCAPE '\')`, pattern, pattern)
	}
	var rows []MemberRow
	if err := q.Order("u.email").Limit(limit).Scan(&rows).Error; err != nil {
		return nil, wrap("members of partner", err)
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.MemberID
	}
	roles, err := s.rolesOfMembers(ctx, ids)
	for i := range rows {
		rows[i].Roles = roles[rows[i].MemberID]
	}
	return rows, err
}

// likePattern is a LIKE pattern matching text that contains s, with LIKE's wildcards in s
// escaped by a backslash.
func likePattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

// PartnerStandingOf returns what a user holds across every organisation: Member when they are
// a member of one, and the partner roles they hold on any of them, in one query. It decides
// where navigation leads (the top bar's Benefits link, the home page), never what the user may
// do: routes authorise with PartnerGrantsOf for their own organisation (P1).
func (s *Store) PartnerStandingOf(ctx context.Context, userID int64) (access.PartnerGrants, error) {
	return s.grantsOf(ctx, "partner standing", "m.user_id = ?", userID)
}

// grantsOf reads the memberships that match where (on partner_members AS m) with their roles in
// one statement: Member when there is one, and every role they hold, in order.
func (s *Store) grantsOf(ctx context.Context, op, where string, args ...any) (access.PartnerGrants, error) {
	var rows []struct{ Role *string }
	err := s.conn(ctx).Table("partner_members AS m").Select("r.role").
		Joins("LEFT JOIN partner_roles AS r ON r.member_id = m.id").
		Where(where, args...).Order("r.role").Scan(&rows).Error
	if err != nil {
		return access.PartnerGrants{}, wrap(op, err)
	}
	g := access.PartnerGrants{Member: len(rows) > 0}
	for _, r := range rows {
		if r.Role != nil {
			g.Roles = append(g.Roles, access.PartnerRole(*r.Role))
		}
	}
	return g, nil
}
