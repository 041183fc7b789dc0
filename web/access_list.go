package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/views"
)

// accessList is the Access control page of a scope (M3).
func (s *Server) accessList(c echo.Context) error {
	p, err := s.accessProps(c)
	if err != nil {
		return err
	}
	p.Flash = s.takeSaid(c)
	return s.render(c, http.StatusOK, views.AccessPage(p), views.AccessPanel(p))
}

// accessProps builds the page's props from the scope's assignments: remove buttons only for
// an owner (the handlers check again through the route rule) and never on inherited rows.
func (s *Server) accessProps(c echo.Context) (views.Access, error) {
	sc := currentScope(c)
	rows, err := s.store.AssignmentsOn(c.Request().Context(), sc.Scope)
	if err != nil {
		return views.Access{}, err
	}
	base := s.links.access(sc.Scope)
	p := views.Access{Shell: s.scopeShell(c, "Access control", "Access control (IAM)"), Loc: readerLocale(c),
		CanManage: sc.Grants.Can(access.ManageAccess), FormAction: base, Role: string(access.Reader), Errors: map[string]string{}}
	p.ScopeKind = p.Shell.ScopeKind
	for _, r := range access.RolesOn(sc.Kind()) {
		p.Roles = append(p.Roles, views.RoleOption{Value: string(r), Label: r.Title()})
	}
	owners := 0
	for _, r := range rows {
		if r.Role == access.Owner {
			owners++
		}
	}
	for _, r := range rows {
		row := views.AccessRow{ID: r.ID, UserName: r.UserName, UserEmail: r.UserEmail, Role: r.Role.Title(), Inherited: r.Inherited}
		if p.CanManage && !r.Inherited && (r.Role != access.Owner || owners > 1) { // M4: the last owner stays
			row.RemoveURL = s.links.accessRemove(sc.Scope, r.ID)
		}
		p.Rows = append(p.Rows, row)
	}
	return p, nil
}
