package armapi

import (
	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/arm"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
)

// lots is L1 (a billing profile's lots) and L2 (every lot of a billing account, 2021-10-01
// and newer): the visible lots (M15) with their balance as of the last invoice (M12a) and their
// API status (M8), filtered by $filter in SQL and keyset-paged on the lot id.
func (a *API) lots(c echo.Context) error {
	shape, version, err := consumptionShape(c)
	if err != nil {
		return err
	}
	f, err := arm.LotFilterOf(c.QueryParams())
	if err != nil {
		return err
	}
	page, err := a.paging(c, keepQuery(c, version, "$filter"))
	if err != nil {
		return err
	}
	sc := scopeOf(c)
	profiles, err := a.scopeProfiles(c, sc)
	if err != nil || f.None || len(profiles) == 0 {
		return emptyList(c, err)
	}
	today := a.today()
	q := store.LotQuery{Source: ledger.Source(f.Source), After: store.LotCursor{ID: page.cursor.After}, Limit: page.size,
		Today: today, Window: a.expiryWindow}
	if f.Status != "" {
		q.Statuses = ledger.APIStatus(f.Status).Portal()
	}
	q.StartFrom, q.StartTo = f.Start.Bounds()
	q.ExpFrom, q.ExpTo = f.Expiration.Bounds()
	for id := range profiles {
		q.ProfileIDs = append(q.ProfileIDs, id)
	}
	rows, next, err := a.store.LotsPage(c.Request().Context(), q)
	if err != nil {
		return err
	}
	_, month, _ := today.Civil()
	scopeID := sc.ID()
	items := make([]any, 0, len(rows))
	for _, r := range rows {
		l := r.Lot()
		closed := l.BalanceAsOfLastInvoice() // 0 until an invoice takes the lot in (M12a)
		items = append(items, arm.Lot(shape, arm.LotInput{ScopeID: scopeID, Name: r.Name, Source: string(r.Source),
			Currency: profiles[r.BillingProfileID].Currency, PONumber: r.PONumber, Original: l.OriginalAmount, Closed: closed,
			Start: l.StartDate, Expiration: l.ExpirationDate, Purchased: l.PurchasedDate,
			Status: l.Status(today, a.expiryWindow).API(), Month: month}))
	}
	link := ""
	if next.ID != 0 {
		link = a.nextLink(c, page, arm.Cursor{After: next.ID})
	}
	return writeJSON(c, arm.NewList(items, link))
}

// customerLots is L3, the lots of an MPA customer. CreditDesk keeps no customers, so after
// the same checks as every endpoint (version, role) each one is not found.
func (a *API) customerLots(c echo.Context) error {
	if _, _, err := consumptionShape(c); err != nil {
		return err
	}
	if _, err := arm.LotFilterOf(c.QueryParams()); err != nil {
		return err
	}
	return arm.NotFound("The customer '" + c.Param("customer") + "' could not be found under billing account '" +
		scopeOf(c).Account.Name + "': CreditDesk keeps no customers of Microsoft Partner Agreement accounts.")
}

// scopeProfiles returns the profiles of the scope, by id: the one profile, or every profile of
// the account (a caller with a role on the account reaches them all, M3).
func (a *API) scopeProfiles(c echo.Context, sc store.Scope) (map[int64]store.BillingProfile, error) {
	if sc.Profile != nil {
		return map[int64]store.BillingProfile{sc.Profile.ID: *sc.Profile}, nil
	}
	ps, err := a.store.ProfilesOfAccount(c.Request().Context(), sc.Account.ID)
	out := make(map[int64]store.BillingProfile, len(ps))
	for _, p := range ps {
		out[p.ID] = p
	}
	return out, err
}
