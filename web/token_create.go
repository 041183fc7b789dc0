package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// tokenCreate creates a personal API token and shows its secret on the page it answers with, once:
// the secret never goes into a cookie or a redirect, and only its hash is stored.
func (s *Server) tokenCreate(c echo.Context) error {
	name, expiry := strings.TrimSpace(c.FormValue("name")), c.FormValue("expires")
	var expiresAt *time.Time
	invalid := fault.Invalid{}
	days, offered := expiryDays(expiry)
	switch {
	case !offered:
		invalid = append(invalid, fault.FieldError{Field: "expires", Message: "Choose one of the expiries offered."})
	case days > 0:
		t := s.wallTime().AddDate(0, 0, days)
		expiresAt = &t
	}
	var secret string
	if len(invalid) == 0 {
		u := currentUser(c)
		var err error
		secret, _, err = s.store.CreateToken(c.Request().Context(), *u, *u, name, expiresAt)
		if v, ok := fault.AsInvalid(err); ok {
			invalid = v
		} else if err != nil {
			return err
		}
	}
	status := http.StatusOK
	if len(invalid) > 0 {
		status = http.StatusUnprocessableEntity
	}
	p, err := s.tokensProps(c, expiry)
	if err != nil {
		return err
	}
	showInvalid(p.Errors, invalid)
	if status == http.StatusOK {
		p.NewName, p.NewSecret = name, secret
	} else {
		p.Name = name
	}
	return s.renderTokens(c, status, p)
}

// expiryDays reads the create form's expiry: the days of one of tokenExpiries, 0 for none, and
// whether it is one of them.
func expiryDays(v string) (int, bool) {
	for _, e := range tokenExpiries {
		if e.value == v {
			days, _ := strconv.Atoi(e.value) // "" is 0: no expiry
			return days, true
		}
	}
	return 0, false
}

// errNoToken is a token the user does not have.
var errNoToken = fault.New(fault.ErrNotFound, "This token does not exist.")

// tokenRevoke revokes one of the user's own tokens; another user's is 404 like a missing one.
func (s *Server) tokenRevoke(c echo.Context) error {
	id, err := strconv.ParseInt(c.Param("token"), 10, 64)
	if err != nil {
		return errNoToken
	}
	if err := s.store.RevokeToken(c.Request().Context(), *currentUser(c), id); err != nil {
		return notFoundAs(err, errNoToken)
	}
	if err := s.addFlash(c, "The token is revoked: requests with it are refused from now on."); err != nil {
		return err
	}
	return seeOther(c, s.links.to(routeTokens))
}

// itoa formats an id for a URL.
func itoa(id int64) string { return strconv.FormatInt(id, 10) }
