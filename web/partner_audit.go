package web

import "github.com/labstack/echo/v4"

// partnerAudit is the audit log of a partner organisation for its partner admins (X1): every
// assignment, removal, reassignment, redemption, renewal and refused attempt, newest first,
// paged by ?before=<id>.
func (s *Server) partnerAudit(c echo.Context) error {
	pc := currentPartner(c)
	return s.renderAudit(c, s.partnerShell(c, "Audit log", "Audit log"), pc.ScopeID(), s.links.partner(routePartnerAudit, pc.ExternalID))
}
