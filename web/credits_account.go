package web

import (
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/views"
)

// accountCredits is the Azure credits page of a billing account: with several billing profiles
// a summary row per profile, each opening the profile's page (M14); with one profile, that
// profile's page; for an account that is not an MCA, the plain explanation (M6).
func (s *Server) accountCredits(c echo.Context) error {
	sc := currentScope(c)
	ctx := c.Request().Context()
	p := views.AccountCredits{Shell: s.scopeShell(c, "Azure credits", "Azure credits"), Loc: readerLocale(c)}
	if !sc.Account.IsMCA() {
		p.NotMCA, p.AgreementType = true, sc.Account.AgreementType
		return s.render(c, http.StatusOK, views.AccountCreditsPage(p), nil)
	}
	profiles, err := s.store.ProfilesOfAccount(ctx, sc.Account.ID)
	if err != nil {
		return err
	}
	if len(profiles) == 1 {
		return seeOther(c, s.links.profileCredits(sc.Account.Name, profiles[0].Name))
	}
	ledgers, err := s.store.ProfileLedgers(ctx, profiles, s.today())
	if err != nil {
		return err
	}
	for _, l := range ledgers {
		bp := l.Profile
		p.Rows = append(p.Rows, views.AccountCreditsRow{DisplayName: bp.DisplayName, Name: bp.Name,
			Href: s.links.profileCredits(sc.Account.Name, bp.Name), Currency: bp.Currency,
			Estimated: l.Summary.EstimatedBalance, Current: l.Summary.CurrentBalance, ActiveLots: l.ActiveLots,
			NextExpiry: l.NextExpiry, NextExpiring: l.NextExpiring})
	}
	return s.render(c, http.StatusOK, views.AccountCreditsPage(p), nil)
}
