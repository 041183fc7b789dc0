package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/views"
)

// auditPageSize is the number of audit entries per page.
const auditPageSize = 50

// auditList is the audit log of a scope (X1), newest first, paged by ?before=<id>.
func (s *Server) auditList(c echo.Context) error {
	sc := currentScope(c)
	var before int64
	if v := c.QueryParam("before"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return echo.NewHTTPError(http.StatusBadRequest, "before: must be a positive entry number.")
		}
		before = n
	}
	events, err := s.store.AuditOf(c.Request().Context(), sc.ID(), before, auditPageSize+1)
	if err != nil {
		return err
	}
	p := views.Audit{Shell: s.scopeShell(c, "Audit log", "Audit log"), Loc: readerLocale(c)}
	if before > 0 {
		p.FirstHref = scopeHref(sc.Scope) + "/audit"
	}
	if len(events) > auditPageSize {
		events = events[:auditPageSize]
		p.NextHref = scopeHref(sc.Scope) + "/audit?before=" + strconv.FormatInt(events[len(events)-1].ID, 10)
	}
	p.Rows = auditRows(events)
	return s.render(c, http.StatusOK, views.AuditPage(p), views.AuditTable(p))
}
