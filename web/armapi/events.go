package armapi

import (
	"context"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/arm"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
)

// events is E1 (a billing profile's transactions; startDate and endDate required) and E2 (every
// profile of a billing account, 2021-10-01 and newer; dates optional, $filter): the settled
// events (M13), then the pending ones the next invoice would settle (M12), paged as
// arm.EventScope describes.
func (a *API) events(c echo.Context) error {
	shape, version, err := consumptionShape(c)
	if err != nil {
		return err
	}
	sc := scopeOf(c)
	days, err := arm.EventDays(c.QueryParams(), sc.Profile != nil)
	if err != nil {
		return err
	}
	f, err := arm.EventFilterOf(c.QueryParams())
	if err != nil {
		return err
	}
	f.Days = f.Days.And(days)
	pg, err := a.paging(c, keepQuery(c, version, "$filter", "startDate", "endDate"))
	if err != nil {
		return err
	}
	profiles, err := a.scopeProfiles(c, sc)
	if err != nil || f.None || f.Days.Empty() || len(profiles) == 0 {
		return emptyList(c, err)
	}
	es := arm.EventScope{Shape: shape, Account: sc.Account.Name, ScopeID: sc.ID(), Filter: f,
		Profiles: make(map[int64]arm.EventProfile, len(profiles))}
	for id, p := range profiles {
		es.Profiles[id] = arm.EventProfile{Name: p.Name, DisplayName: p.DisplayName, Currency: p.Currency}
	}
	l, err := a.keptEventPage(c.Request().Context(), es, sc.Account.ID, profiles, sc.Profile, pg)
	if err != nil {
		return err
	}
	link := ""
	if l.next != nil {
		link = a.nextLink(c, pg, *l.next)
	}
	return writeJSON(c, l.list(link))
}

// eventPage returns the events after the page's cursor and the cursor of the next page (nil on
// the last): settled events first, then, once they run out, the pending ones.
func (a *API) eventPage(ctx context.Context, es arm.EventScope, accountID int64, profiles map[int64]store.BillingProfile,
	pg page) ([]any, *arm.Cursor, error) {
	cur := pg.cursor
	var items []any
	if cur.Phase == 0 {
		rows, more, err := a.store.APIEvents(ctx, settledQuery(es, cur, pg.size))
		if err != nil {
			return nil, nil, err
		}
		for _, r := range rows {
			items = append(items, arm.Event(es.Shape, settledInput(es, r)))
		}
		if more {
			last := rows[len(rows)-1]
			next := arm.SettledCursor(last.BillingProfileID, last.Date, last.Seq)
			return items, &next, nil
		}
		cur = arm.Cursor{Phase: 1}
	}
	pending, err := a.pending(ctx, es, accountID, profiles)
	if err != nil {
		return nil, nil, err
	}
	rest, next := arm.PendingPage(pending, cur, pg.size-len(items))
	for _, e := range rest {
		items = append(items, arm.Event(es.Shape, e.In))
	}
	return items, next, nil
}

// settledQuery is the store's query of the settled events of a page.
func settledQuery(es arm.EventScope, cur arm.Cursor, size int) store.EventQuery {
	q := store.EventQuery{LotName: es.Filter.LotName(), LotSource: ledger.Source(es.Filter.LotSource),
		Kinds: es.Filter.SettledKinds(), After: store.EventCursor{Profile: cur.Profile, Date: cur.Date, Seq: cur.After},
		Limit: size, ProfileIDs: es.ProfileIDs()}
	q.From, q.To = es.Filter.Days.Bounds()
	return q
}

// settledInput is a stored event as the API shows it.
func settledInput(es arm.EventScope, r store.APIEventRow) arm.EventInput {
	e := ledger.Event{Kind: r.Kind, Date: r.Date, Description: r.Description, InvoiceNumber: r.InvoiceNumber,
		Amount: r.Amount, Balance: r.Balance, LotID: r.LotName}
	return es.Settled(r.BillingProfileID, r.Seq, e, r.LotSource)
}

// pending computes the pending events of the scope's profiles from their maintained state (M12)
// and keeps those the filter selects, with the sources of their lots.
func (a *API) pending(ctx context.Context, es arm.EventScope, accountID int64, profiles map[int64]store.BillingProfile) ([]arm.PendingEvent, error) {
	if !es.Filter.WantsPending() {
		return nil, nil
	}
	today := a.today()
	sums := map[int64]ledger.Summary{}
	if len(profiles) == 1 {
		for id, p := range profiles {
			sum, err := a.store.ProfileSummary(ctx, p, today)
			if err != nil {
				return nil, err
			}
			sums[id] = sum
		}
	} else {
		all, err := a.store.AccountSummaries(ctx, accountID, today)
		if err != nil {
			return nil, err
		}
		sums = all
	}
	events, lots := es.Pending(sums)
	if len(lots) == 0 {
		return events, nil
	}
	sources, err := a.store.LotSources(ctx, es.ProfileIDs(), lots)
	if err != nil {
		return nil, err
	}
	return es.WithSources(events, sources), nil
}
