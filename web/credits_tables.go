package web

import (
	"cmp"
	"context"
	"maps"
	"net/url"
	"slices"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// lotColumns are the sortable columns of the credits list: heading and sort key.
var lotColumns = []struct{ label, key string }{
	{"Source", "source"}, {"Start date", "start"}, {"Expiration date", "expiration"},
	{"Current balance", "balance"}, {"Original amount", "amount"},
}

// kindLabels name the transaction types.
var kindLabels = map[ledger.EventKind]string{
	ledger.EventNewCredit: "New credit", ledger.EventSettledCharges: "Settled charges",
	ledger.EventPendingCharges: "Pending charges", ledger.EventAdjustment: "Adjustment",
	ledger.EventExpiredCredit: "Expired credit", ledger.EventCanceledCredit: "Canceled credit",
}

// lotsPage is one page of the credits list from the store; a cursor it did not give out for this
// list (this profile, status, sort and direction) is a 400 naming "after".
func (s *Server) lotsPage(ctx context.Context, pg creditsPage, after string, limit int) ([]store.LotRow, string, error) {
	q := store.LotQuery{ProfileIDs: []int64{pg.bp.ID}, Sort: cmp.Or(pg.q.Sort, "expiration"), Desc: pg.q.Desc,
		Limit: limit, Today: pg.today, Window: pg.window}
	if pg.q.Status != "" {
		q.Statuses = []ledger.Status{pg.q.Status}
	}
	cur, err := s.store.ParseLotCursor(q, after)
	q.After = cur
	var rows []store.LotRow
	var next store.LotCursor
	if err == nil {
		rows, next, err = s.store.LotsPage(ctx, q)
	}
	return rows, s.store.EncodeLotCursor(q, next), badCursor(err)
}

// lotsTable is the credits list of the requested page (M7, M8) from one page of lots and the
// cursor of the next ("" on the last).
func (pg creditsPage) lotsTable(rows []store.LotRow, next string) views.CreditsList {
	q, base := pg.q, pg.base()
	t := views.CreditsList{Loc: pg.loc, Currency: pg.bp.Currency, Action: base, Window: pg.window, Filtered: q.Status != "",
		Keys: hiddens(q.lotKeys()), Page: hiddens(q.lotPage()), NoScript: hiddens(merge(q.txFilter(), q.txPage())),
		CSVHref:   withQuery(pg.links.to(routeLotsCSV, pg.account, pg.bp.Name), merge(q.lotFilter(), q.lotKeys())),
		CanCancel: pg.canCancel, CSRF: pg.csrf}
	t.Statuses = []views.Option{{Value: "", Label: "All", Selected: q.Status == ""}}
	for _, st := range ledger.Statuses {
		t.Statuses = append(t.Statuses, views.Option{Value: string(st), Label: st.Label(), Selected: q.Status == st})
	}
	for _, col := range lotColumns {
		active := q.Sort == col.key || q.Sort == "" && col.key == "expiration"
		nq := q
		nq.Sort, nq.Desc, nq.After = col.key, active && !q.Desc, ""
		if col.key == "expiration" {
			nq.Sort = ""
		}
		t.Headers = append(t.Headers, views.SortHeader{Label: col.label, Link: pg.lotsLink(nq), Active: active, Desc: active && q.Desc})
	}
	for _, r := range rows {
		l := r.Lot()
		row := views.LotRow{Name: r.Name, Source: r.Source, StartDate: l.StartDate,
			ExpirationDate: l.ExpirationDate, Balance: l.BalanceAsOfLastInvoice(), Original: l.OriginalAmount,
			NotInvoiced: l.State == ledger.LotPending && l.Status(pg.today, pg.window) != ledger.StatusCanceled,
			Status:      l.Status(pg.today, pg.window), DaysToExpiry: l.DaysToExpiry(pg.today), PONumber: r.PONumber}
		if _, ok := l.Cancelable(pg.today); pg.canCancel && ok {
			row.CancelURL = pg.links.to(routeLotCancel, pg.account, pg.bp.Name, r.Name)
		}
		t.Rows = append(t.Rows, row)
	}
	if next != "" {
		nq := q
		nq.After = next
		link := pg.lotsLink(nq)
		t.Next = &link
	}
	if q.After != "" {
		nq := q
		nq.After = ""
		link := pg.lotsLink(nq)
		t.First = &link
	}
	return t
}

// lotsLink leads to the credits list in state nq: the whole page state as a link, the list's
// own state for htmx (the transactions' state comes from hx-include).
func (pg creditsPage) lotsLink(nq creditsQuery) views.Link {
	base := pg.base()
	return views.Link{Href: withQuery(base, nq.all()), HxGet: withQuery(base, merge(nq.lotFilter(), nq.lotKeys(), nq.lotPage()))}
}

// txLink leads to the transactions in state nq.
func (pg creditsPage) txLink(nq creditsQuery) views.Link {
	base := pg.base()
	return views.Link{Href: withQuery(base, nq.all()), HxGet: withQuery(base, merge(nq.txFilter(), nq.txPage()))}
}

// txData is what the transactions of the requested page show: the pending events (M12) on the
// first page unless only settled ones are asked for, then a page of settled ones newest first
// and the cursor of the next (0 on the last).
type txData struct {
	pending []ledger.Event
	settled []store.EventRow
	next    int64
}

// txData fetches the transactions of the requested page; sum is the profile's summary when the
// caller already has it (nil: read when needed).
func (s *Server) txData(ctx context.Context, pg creditsPage, sum *ledger.Summary) (txData, error) {
	var d txData
	if pg.q.State != txSettled && pg.q.Before == 0 {
		if sum == nil {
			got, err := s.store.ProfileSummary(ctx, pg.bp, pg.today)
			if err != nil {
				return d, err
			}
			sum = &got
		}
		d.pending = sum.Events
	}
	if pg.q.State != txPending {
		var err error
		if d.settled, d.next, err = s.eventsPage(ctx, pg, pg.q.Before, txPageSize); err != nil {
			return d, err
		}
	}
	return d, nil
}

// txTable is the transactions of the requested page (M13).
func (pg creditsPage) txTable(d txData) views.Transactions {
	q, base := pg.q, pg.base()
	t := views.Transactions{Loc: pg.loc, Currency: pg.bp.Currency, Action: base,
		Filtered: len(q.txFilter()) > 0, Page: hiddens(q.txPage()),
		NoScript: hiddens(merge(q.lotFilter(), q.lotKeys(), q.lotPage())),
		CSVHref:  withQuery(pg.links.to(routeTransactionsCSV, pg.account, pg.bp.Name), q.txFilter())}
	if !q.From.IsZero() {
		t.From = q.From.String()
	}
	if !q.To.IsZero() {
		t.To = q.To.String()
	}
	t.Kinds = []views.Option{{Value: "", Label: "All types", Selected: q.Kind == ""}}
	for _, k := range eventKinds {
		t.Kinds = append(t.Kinds, views.Option{Value: string(k), Label: kindLabels[k], Selected: q.Kind == k})
	}
	t.States = []views.Option{{Value: "", Label: "All", Selected: q.State == ""},
		{Value: txPending, Label: "Pending", Selected: q.State == txPending},
		{Value: txSettled, Label: "Settled", Selected: q.State == txSettled}}
	t.Rows = pg.pendingRows(d.pending)
	for _, e := range d.settled {
		t.Rows = append(t.Rows, pg.settledRow(e))
	}
	if d.next > 0 {
		nq := q
		nq.Before = d.next
		link := pg.txLink(nq)
		t.Next = &link
	}
	if q.Before > 0 {
		nq := q
		nq.Before = 0
		link := pg.txLink(nq)
		t.First = &link
	}
	return t
}

// eventsPage is one page of settled events with the page's filters, newest first by (date, seq)
// from the event after the one numbered before (0 for the newest), and the seq of the event to
// continue after (0 on the last page).
func (s *Server) eventsPage(ctx context.Context, pg creditsPage, before int64, limit int) ([]store.EventRow, int64, error) {
	eq := store.EventQuery{ProfileIDs: []int64{pg.bp.ID}, From: pg.q.From, To: pg.q.To, Newest: true,
		After: store.EventCursor{Seq: before}, Limit: limit}
	if pg.q.Kind != "" {
		eq.Kinds = []ledger.EventKind{pg.q.Kind}
	}
	rows, more, err := s.store.EventsPage(ctx, eq)
	if err != nil || !more {
		return rows, 0, err
	}
	return rows, rows[len(rows)-1].Seq, nil
}

// pendingRows are the pending events that match the filters, newest first like the settled ones.
func (pg creditsPage) pendingRows(events []ledger.Event) []views.TxRow {
	var out []views.TxRow
	q := pg.q
	for _, e := range slices.Backward(events) {
		if q.Kind != "" && e.Kind != q.Kind || !q.From.IsZero() && e.Date.Before(q.From) ||
			!q.To.IsZero() && e.Date.After(q.To) {
			continue
		}
		out = append(out, views.TxRow{Date: e.Date, Description: e.Description, Amount: e.Amount, Balance: e.Balance, Pending: true})
	}
	return out
}

// settledRow is a stored event as a row, linking its invoice when the caller may view it.
func (pg creditsPage) settledRow(e store.EventRow) views.TxRow {
	r := views.TxRow{Date: e.Date, Description: e.Description, Amount: e.Amount, Balance: e.Balance,
		InvoiceNumber: e.InvoiceNumber}
	if e.InvoiceNumber != "" && pg.invoices {
		r.InvoiceHref = pg.links.to(routeInvoice, pg.account, pg.bp.Name, e.InvoiceNumber)
	}
	return r
}

// hiddens turns query values into hidden inputs, in key order.
func hiddens(v url.Values) []views.Hidden {
	var out []views.Hidden
	for _, k := range slices.Sorted(maps.Keys(v)) {
		for _, val := range v[k] {
			out = append(out, views.Hidden{Name: k, Value: val})
		}
	}
	return out
}
