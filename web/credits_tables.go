package web

import (
	"maps"
	"net/url"
	"slices"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// lotColumns are the sortable columns of the credits list: heading and sort key.
var lotColumns = []struct{ label, key string }{
	{"Source", "source"}, {"Start date", "start"}, {"Expiration date", "expiration"},
	{"Current balance", "balance"}, {"Original amount", "amount"},
}

// statusOptions are the labels of the credits list's status filter.
var statusOptions = map[store.LotStatusFilter]string{
	store.LotsActive: "Active", store.LotsExpiring: "Expiring", store.LotsUsed: "Used", store.LotsExpired: "Expired",
	store.LotsNotStarted: "Not started", store.LotsCanceled: "Canceled",
}

// kindLabels name the transaction types.
var kindLabels = map[ledger.EventKind]string{
	ledger.EventNewCredit: "New credit", ledger.EventSettledCharges: "Settled charges",
	ledger.EventPendingCharges: "Pending charges", ledger.EventAdjustment: "Adjustment",
	ledger.EventExpiredCredit: "Expired credit", ledger.EventCanceledCredit: "Canceled credit",
}

// lotsPage is one page of the credits list from the store; a cursor it did not give out is a
// 400 naming "after".
func (v *creditsView) lotsPage(after string, limit int) ([]store.LotRow, string, error) {
	rows, next, err := v.s.store.LotsPage(v.ctx, v.bp.ID, store.LotQuery{Status: v.q.Status, Sort: v.q.Sort,
		Desc: v.q.Desc, After: after, Limit: limit, Today: v.today, Window: v.window})
	if inv, ok := fault.AsInvalid(err); ok {
		return nil, "", fault.New(fault.ErrBadRequest, inv.Error())
	}
	return rows, next, err
}

// lotsTable is the credits list of the requested page (M7, M8).
func (v *creditsView) lotsTable() (views.CreditsList, error) {
	q := v.q
	rows, next, err := v.lotsPage(q.After, lotsPageSize)
	if err != nil {
		return views.CreditsList{}, err
	}
	t := views.CreditsList{Loc: v.loc, Currency: v.bp.Currency, Action: v.base, Window: v.window, Filtered: q.Status != "",
		Keys: hiddens(q.lotKeys()), Page: hiddens(q.lotPage()), NoScript: hiddens(merge(q.txFilter(), q.txPage())),
		CSVHref: withQuery(v.base+"/lots.csv", merge(q.lotFilter(), q.lotKeys())), CanCancel: v.canCancel, CSRF: v.csrf}
	t.Statuses = []views.Option{{Value: "", Label: "All", Selected: q.Status == ""}}
	for _, st := range lotStatuses {
		t.Statuses = append(t.Statuses, views.Option{Value: string(st), Label: statusOptions[st], Selected: q.Status == st})
	}
	for _, col := range lotColumns {
		active := q.Sort == col.key || q.Sort == "" && col.key == "expiration"
		nq := q
		nq.Sort, nq.Desc, nq.After = col.key, active && !q.Desc, ""
		if col.key == "expiration" {
			nq.Sort = ""
		}
		t.Headers = append(t.Headers, views.SortHeader{Label: col.label, Link: v.lotsLink(nq), Active: active, Desc: active && q.Desc})
	}
	for _, r := range rows {
		l := r.Lot()
		row := views.LotRow{Name: r.Name, Source: r.Source, StartDate: l.StartDate,
			ExpirationDate: l.ExpirationDate, Balance: l.BalanceAsOfLastInvoice(), Original: l.OriginalAmount,
			Status: l.Status(v.today, v.window), DaysToExpiry: l.DaysToExpiry(v.today), PONumber: r.PONumber}
		if _, ok := l.Cancelable(v.today); v.canCancel && ok {
			row.CancelURL = v.base + "/lots/" + url.PathEscape(r.Name) + "/cancel"
		}
		t.Rows = append(t.Rows, row)
	}
	if next != "" {
		nq := q
		nq.After = next
		link := v.lotsLink(nq)
		t.Next = &link
	}
	if q.After != "" {
		nq := q
		nq.After = ""
		link := v.lotsLink(nq)
		t.First = &link
	}
	return t, nil
}

// lotsLink leads to the credits list in state nq: the whole page state as a link, the list's
// own state for htmx (the transactions' state comes from hx-include).
func (v *creditsView) lotsLink(nq creditsQuery) views.Link {
	return views.Link{Href: withQuery(v.base, nq.all()), HxGet: withQuery(v.base, merge(nq.lotFilter(), nq.lotKeys(), nq.lotPage()))}
}

// txLink leads to the transactions in state nq.
func (v *creditsView) txLink(nq creditsQuery) views.Link {
	return views.Link{Href: withQuery(v.base, nq.all()), HxGet: withQuery(v.base, merge(nq.txFilter(), nq.txPage()))}
}

// txTable is the transactions of the requested page (M13): the pending ones on top of the
// first page (sum is computed when nil), then settled ones newest first.
func (v *creditsView) txTable(sum *ledger.Summary) (views.Transactions, error) {
	q := v.q
	t := views.Transactions{Loc: v.loc, Currency: v.bp.Currency, Action: v.base,
		Filtered: len(q.txFilter()) > 0, Page: hiddens(q.txPage()),
		NoScript: hiddens(merge(q.lotFilter(), q.lotKeys(), q.lotPage())),
		CSVHref:  withQuery(v.base+"/transactions.csv", q.txFilter())}
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
	if q.State != txSettled && q.Before == 0 {
		if sum == nil {
			s, err := v.s.store.ProfileSummary(v.ctx, v.bp, v.today)
			if err != nil {
				return t, err
			}
			sum = &s
		}
		t.Rows = v.pendingRows(sum.Events)
	}
	if q.State != txPending {
		rows, next, err := v.eventsPage(q.Before, txPageSize)
		if err != nil {
			return t, err
		}
		for _, e := range rows {
			t.Rows = append(t.Rows, v.settledRow(e))
		}
		if next > 0 {
			nq := q
			nq.Before = next
			link := v.txLink(nq)
			t.Next = &link
		}
	}
	if q.Before > 0 {
		nq := q
		nq.Before = 0
		link := v.txLink(nq)
		t.First = &link
	}
	return t, nil
}

// eventsPage is one page of settled events with the page's filters.
func (v *creditsView) eventsPage(before int64, limit int) ([]store.EventRow, int64, error) {
	eq := store.EventQuery{Kind: string(v.q.Kind), BeforeSeq: before, Limit: limit}
	if !v.q.From.IsZero() {
		eq.From = v.q.From.String()
	}
	if !v.q.To.IsZero() {
		eq.To = v.q.To.String()
	}
	return v.s.store.EventsPage(v.ctx, v.bp.ID, eq)
}

// pendingRows are the pending events that match the filters, newest first like the settled ones.
func (v *creditsView) pendingRows(events []ledger.Event) []views.TxRow {
	var out []views.TxRow
	for _, e := range slices.Backward(events) {
		if v.q.Kind != "" && e.Kind != v.q.Kind || !v.q.From.IsZero() && e.Date.Before(v.q.From) ||
			!v.q.To.IsZero() && e.Date.After(v.q.To) {
			continue
		}
		out = append(out, views.TxRow{Date: e.Date, Description: e.Description, Amount: e.Amount, Balance: e.Balance, Pending: true})
	}
	return out
}

// settledRow is a stored event as a row, linking its invoice when the caller may view it.
func (v *creditsView) settledRow(e store.EventRow) views.TxRow {
	r := views.TxRow{Date: storedDate(e.Date), Description: e.Description, Amount: money.FromMicros(e.Amount),
		Balance: money.FromMicros(e.Balance), InvoiceNumber: e.InvoiceNumber}
	if e.InvoiceNumber != "" && v.invoiceBase != "" {
		r.InvoiceHref = v.invoiceBase + url.PathEscape(e.InvoiceNumber)
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

// storedDate reads a date the store wrote; a malformed one shows as no date rather than failing
// the page.
func storedDate(s string) ledger.Date {
	d, _ := ledger.ParseDate(s)
	return d
}
