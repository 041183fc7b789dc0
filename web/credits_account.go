package web

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
	"github.com/creditdesk/creditdesk/web/ledgercache"
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
	ledgers, err := s.keptLedgers(ctx, profiles, s.today())
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

// keptLedgers summarises the profiles (ProfileLedgers), each from the cache when its ledger has
// not moved since it was summarised for the same business day (ledgercache), the others from the
// store: with every row kept, the statement that reads the kept balance sections and their
// decoding are saved (issue 10). The profiles were read by this request, before anything the
// summaries read, so their versions label the values; a profile Azure keeps is never kept.
func (s *Server) keptLedgers(ctx context.Context, profiles []store.BillingProfile, today ledger.Date) ([]store.ProfileLedger, error) {
	out := make([]store.ProfileLedger, len(profiles))
	var miss []store.BillingProfile
	var at []int // the index in out of each miss
	for i, p := range profiles {
		l, ok := s.ledgersCache.Get(p.ID, ledgercache.Key[struct{}]{Version: p.LedgerVersion, Today: today})
		if ok && p.LedgerVersion > 0 {
			l.Profile = p
			out[i] = l
			continue
		}
		miss, at = append(miss, p), append(at, i)
	}
	if len(miss) == 0 {
		return out, nil
	}
	read, err := s.store.ProfileLedgers(ctx, miss, today)
	if err != nil {
		return nil, err
	}
	for j, l := range read {
		out[at[j]] = l
		if p := miss[j]; !l.Synced && p.LedgerVersion > 0 {
			s.ledgersCache.Put(p.ID, ledgercache.Key[struct{}]{Version: p.LedgerVersion, Today: today}, l)
		}
	}
	return out, nil
}
