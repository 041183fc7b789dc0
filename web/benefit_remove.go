package web

import (
	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/views"
)

// benefitRemove takes the holder off a monthly credit (P6). It uses no reassignment; assigning
// a different user afterwards does.
func (s *Server) benefitRemove(c echo.Context) error {
	ch, err := s.store.RemoveBenefitUser(c.Request().Context(), *currentUser(c), currentPartner(c).Partner, benefitParam(c))
	return s.paneResult(c, err, ch.Summary, views.BenefitPane{})
}
