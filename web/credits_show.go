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

// creditsView is what building the credits page of one profile needs, for one request.
type creditsView struct {
	s      *Server
	ctx    context.Context
	bp     store.BillingProfile
	q      creditsQuery
	today  ledger.Date
	window int
	loc    views.Locale
	base   string // the page's path
	// invoiceBase is the path of the profile's invoices, "" when the caller cannot view them.
	invoiceBase string
	canCancel   bool   // the caller may cancel lots (M3: owners and contributors)
	csrf        string // the CSRF token for the cancel forms
}

// newCreditsView reads what every part of the page needs from the request.
func (s *Server) newCreditsView(c echo.Context, q creditsQuery) *creditsView {
	sc := currentScope(c)
	href := profileHref(sc.Account.Name, sc.Profile.Name)
	v := &creditsView{s: s, ctx: c.Request().Context(), bp: *sc.Profile, q: q, today: s.today(),
		window: s.cfg.ExpiryWindow, loc: readerLocale(c), base: href + "/credits"}
	if sc.Grants.Can(access.ViewInvoices) {
		v.invoiceBase = href + "/invoices/"
	}
	v.canCancel, v.csrf = sc.Grants.Can(access.Contribute), csrfToken(c)
	return v
}

// readerLocale is how the reader wants dates written (X3; see views.Locale). The answer varies
// with Accept-Language.
func readerLocale(c echo.Context) views.Locale {
	c.Response().Header().Add("Vary", "Accept-Language")
	return views.LocaleOf(c.Request().Header.Get("Accept-Language"))
}

// creditsShow is the Azure credits page of a billing profile (M7-M16): balance, pending new
// credit, credits list, transactions and runway. An htmx request that targets one of the two
// tables gets that table alone, built from the same props as the page.
func (s *Server) creditsShow(c echo.Context) error {
	sc := currentScope(c)
	p := views.Credits{Shell: s.scopeShell(c, "Azure credits", "Azure credits"), Currency: sc.Profile.Currency,
		InvoiceDay: sc.Profile.InvoiceDay}
	if !sc.Account.IsMCA() {
		p.NotMCA, p.AgreementType = true, sc.Account.AgreementType
		return s.render(c, http.StatusOK, views.CreditsPage(p), nil)
	}
	q, err := parseCreditsQuery(c.QueryParams())
	if err != nil {
		return err
	}
	v := s.newCreditsView(c, q)
	p.Loc = v.loc
	if p.Synced, err = v.syncedNotice(c); err != nil {
		return err
	}
	c.Response().Header().Add("Vary", hxTarget)
	if htmxOf(c.Request()).Fragment() {
		switch htmxOf(c.Request()).Target {
		case views.LotsTableID:
			t, err := v.lotsTable()
			if err != nil {
				return err
			}
			return s.render(c, http.StatusOK, views.LotsTable(t), views.LotsTable(t))
		case views.TxTableID:
			t, err := v.txTable(nil)
			if err != nil {
				return err
			}
			return s.render(c, http.StatusOK, views.TxTable(t), views.TxTable(t))
		}
	}
	if err := v.fill(&p); err != nil {
		return err
	}
	if p.ProcessFailed, err = v.processFailed(sc.Grants.Can(access.Contribute)); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, views.CreditsPage(p), nil)
}

// processFailed is the notice that the processing runs skip this profile, for the owners and
// contributors who can act on it (contributor, M3; issue 8); nil for everyone else and while
// runs succeed.
func (v *creditsView) processFailed(contributor bool) (*views.ProcessFailed, error) {
	if !contributor {
		return nil, nil
	}
	f, ok, err := v.s.store.ProcessFailureOf(v.ctx, v.bp.ID)
	if err != nil || !ok {
		return nil, err
	}
	return &views.ProcessFailed{Since: f.Since, LastRun: f.FailedOn}, nil
}

// fill builds the whole page; a profile without any credit gets the empty state alone.
func (v *creditsView) fill(p *views.Credits) error {
	var err error
	if p.Lots, err = v.lotsTable(); err != nil {
		return err
	}
	pending, err := v.s.store.PendingLots(v.ctx, v.bp.ID)
	if err != nil {
		return err
	}
	for _, l := range pending {
		lot := l.Lot()
		p.Pending = append(p.Pending, views.PendingLot{Name: l.Name, Source: l.Source, Amount: lot.OriginalAmount, StartDate: lot.StartDate})
	}
	if len(p.Lots.Rows) == 0 && len(pending) == 0 {
		has, err := v.hasVisibleLots()
		if err != nil || !has {
			p.Empty = true
			return err
		}
	}
	sum, err := v.s.store.ProfileSummary(v.ctx, v.bp, v.today)
	if err != nil {
		return err
	}
	p.Balance = balanceOf(sum, v.bp.Currency)
	notCovered, err := v.s.store.NotCovered(v.ctx)
	if err != nil {
		return err
	}
	p.NotCovered = notCovered.Names()
	if p.Tx, err = v.txTable(&sum); err != nil {
		return err
	}
	p.Runway, err = v.runway(sum)
	return err
}

// hasVisibleLots reports whether the profile has any lot a processing run has released, so that
// an empty filtered or paged list is not mistaken for a profile without credits.
func (v *creditsView) hasVisibleLots() (bool, error) {
	rows, _, err := v.s.store.LotsPage(v.ctx, v.bp.ID, store.LotQuery{Limit: 1, Today: v.today, Window: v.window})
	return len(rows) > 0, err
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
