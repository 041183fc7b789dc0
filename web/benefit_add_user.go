package web

import (
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/views"
)

// benefitAddUser is Add a new user (P4): a user of a company domain of the organisation (P10)
// is created without a usable password (the Activate benefits tab then says that an operator
// sets one), made a member and assigned the benefit, or with
// mode=reassign given the monthly credit in place of its holder (P6), all or nothing.
func (s *Server) benefitAddUser(c echo.Context) error {
	form := views.BenefitPane{Name: strings.TrimSpace(c.FormValue("name")), Email: strings.TrimSpace(c.FormValue("email"))}
	reassign := c.FormValue("mode") == "reassign"
	ch, err := s.store.AddMemberAndAssign(c.Request().Context(), *currentUser(c), currentPartner(c).Partner,
		benefitParam(c), form.Name, form.Email, reassign)
	// The tab says below the holder that they have no password yet, with the command as code.
	return s.paneResult(c, err, ch.Summary, form)
}
