package web

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/views"
)

// auditPageSize is the number of audit entries per page.
const auditPageSize = 50

// auditList is the audit log of a billing scope (X1), newest first, paged by ?before=<id>.
func (s *Server) auditList(c echo.Context) error {
	sc := currentScope(c)
	return s.renderAudit(c, s.scopeShell(c, "Audit log", "Audit log"), sc.ID(), s.links.audit(sc.Scope))
}

// renderAudit answers one page of the audit log of scopeID, whose page is at base: the page
// before the entry ?before= names (keyset paging), with links to the older and newest entries.
func (s *Server) renderAudit(c echo.Context, shell views.Shell, scopeID, base string) error {
	var before int64
	if v := c.QueryParam("before"); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return fault.New(fault.ErrBadRequest, "before: must be a positive entry number.")
		}
		before = n
	}
	events, err := s.store.AuditOf(c.Request().Context(), scopeID, before, auditPageSize+1)
	if err != nil {
		return err
	}
	p := views.Audit{Shell: shell, Loc: readerLocale(c)}
	if before > 0 {
		p.FirstHref = base
	}
	if len(events) > auditPageSize {
		events = events[:auditPageSize]
		p.NextHref = base + "?before=" + strconv.FormatInt(events[len(events)-1].ID, 10)
	}
	if p.Rows, err = auditRows(events); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, views.AuditPage(p), views.AuditTable(p))
}
