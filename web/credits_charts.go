package web

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/views"
	"github.com/creditdesk/creditdesk/web/keptcache"
)

// creditsCharts is the balance over time and the runway of a billing profile's credits page
// (beyond Azure): the fragment the page loads after its first paint, or, for a browser without
// JavaScript that followed the page's link, a page of their own. An account that is not an MCA
// gets its credits page's explanation (M6).
func (s *Server) creditsCharts(c echo.Context) error {
	sc := currentScope(c)
	if !sc.Account.IsMCA() {
		return s.creditsShow(c)
	}
	ctx, pg := c.Request().Context(), s.creditsPageOf(c, creditsQuery{})
	d, err := s.chartsData(ctx, pg)
	if err != nil {
		return err
	}
	p := views.CreditsCharts{Shell: s.scopeShell(c, "Azure credits", "Azure credits"), Back: pg.base(), Loc: pg.loc,
		History: d.history, Runway: d.runway}
	return s.render(c, http.StatusOK, views.CreditsChartsPage(p), views.ChartsFragment(p))
}

// charts is what the charts show: the balance over time and the runway of one profile.
type charts struct {
	history views.BalanceHistory
	runway  views.Runway
}

// chartsData is what the charts show, from the cache when the profile's ledger has not moved
// since they were computed for the same business day (keptcache), else from the store.
func (s *Server) chartsData(ctx context.Context, pg creditsPage) (charts, error) {
	_, synced, err := s.store.AzureSyncOf(ctx, pg.bp.ID)
	if err != nil {
		return charts{}, err
	}
	label, versioned := keptcache.DayOf(pg.bp.LedgerVersion, pg.today)
	// A profile whose ledger Azure keeps is read afresh each time: its copy and its sync state
	// come from Azure's tables (only the API's events page keeps it, by the version syncs move).
	cacheable := !synced && versioned
	if d, ok := s.chartsCache.Get(pg.bp.ID, label, struct{}{}); ok && cacheable {
		return d, nil
	}
	sum, err := s.store.ProfileSummary(ctx, pg.bp, pg.today)
	if err != nil {
		return charts{}, err
	}
	var d charts
	r, f, err := s.runway(ctx, pg, sum)
	if err != nil {
		return d, err
	}
	if d.history, err = s.balanceHistory(ctx, pg, sum, f, r); err != nil {
		return d, err
	}
	d.runway = r
	if cacheable {
		s.chartsCache.Put(pg.bp.ID, label, struct{}{}, d)
	}
	return d, nil
}
