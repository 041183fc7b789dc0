package web

import (
	"context"
	"net/http"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// Page sizes of the credits page's tables; the database does the paging (keyset).
const (
	lotsPageSize = 20
	txPageSize   = 25
)

// creditsPage is what the credits page of one profile is built from besides the data the store
// gives: the request's query, the business day, the reader's locale, the links, and what the
// caller may do. Its builders are pure functions of it and the fetched data.
type creditsPage struct {
	bp      store.BillingProfile
	account string // the billing account's name
	q       creditsQuery
	today   ledger.Date
	window  int
	loc     views.Locale
	links   links
	// invoices: the settled transactions link their invoices (the caller may view them, and the
	// profile has local ones).
	invoices  bool
	canCancel bool   // the caller may cancel lots (M3: owners and contributors)
	csrf      string // the CSRF token for the cancel forms
}

// creditsPageOf reads what every part of the page needs from the request.
func (s *Server) creditsPageOf(c echo.Context, q creditsQuery) creditsPage {
	sc := currentScope(c)
	return creditsPage{bp: *sc.Profile, account: sc.Account.Name, q: q, today: s.today(), window: s.cfg.ExpiryWindow,
		loc: readerLocale(c), links: s.links, invoices: sc.Grants.Can(access.ViewInvoices),
		canCancel: sc.Grants.Can(access.Contribute), csrf: csrfToken(c)}
}

// base is the page's path.
func (pg creditsPage) base() string { return pg.links.profileCredits(pg.account, pg.bp.Name) }

// readerLocale is how the reader wants dates written (X3; see views.Locale). The answer varies
// with Accept-Language.
func readerLocale(c echo.Context) views.Locale {
	c.Response().Header().Add("Vary", "Accept-Language")
	return views.LocaleOf(c.Request().Header.Get("Accept-Language"))
}

// creditsShow is the Azure credits page of a billing profile (M7-M16): balance, pending new
// credit, credits list and transactions; the balance over time and the runway follow after the
// first paint (creditsCharts). An htmx request that targets one of the two tables gets that
// table alone, built from the same props as the page.
func (s *Server) creditsShow(c echo.Context) error {
	sc := currentScope(c)
	p := views.Credits{Shell: s.scopeShell(c, "Azure credits", "Azure credits"), Currency: sc.Profile.Currency,
		InvoiceDay: sc.Profile.InvoiceDay}
	if !sc.Account.IsMCA() {
		p.NotMCA, p.AgreementType = true, sc.Account.AgreementType
		return s.render(c, http.StatusOK, views.CreditsPage(p), nil)
	}
	q, err := parseCreditsQuery(c.QueryParams(), s.store.CheckCursor)
	if err != nil {
		return err
	}
	ctx, pg := c.Request().Context(), s.creditsPageOf(c, q)
	p.Loc = pg.loc
	synced, ok, err := s.store.AzureSyncOf(ctx, pg.bp.ID)
	if err != nil {
		return err
	}
	if ok { // Azure keeps the ledger: no local invoices, no Cancel
		pg.canCancel, pg.invoices = false, false
		p.Synced = syncedNotice(synced, s.azureLink(sc))
	}
	c.Response().Header().Add("Vary", hxTarget)
	if hx := htmxOf(c.Request()); hx.Fragment() {
		switch hx.Target {
		case views.LotsTableID:
			rows, next, err := s.lotsPage(ctx, pg, q.After, lotsPageSize)
			if err != nil {
				return err
			}
			t := pg.lotsTable(rows, next)
			return s.render(c, http.StatusOK, views.LotsFragment(t), views.LotsFragment(t))
		case views.TxTableID:
			d, err := s.txData(ctx, pg, nil)
			if err != nil {
				return err
			}
			t := pg.txTable(d)
			return s.render(c, http.StatusOK, views.TxFragment(t), views.TxFragment(t))
		}
	}
	if err := s.fillCredits(ctx, pg, &p, !ok); err != nil {
		return err
	}
	p.State, p.Confirm = hiddens(q.all()), cancelConfirm(pg, p.Lots, c.QueryParam("cancel"))
	if sc.Grants.Can(access.Contribute) && !ok { // uploads are refused where Azure keeps the ledger
		p.UploadHref = s.links.upload(sc.Scope)
	}
	if sc.Grants.Can(access.Contribute) { // the notice is for who can act on it (M3; issue 8)
		f, failed, err := s.store.ProcessFailureOf(ctx, pg.bp.ID)
		if err != nil {
			return err
		}
		if failed {
			p.ProcessFailed = &views.ProcessFailed{Since: f.Since, LastRun: f.FailedOn}
		}
	}
	return s.render(c, http.StatusOK, views.CreditsPage(p), nil)
}

// fillCredits fetches and builds the whole page; a profile without any credit gets the empty
// state alone. cacheable: the profile's ledger is the portal's own (creditsData).
func (s *Server) fillCredits(ctx context.Context, pg creditsPage, p *views.Credits, cacheable bool) error {
	d, err := s.keptCredits(ctx, pg, cacheable)
	if err != nil {
		return err
	}
	p.Lots, p.Pending, p.Empty = pg.lotsTable(d.lots, d.next), pendingLots(d.pending), d.empty
	if d.empty {
		return nil
	}
	p.Balance = balanceOf(d.sum, pg.bp.Currency)
	notCovered, err := s.store.NotCovered(ctx)
	if err != nil {
		return err
	}
	p.NotCovered = notCovered.Names()
	p.Tx = pg.txTable(d.tx)
	if p.TxKept, err = s.keptTxTable(ctx, pg, p.Tx, cacheable); err != nil {
		return err
	}
	p.ChartsHref = pg.links.to(routeCreditsCharts, pg.account, pg.bp.Name)
	return nil
}

// pendingLots are the lots a processing run has not released yet (M16).
func pendingLots(rows []store.LotRow) []views.PendingLot {
	var out []views.PendingLot
	for _, l := range rows {
		lot := l.Lot()
		out = append(out, views.PendingLot{Name: l.Name, Source: l.Source, Amount: lot.OriginalAmount, StartDate: lot.StartDate})
	}
	return out
}

// balanceOf is the balance section (M12); new credit and canceled credit get their own lines, so
// the adjustments line shows only the adjustments.
func balanceOf(sum ledger.Summary, currency string) views.Balance {
	return views.Balance{Currency: currency, Estimated: sum.EstimatedBalance, Current: sum.CurrentBalance,
		PendingCharges:     sum.PendingEligibleCharges,
		PendingAdjustments: sum.PendingCreditAdjustments.Sub(sum.PendingNewCredit).Add(sum.CanceledCredit),
		PendingNewCredit:   sum.PendingNewCredit, Canceled: sum.CanceledCredit, Expired: sum.ExpiredCredit,
		Uncovered: sum.UncoveredCharges, Ineligible: sum.IneligibleCharges}
}
