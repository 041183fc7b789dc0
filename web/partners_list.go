package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/views"
)

// partnersList is the Benefits page: the organisations the user is a member of, the workspace
// linked for partner admins only (P1), and a count of the user's own benefits.
func (s *Server) partnersList(c echo.Context) error {
	ctx, u := c.Request().Context(), currentUser(c)
	ms, err := s.store.PartnersOfUser(ctx, u.ID)
	if err != nil {
		return err
	}
	mine, err := s.store.BenefitsAssignedTo(ctx, u.ID)
	if err != nil {
		return err
	}
	p := views.Partners{Shell: s.shell(c, "Benefits"), Assigned: len(mine), AssignedText: holdText(len(mine))}
	p.Shell.Crumbs = []views.Crumb{{Label: "Benefits"}}
	for _, m := range ms {
		row := views.PartnerLink{Name: m.Partner.Name, ExternalID: m.Partner.ExternalID, Role: "Member"}
		if m.Grants.Admin() {
			row.Role = access.PartnerAdmin.Title()
		}
		if m.Grants.Can(access.ManageBenefits) {
			row.Href = s.links.partner(routeBenefits, m.Partner.ExternalID)
		}
		p.Rows = append(p.Rows, row)
	}
	return s.render(c, http.StatusOK, views.PartnersPage(p), nil)
}

// holdText counts the user's benefits in a sentence: "You hold 1 benefit.", "You hold 3 benefits."
func holdText(n int) string {
	if n == 1 {
		return "You hold 1 benefit."
	}
	return "You hold " + strconv.Itoa(n) + " benefits."
}
