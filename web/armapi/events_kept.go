package armapi

import (
	"context"
	"slices"

	"github.com/creditdesk/creditdesk/internal/arm"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/web/keptcache"
)

// keptEventPages bounds the profiles whose page of events is kept: a page of 100 events (the
// default page size, Deps.PageSize) is about 185 KB, so the cache stays under 12 MB; it grows in
// proportion to a larger configured page size.
const keptEventPages = 64

// eventsQuery is everything a page of a billing profile's events is written from besides the
// profile's ledger: the shape, the scope and profile it names, the filter, where it starts and
// its size.
type eventsQuery struct {
	shape   arm.Shape
	account string
	scope   string
	profile arm.EventProfile
	filter  arm.EventFilter
	cursor  arm.Cursor
	size    int
}

// keptPage is a page of settled events kept encoded (arm.AppendItems), and the cursor of the
// page after it.
type keptPage struct {
	items []byte
	next  arm.Cursor
}

// eventList is a page of events as the response writes it: its elements, or the same kept
// encoded, and the cursor of the next page (nil on the last).
type eventList struct {
	items []any
	kept  []byte // the elements encoded, when the page is kept
	next  *arm.Cursor
}

// list is the page with its nextLink.
func (l eventList) list(link string) any {
	if l.kept != nil {
		return arm.EncodedList{Items: l.kept, NextLink: link}
	}
	return arm.NewList(l.items, link)
}

// keptEventPage is eventPage, for E1 (one billing profile, bp) from the cache when the profile's
// ledger has not moved since the page was written for the same business day and query
// (keptcache). A page is kept when it holds settled events only and more follow: every settled
// event, and the lot whose source it shows, is written with the profile's ledger version moved
// (store.touchLedger); a page that reaches the pending events is computed each time. The
// profile was read by this request before the events, so its version labels the page.
func (a *API) keptEventPage(ctx context.Context, es arm.EventScope, accountID int64, profiles map[int64]store.BillingProfile,
	bp *store.BillingProfile, pg page) (eventList, error) {
	var label keptcache.Day
	versioned := false
	if bp != nil {
		label, versioned = keptcache.DayOf(bp.LedgerVersion, a.today())
	}
	if !versioned || pg.cursor.Phase != 0 {
		items, next, err := a.eventPage(ctx, es, accountID, profiles, pg)
		return eventList{items: items, next: next}, err
	}
	q := eventsQuery{shape: es.Shape, account: es.Account, scope: es.ScopeID, profile: es.Profiles[bp.ID],
		filter: es.Filter, cursor: pg.cursor, size: pg.size}
	if kp, ok := a.eventPages.Get(bp.ID, label, q); ok {
		return eventList{kept: kp.items, next: &kp.next}, nil
	}
	items, next, err := a.eventPage(ctx, es, accountID, profiles, pg)
	if err != nil || next == nil || next.Phase != 0 {
		return eventList{items: items, next: next}, err
	}
	b, err := arm.AppendItems(make([]byte, 0, 2048*len(items)), items)
	if err != nil {
		return eventList{}, err
	}
	b = slices.Clip(slices.Clone(b)) // kept at its length, not at the estimate's capacity
	a.eventPages.Put(bp.ID, label, q, keptPage{items: b, next: *next})
	return eventList{kept: b, next: next}, nil
}
