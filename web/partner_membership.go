package web

import (
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/password"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// maxMembersShown bounds the Membership page's member list.
const maxMembersShown = 500

// membershipShow is the Membership page: domains, members and roles (P1, P10), and the Renew
// membership form (P6).
func (s *Server) membershipShow(c echo.Context) error {
	p, err := s.membershipProps(c)
	if err != nil {
		return err
	}
	p.Flash = s.takeSaid(c)
	return s.render(c, http.StatusOK, views.MembershipPage(p), views.MembershipPanel(p))
}

// membershipProps builds the page of the route's organisation.
func (s *Server) membershipProps(c echo.Context) (views.Membership, error) {
	ctx, pc := c.Request().Context(), currentPartner(c)
	domains, err := s.store.PartnerDomains(ctx, pc.ID)
	if err != nil {
		return views.Membership{}, err
	}
	members, err := s.store.MembersOfPartner(ctx, pc.ID, "", maxMembersShown)
	if err != nil {
		return views.Membership{}, err
	}
	users, err := s.store.UsersByEmail(ctx, memberEmails(members))
	if err != nil {
		return views.Membership{}, err
	}
	latest, err := s.store.BenefitsOfPartner(ctx, pc.ID, store.BenefitQuery{Sort: store.SortStart, Desc: true, Limit: 1, Now: s.businessTime()})
	if err != nil {
		return views.Membership{}, err
	}
	loc := readerLocale(c)
	p := views.Membership{Shell: s.partnerShell(c, "Membership", "Membership"), Loc: loc, PartnerName: pc.Name, ExternalID: pc.ExternalID,
		Domains: domains, RenewAction: s.links.partner(routeRenew, pc.ExternalID), RenewalDate: ledger.DateOf(s.businessTime()).String(),
		Errors: map[string]fault.Message{}, Purchased: "No benefits yet"}
	if len(latest.Rows) > 0 {
		p.Purchased = loc.Date(ledger.DateOf(latest.Rows[0].Benefit.PurchaseDate))
	}
	for _, m := range members {
		line := views.MemberLine{Email: m.Email, Name: m.Name, Role: "Member", NoPassword: password.IsUnset(users[m.Email].PasswordHash)}
		if (access.PartnerGrants{Member: true, Roles: m.Roles}).Admin() {
			line.Role = access.PartnerAdmin.Title()
		}
		p.Members = append(p.Members, line)
	}
	return p, nil
}

// memberEmails lists the members' emails.
func memberEmails(ms []store.MemberRow) []string {
	out := make([]string, len(ms))
	for i, m := range ms {
		out[i] = m.Email
	}
	return out
}

// membershipRenew is Renew membership: the next membership year's benefits are issued (P6),
// audited. The renewal date is a YYYY-MM-DD day, today or earlier.
func (s *Server) membershipRenew(c echo.Context) error {
	pc := currentPartner(c)
	raw := strings.TrimSpace(c.FormValue(benefits.FieldRenewal))
	day, err := benefits.ParseRenewal(raw)
	var issued []benefits.Benefit
	if err == nil {
		issued, err = s.store.RenewPartner(c.Request().Context(), *currentUser(c), pc.Partner, day)
	}
	status, onForm := formStatus(err)
	if err != nil && !onForm {
		return err
	}
	var done fault.Message
	if err == nil {
		ids := make([]string, len(issued))
		for i, b := range issued {
			ids[i] = b.ID
		}
		done = fault.Say(views.KeyRenewed, ledger.DateOf(day), len(issued), strings.Join(ids, ", "))
		if !htmxOf(c.Request()).Fragment() {
			if err := s.addSaid(c, done); err != nil {
				return err
			}
			return seeOther(c, s.links.partner(routeMembership, pc.ExternalID))
		}
		status = http.StatusOK
	}
	p, perr := s.membershipProps(c)
	if perr != nil {
		return perr
	}
	p.Flash, p.RenewalDate = done, raw
	for _, re := range benefits.RuleErrors(err) { // under the field only, not also in a banner
		p.Errors["renewalDate"] = re.Message
	}
	return s.render(c, status, views.MembershipPage(p), views.MembershipPanel(p))
}
