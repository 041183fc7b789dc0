package web

import (
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/views"
)

// benefitAssign is Assign user on the Activate benefits tab (P4): the member of the form's user
// field gets the benefit, by the rules (P4, P6, P8, P9, P10).
func (s *Server) benefitAssign(c echo.Context) error { return s.setBenefitUser(c, false) }

// benefitReassign replaces the holder of a monthly credit by the form's user (P6, P12).
func (s *Server) benefitReassign(c echo.Context) error { return s.setBenefitUser(c, true) }

// setBenefitUser is benefitAssign and benefitReassign.
func (s *Server) setBenefitUser(c echo.Context, reassign bool) error {
	user := strings.TrimSpace(c.FormValue("user"))
	ch, err := s.store.AssignBenefit(c.Request().Context(), *currentUser(c), currentPartner(c).Partner, benefitParam(c), user, reassign)
	return s.paneResult(c, err, ch.Summary, views.BenefitPane{})
}
