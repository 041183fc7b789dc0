package web

import (
	"errors"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/mail"
	"github.com/creditdesk/creditdesk/views"
)

// grantForm is the Add role assignment form.
type grantForm struct {
	Email string
	Role  string
}

// validate checks the form against the scope's kind and returns the parsed role.
func (f grantForm) validate(kind access.Kind) (access.Role, fault.Invalid) {
	var v fault.Invalid
	if f.Email == "" {
		v = append(v, fault.FieldError{Field: "email", Message: "Enter the email of the user to grant a role to."})
	} else if mail.CheckAddress(f.Email) != nil {
		v = append(v, fault.FieldError{Field: "email", Message: "Enter an email address such as ana@example.com."})
	}
	role, err := access.ParseRole(f.Role, kind)
	if err != nil {
		v = append(v, fault.FieldError{Field: "role", Message: "Choose one of the roles offered for this scope."})
	}
	return role, v
}

// accessGrant grants a role on the scope (owners only, M3) and refreshes the panel in place.
func (s *Server) accessGrant(c echo.Context) error {
	sc := currentScope(c)
	f := grantForm{Email: strings.ToLower(strings.TrimSpace(c.FormValue("email"))), Role: c.FormValue("role")}
	role, invalid := f.validate(sc.Kind())
	var invited fault.Message
	if len(invalid) == 0 {
		u, created, err := s.store.GrantRole(c.Request().Context(), *currentUser(c), sc.Scope, f.Email, role)
		if v, ok := fault.AsInvalid(err); ok {
			invalid = v
		} else if err != nil {
			return err
		} else if created {
			// An email without an account got one: invite them to choose a password (issue 12).
			if invited, err = s.invite(c, u); err != nil {
				return err
			}
		}
	}
	if len(invalid) > 0 {
		return s.renderAccessResult(c, http.StatusUnprocessableEntity, f, invalid, fault.Message{}, nil)
	}
	done := fault.Say(views.KeyGranted, fault.Email(f.Email), role)
	if !invited.IsZero() {
		done = fault.Say(views.KeyAnd, done, invited)
	}
	return s.renderAccessResult(c, http.StatusOK, grantForm{}, nil, done, nil)
}

// renderAccessResult answers a change on the Access control page: the refreshed panel for htmx;
// without JavaScript the whole page on an error, or a redirect back to it after a success.
func (s *Server) renderAccessResult(c echo.Context, code int, f grantForm, invalid fault.Invalid, done fault.Message, refused error) error {
	if code == http.StatusOK && !htmxOf(c.Request()).Fragment() {
		if err := s.addSaid(c, done); err != nil {
			return err
		}
		return seeOther(c, s.links.access(currentScope(c).Scope))
	}
	p, err := s.accessProps(c)
	if err != nil {
		return err
	}
	p.Email, p.Flash = f.Email, done
	if f.Role != "" {
		p.Role = f.Role
	}
	showInvalid(p.Errors, invalid)
	var r fault.Refusal
	if errors.As(refused, &r) {
		p.Flash, p.FlashError = r.Said, true
	}
	return s.render(c, code, views.AccessPage(p), views.AccessPanel(p))
}
