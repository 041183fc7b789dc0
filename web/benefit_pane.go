package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// memberResults bounds the type-ahead's list of members.
const memberResults = 10

// errNoBenefit answers a benefit id that is not one of the organisation's, missing or of
// another organisation alike.
var errNoBenefit = fault.New(fault.ErrNotFound, "This organisation has no benefit with this id.")

// benefitPane is the side pane of a benefit (P4): a fragment for htmx, a page of its own
// without JavaScript. ?tab= picks the tab, ?q= searches members on Activate benefits.
func (s *Server) benefitPane(c echo.Context) error {
	p, err := s.paneProps(c, c.QueryParam("tab"), c.QueryParam("q"))
	if err != nil {
		return err
	}
	p.Flash = s.takeSaid(c)
	return s.render(c, http.StatusOK, views.BenefitPanePage(p), views.BenefitPaneFragment(p))
}

// benefitMembers is the type-ahead of the Activate benefits tab: the members of the
// organisation whose name or email contains ?q= (P4).
func (s *Server) benefitMembers(c echo.Context) error {
	p, err := s.paneProps(c, "activate", c.QueryParam("q"))
	if err != nil {
		return err
	}
	return s.render(c, http.StatusOK, views.BenefitPanePage(p), views.MemberResults(p))
}

// benefitParam is the benefit id of the path.
func benefitParam(c echo.Context) string {
	id, err := url.PathUnescape(c.Param("benefit"))
	if err != nil {
		return c.Param("benefit")
	}
	return id
}

// paneProps builds the pane of the path's benefit on a tab, with the members matching search,
// for the list state of the list= parameter.
func (s *Server) paneProps(c echo.Context, tab, search string) (views.BenefitPane, error) {
	ctx, pc, now := c.Request().Context(), currentPartner(c), s.businessTime()
	search, err := searchText(search)
	if err != nil {
		return views.BenefitPane{}, err
	}
	d, err := s.store.BenefitOfPartner(ctx, pc.ID, benefitParam(c))
	if errors.Is(err, fault.ErrNotFound) {
		return views.BenefitPane{}, errNoBenefit
	} else if err != nil {
		return views.BenefitPane{}, err
	}
	b, loc, list := d.Benefit, readerLocale(c), listStateOf(c.QueryParam(listParam)).query()
	st := benefits.StatusOf(b, now)
	href := s.links.benefit(pc.ExternalID, b.ID)
	if tab != "activate" && tab != "history" {
		tab = "details"
	}
	p := views.BenefitPane{Shell: s.partnerShell(c, b.Kind.Label()+" "+b.ID+" · "+pc.Name, "Azure credits"), Loc: loc,
		PartnerName: pc.Name, Row: benefitRow(s.links, d.BenefitView, now, loc, list), ListState: list,
		BackHref: listStateOf(list).href(s.links.partner(routeBenefits, pc.ExternalID)), Tab: tab, Details: benefitDetails(d, st),
		PaneHref: href, SearchHref: withList(s.links.onBenefit(routeBenefitMembers, pc.ExternalID, b.ID), list), Search: search,
		AssignAction:   withList(s.links.onBenefit(routeBenefitAssign, pc.ExternalID, b.ID), list),
		ReassignAction: withList(s.links.onBenefit(routeBenefitReassign, pc.ExternalID, b.ID), list),
		RemoveAction:   withList(s.links.onBenefit(routeBenefitRemove, pc.ExternalID, b.ID), list),
		AddAction:      withList(s.links.onBenefit(routeBenefitAddUser, pc.ExternalID, b.ID), list),
		InviteAction:   withList(s.links.onBenefit(routeInvitation, pc.ExternalID, b.ID), list),
		RevokeAction:   withList(s.links.onBenefit(routeInvitationRevoke, pc.ExternalID, b.ID), list), NoMail: s.mail == nil,
		Holder: b.AssignedTo, Errors: map[string]fault.Message{}, Events: eventRows(d.History)}
	p.Shell.Crumbs[len(p.Shell.Crumbs)-1].Label = b.ID
	for _, t := range []struct{ id, label string }{{"details", "Details"}, {"activate", "Activate benefits"}, {"history", "History"}} {
		p.Tabs = append(p.Tabs, views.BenefitChoice{Label: t.label, Href: paneTabHref(href, t.id, list), Active: t.id == tab, TestID: "tab-" + t.id})
	}
	if p.Months, err = monthRows(d, now); err != nil {
		return p, err
	}
	if err := s.activateProps(c, &p, d, now); err != nil {
		return p, err
	}
	return p, nil
}

// paneTabHref is the pane's URL on a tab, keeping the list's state.
func paneTabHref(href, tab, list string) string {
	return withList(href+"?tab="+tab, list)
}

// activateProps fills the Activate benefits tab from what the rules allow (P4, P6): the
// buttons, the notice that explains missing ones, the Remove confirmation, and the members
// the search finds, or at the reassignment limit the one member who can be assigned.
func (s *Server) activateProps(c echo.Context, p *views.BenefitPane, d store.BenefitDetail, now time.Time) error {
	ctx, pc, b := c.Request().Context(), currentPartner(c), d.Benefit
	allowed := benefits.Allowed(b, d.History, now)
	p.CanAssign, p.CanReassign, p.CanRemove = allowed.Assign && allowed.AssignOnly == "", allowed.Reassign, allowed.Remove
	if b.Kind.Reassignable() {
		p.Used = benefits.Reassignments(b.Kind, d.History).String()
	}
	p.RemoveConfirm = removeConfirm(b, d.History, allowed)
	if !allowed.Assign && !allowed.Reassign {
		action := benefits.ActionAssign
		if b.AssignedTo != "" {
			action = benefits.ActionReassign
		}
		if err := benefits.Check(b, d.History, action, now); err != nil {
			var re *benefits.RuleError
			if errors.As(err, &re) {
				p.Notice, p.NoticeRule = re.Message, re.Rule
			}
		}
	}
	if b.AssignedTo != "" {
		users, err := s.store.UsersByEmail(ctx, []string{b.AssignedTo})
		if err != nil {
			return err
		}
		if u, ok := users[b.AssignedTo]; ok && !u.HasPassword() {
			p.HolderNoPass = true
			pending, err := s.store.PendingInvitations(ctx, []int64{u.ID})
			if err != nil {
				return err
			}
			if inv, ok := pending[u.ID]; ok {
				p.Invitation = &views.PendingInvitation{Sent: linkTime(inv.CreatedAt), Expires: linkTime(inv.ExpiresAt),
					Expired: !inv.ExpiresAt.After(s.wallTime())}
			}
		}
	}
	if only := allowed.AssignOnly; only != "" {
		members, err := s.store.MembersOfPartner(ctx, pc.ID, only, 2)
		if err != nil {
			return err
		}
		if !slices.ContainsFunc(members, func(m store.MemberRow) bool { return m.Email == only }) {
			p.Notice = fault.Say(benefits.KeyNoMore, benefits.MaxReassignments, pc.Name, fault.Email(only))
			p.NoticeRule = "P6"
			return nil
		}
		p.AssignOnly = only
		p.AssignOnlyNote = fault.Say(views.KeyAssignOnly, benefits.MaxReassignments, fault.Email(only))
		return nil
	}
	if !p.CanAssign && !p.CanReassign {
		return nil
	}
	members, err := s.store.MembersOfPartner(ctx, pc.ID, p.Search, memberResults+1)
	if err != nil {
		return err
	}
	for _, m := range members {
		if m.Email == b.AssignedTo || len(p.Members) == memberResults {
			continue
		}
		o := views.MemberOption{Email: m.Email, Name: m.Name}
		if (access.PartnerGrants{Member: true, Roles: m.Roles}).Admin() {
			o.Role = access.PartnerAdmin.Title()
		}
		p.Members = append(p.Members, o)
	}
	return nil
}

// removeConfirm is the question Remove user asks (P6): at the reassignment limit it warns that
// only the user being removed could be assigned again; otherwise it says what a different
// user afterwards costs.
func removeConfirm(b benefits.Benefit, history []benefits.Event, allowed benefits.Actions) fault.Message {
	holder, id := fault.Email(b.AssignedTo), fault.ID(b.ID)
	if only := allowed.RemoveLeavesOnly; only != "" {
		return fault.Say(views.KeyRemoveConfirmLast, holder, id, benefits.MaxReassignments, fault.Email(only))
	}
	left := benefits.Reassignments(b.Kind, history).Remaining()
	if left == 1 {
		return fault.Say(views.KeyRemoveConfirmOne, holder, id, left)
	}
	return fault.Say(views.KeyRemoveConfirm, holder, id, left)
}
