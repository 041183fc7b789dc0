package web

import (
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
	"github.com/creditdesk/creditdesk/web/armapi"
)

// tokenExpiries are the expiry choices of the create form, in days ("" for none).
var tokenExpiries = []struct{ value, label string }{
	{"30", "In 30 days"}, {"90", "In 90 days"}, {"365", "In a year"}, {"", "Never"},
}

// tokensList is the Tokens page of the signed-in user.
func (s *Server) tokensList(c echo.Context) error {
	p, err := s.tokensProps(c, "90")
	if err != nil {
		return err
	}
	p.Flash = s.takeFlash(c)
	return s.renderTokens(c, http.StatusOK, p)
}

// tokensProps lists the user's tokens with their state on the server clock (X3).
func (s *Server) tokensProps(c echo.Context, expiry string) (views.Tokens, error) {
	u := currentUser(c)
	ts, err := s.store.TokensOfUser(c.Request().Context(), u.ID)
	if err != nil {
		return views.Tokens{}, err
	}
	p := views.Tokens{Shell: s.shell(c, "API tokens"), Errors: map[string]string{},
		Example: `curl -H "Authorization: Bearer <token>" "` + c.Scheme() + "://" + c.Request().Host +
			armapi.AccountsPath + `?api-version=2020-05-01&%24expand=billingProfiles"`}
	for _, e := range tokenExpiries {
		p.Expiries = append(p.Expiries, views.TokenExpiry{Value: e.value, Label: e.label, Selected: e.value == expiry})
	}
	now := s.wallTime()
	for _, t := range ts {
		p.Rows = append(p.Rows, tokenRow(t, now, s.links.to(routeTokenRevoke, itoa(t.ID))))
	}
	return p, nil
}

// tokenRow shows one token, which revoke revokes.
func tokenRow(t store.APIToken, now time.Time, revoke string) views.TokenRow {
	r := views.TokenRow{Name: t.Name, Created: t.CreatedAt.UTC().Format(tokenTime), Expires: "Never", LastUsed: "Never",
		State: "Active", RevokeURL: revoke}
	if t.ExpiresAt != nil {
		r.Expires = t.ExpiresAt.UTC().Format(tokenTime)
		if !now.Before(*t.ExpiresAt) {
			r.State = "Expired"
		}
	}
	if t.LastUsedAt != nil {
		r.LastUsed = t.LastUsedAt.UTC().Format(tokenTime)
	}
	if t.RevokedAt != nil {
		r.State, r.RevokeURL = "Revoked", ""
	}
	return r
}

// tokenTime is how the page shows token times (stored in UTC, X3).
const tokenTime = "2006-01-02 15:04 UTC"

// renderTokens renders the page; it is never cached, since it may hold a new secret.
func (s *Server) renderTokens(c echo.Context, status int, p views.Tokens) error {
	return s.render(c, status, views.TokensPage(p), nil)
}
