package web

import (
	"context"
	"slices"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/creditdesk/creditdesk/internal/arm"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
)

// armEvents is E1 (a billing profile's transactions; startDate and endDate required) and E2
// (every profile of a billing account, 2021-10-01 and newer; dates optional, $filter): the
// settled events (M13) by profile, date and the order they were booked in, then the pending ones
// the next invoice would settle (M12). Settled events are keyset-paged on (profile, date, seq),
// pending ones on their content key, so no event is given twice and none that existed when the
// client started is skipped.
func (s *Server) armEvents(c echo.Context) error {
	shape, version, err := armConsumptionShape(c)
	if err != nil {
		return err
	}
	sc := currentScope(c)
	days, err := arm.EventDays(c.QueryParams(), sc.Profile != nil)
	if err != nil {
		return err
	}
	f, err := arm.EventFilterOf(c.QueryParams())
	if err != nil {
		return err
	}
	f.Days = f.Days.And(days)
	page, err := s.armPaging(c, keepQuery(c, version, "$filter", "startDate", "endDate"))
	if err != nil {
		return err
	}
	profiles, err := s.scopeProfiles(c, sc.Scope)
	if err != nil || f.None || f.Days.Empty() || len(profiles) == 0 {
		return orEmptyList(c, err)
	}
	l := eventLister{s: s, shape: shape, account: sc.Account, scopeID: sc.ID(), profiles: profiles, filter: f,
		lotName: lotNameOf(f.LotID)}
	items, next, err := l.page(c.Request().Context(), page)
	if err != nil {
		return err
	}
	link := ""
	if next != nil {
		link = s.nextLink(c, page, *next)
	}
	return armJSON(c, arm.NewList(items, link))
}

// eventLister builds one page of events of a scope.
type eventLister struct {
	s        *Server
	shape    arm.Shape
	account  store.BillingAccount
	scopeID  string
	profiles map[int64]store.BillingProfile
	filter   arm.EventFilter
	lotName  string // the lot of a lotId filter, lower-case; "" for all
}

// page returns the events after the cursor and the cursor of the next page (nil on the last).
func (l eventLister) page(ctx context.Context, p armPage) ([]any, *arm.Cursor, error) {
	cur := p.cursor
	var items []any
	if cur.Phase == 0 {
		q := store.APIEventQuery{LotName: l.lotName, LotSource: l.filter.LotSource, Kinds: settledKinds(l.filter.EventType),
			AfterProfile: cur.Profile, AfterDate: cur.Date, AfterSeq: cur.After, Limit: p.size}
		q.From, q.To = l.filter.Days.Bounds()
		for id := range l.profiles {
			q.ProfileIDs = append(q.ProfileIDs, id)
		}
		rows, more, err := l.s.store.APIEvents(ctx, q)
		if err != nil {
			return nil, nil, err
		}
		for _, r := range rows {
			in, err := l.settled(r)
			if err != nil {
				return nil, nil, err
			}
			items = append(items, arm.Event(l.shape, in))
		}
		if more {
			last := rows[len(rows)-1]
			return items, &arm.Cursor{Profile: last.BillingProfileID, Date: last.Date, After: last.Seq}, nil
		}
		cur = arm.Cursor{Phase: 1}
	}
	pending, err := l.pending(ctx)
	if err != nil {
		return nil, nil, err
	}
	start := 0
	for start < len(pending) && !pending[start].after(cur) {
		start++
	}
	end := min(len(pending), start+p.size-len(items))
	for _, e := range pending[start:end] {
		items = append(items, arm.Event(l.shape, e.in))
	}
	if end == len(pending) {
		return items, nil, nil
	}
	if end > start {
		cur = arm.Cursor{Phase: 1, Profile: pending[end-1].profile, Key: pending[end-1].key}
	}
	return items, &cur, nil
}

// settled is a stored event as the API shows it.
func (l eventLister) settled(r store.APIEventRow) (arm.EventInput, error) {
	p := l.profiles[r.BillingProfileID]
	d, err := ledger.ParseDate(r.Date)
	if err != nil {
		return arm.EventInput{}, err
	}
	in := l.input(p, ledger.Event{Kind: ledger.EventKind(r.Kind), Date: d, Description: r.Description,
		InvoiceNumber: r.InvoiceNumber, Amount: money.FromMicros(r.Amount), Balance: money.FromMicros(r.Balance), LotID: r.LotName})
	in.Name, in.LotSource = arm.SettledName(in.ProfileID, r.Seq), r.LotSource
	return in, nil
}

// input is the shape-independent part of an event of profile p.
func (l eventLister) input(p store.BillingProfile, e ledger.Event) arm.EventInput {
	pid := arm.ProfileID(l.account.Name, p.Name)
	in := arm.EventInput{ScopeID: l.scopeID, Kind: e.Kind, Pending: e.Pending, Date: e.Date, Description: e.Description,
		InvoiceNumber: e.InvoiceNumber, Currency: p.Currency, Amount: e.Amount, Balance: e.Balance,
		ProfileID: pid, ProfileDisplay: p.DisplayName}
	if e.LotID != "" {
		in.LotID = arm.ConsumptionID(pid, "lots", e.LotID)
	}
	return in
}

// settledKinds are the ledger kinds of the settled events of an API eventType: nil for any, none
// for a pending type.
func settledKinds(eventType string) []string {
	if eventType == "" {
		return nil
	}
	kinds := []string{}
	for _, k := range []ledger.EventKind{ledger.EventNewCredit, ledger.EventSettledCharges, ledger.EventAdjustment,
		ledger.EventExpiredCredit, ledger.EventCanceledCredit} {
		if arm.EventType(k, false) == eventType {
			kinds = append(kinds, string(k))
		}
	}
	return kinds
}

// lotNameOf reads a lotId filter: a lot's name, or its full ARM id.
func lotNameOf(lotID string) string {
	if i := strings.LastIndex(lotID, "/lots/"); i >= 0 {
		return lotID[i+len("/lots/"):]
	}
	return lotID
}

// sortedIDs returns the profile ids in order.
func sortedIDs(m map[int64]store.BillingProfile) []int64 {
	ids := make([]int64, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}
