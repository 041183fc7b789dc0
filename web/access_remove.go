package web

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/views"
)

// accessRemove removes a role assignment held directly on the scope, unless it is the scope's
// last owner (M4), and refreshes the panel in place.
func (s *Server) accessRemove(c echo.Context) error {
	sc := currentScope(c)
	id, err := strconv.ParseInt(c.Param("assignment"), 10, 64)
	if err != nil || id <= 0 {
		return fault.New(fault.ErrNotFound, "No such role assignment on this scope.")
	}
	err = s.store.RemoveRole(c.Request().Context(), *currentUser(c), sc.Scope, id)
	var refusal fault.Refusal
	switch {
	case errors.As(err, &refusal):
		return s.renderAccessResult(c, http.StatusConflict, grantForm{}, nil, fault.Message{}, refusal)
	case errors.Is(err, fault.ErrNotFound):
		return fault.New(fault.ErrNotFound, "No such role assignment on this scope; it may be inherited from the billing account.")
	case err != nil:
		return err
	}
	return s.renderAccessResult(c, http.StatusOK, grantForm{}, nil, fault.Say(views.KeyRoleRemoved), nil)
}
