package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/views"
)

// partnerAudit is the audit log of a partner organisation for its partner admins (X1): every
// assignment, removal, reassignment, redemption, renewal and refused attempt, newest first,
// paged by ?before=<id>.
func (s *Server) partnerAudit(c echo.Context) error {
	pc := currentPartner(c)
	var before int64
	if v := c.QueryParam("before"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return echo.NewHTTPError(http.StatusBadRequest, "before: must be a positive entry number.")
		}
		before = n
	}
	events, err := s.store.AuditOf(c.Request().Context(), pc.ScopeID(), before, auditPageSize+1)
	if err != nil {
		return err
	}
	p := views.Audit{Shell: s.partnerShell(c, "Audit log", "Audit log"), Loc: readerLocale(c)}
	if len(events) > auditPageSize {
		events = events[:auditPageSize]
		p.NextHref = partnerHref(pc.ExternalID) + "/audit?before=" + strconv.FormatInt(events[len(events)-1].ID, 10)
	}
	p.Rows = auditRows(events)
	return s.render(c, http.StatusOK, views.AuditPage(p), views.AuditTable(p))
}
