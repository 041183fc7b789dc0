package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
	"github.com/creditdesk/creditdesk/web/keptcache"
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
	if p.Rows, err = s.keptRows(ctx, sc.Account.Name, profiles, s.today(), p.Loc); err != nil {
		return err
	}
	return s.render(c, http.StatusOK, views.AccountCreditsPage(p), nil)
}

// accountRowViews is how many views of a profile's row the portal keeps: its readers' locales.
const accountRowViews = 2

// accountRowView is what a row of the account summary shows besides its profile's ledger: the
// reader's locale and the link to the profile's credits page.
type accountRowView struct {
	loc  views.Locale
	href string
}

// keptRows are the rows of the account summary of the profiles (ProfileLedgers), each from the
// cache when its profile's ledger has not moved since it was summarised and rendered for the
// same business day and view (keptcache), the others from the store, rendered and kept: with
// every row kept, the statement that reads the kept balance sections, their decoding and the
// rendering of the rows are saved (issue 10). The profiles were read by this request, before
// anything the summaries read, so their versions label the rows; a profile Azure keeps is never
// kept.
func (s *Server) keptRows(ctx context.Context, account string, profiles []store.BillingProfile, today ledger.Date,
	loc views.Locale) ([]views.AccountCreditsRow, error) {
	out := make([]views.AccountCreditsRow, len(profiles))
	view := func(p store.BillingProfile) accountRowView {
		return accountRowView{loc: loc, href: s.links.profileCredits(account, p.Name)}
	}
	var miss []store.BillingProfile
	var at []int // the index in out of each miss
	for i, p := range profiles {
		v := view(p)
		label, versioned := keptcache.DayOf(p.LedgerVersion, today)
		if kept, ok := s.accountRows.Get(p.ID, label, v); ok && versioned {
			out[i] = kept // the profile's names and currency move its ledger version too
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
		v := view(l.Profile)
		r := accountRowOf(l, v.href)
		if label, versioned := keptcache.DayOf(l.Profile.LedgerVersion, today); versioned && !l.Synced {
			var b strings.Builder
			if err := views.AccountCreditsTableRow(loc, r).Render(ctx, &b); err != nil {
				return nil, err
			}
			r.Kept = b.String()
			s.accountRows.Put(l.Profile.ID, label, v, r)
		}
		out[at[j]] = r
	}
	return out, nil
}

// accountRowOf is a profile's row of the account summary (M14), linking to href.
func accountRowOf(l store.ProfileLedger, href string) views.AccountCreditsRow {
	bp := l.Profile
	return views.AccountCreditsRow{DisplayName: bp.DisplayName, Name: bp.Name, Href: href, Currency: bp.Currency,
		Estimated: l.Summary.EstimatedBalance, Current: l.Summary.CurrentBalance, ActiveLots: l.ActiveLots,
		NextExpiry: l.NextExpiry, NextExpiring: l.NextExpiring}
}
