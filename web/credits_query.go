package web

import (
	"errors"
	"net/url"
	"slices"
	"strconv"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// creditsQuery is the state of the credits page's two tables, read from the URL so that a
// reload, a bookmark or a CSV link shows exactly what the page showed. Parameters:
//
//	status  credits list: a ledger.Status key ("" all)
//	sort    credits list: expiration (default), start, amount, balance, source
//	order   asc (default) or desc
//	after   credits list: the cursor of the page to show (keyset)
//	from,to transactions: YYYY-MM-DD, inclusive
//	kind    transactions: a ledger event kind such as SettledCharges
//	state   transactions: pending or settled ("" both)
//	before  transactions: the sequence number of the event to continue after, newest first by
//	        (date, seq) (keyset)
type creditsQuery struct {
	Status   ledger.Status // "" for all
	Sort     string        // "" is expiration
	Desc     bool
	After    string
	From, To ledger.Date // zero: open
	Kind     ledger.EventKind
	State    string
	Before   int64
}

// Bounds of the query parameters: long enough for any value the page makes.
const (
	maxParamLen  = 40
	maxCursorLen = 300
)

// eventKinds are the transaction types, in the order the select lists them.
var eventKinds = []ledger.EventKind{ledger.EventNewCredit, ledger.EventSettledCharges, ledger.EventPendingCharges,
	ledger.EventAdjustment, ledger.EventExpiredCredit, ledger.EventCanceledCredit}

// Transaction states of the state filter.
const (
	txPending = "pending"
	txSettled = "settled"
)

// badParam is a 400 naming the query parameter and saying what is wrong with it (X2).
func badParam(name string, said fault.Message) error {
	return fault.Says(fault.ErrBadRequest, views.KeyParam, name, said)
}

// badCursor turns a field error of a list read (the store refuses no other field there than its
// cursor, "after") into a 400, as every other bad query parameter: the URL is at fault, not a
// form. Other errors pass.
func badCursor(err error) error {
	if inv, ok := fault.AsInvalid(err); ok {
		return fault.New(fault.ErrBadRequest, inv.Error())
	}
	return err
}

// parseCreditsQuery reads and checks the page state; a bad value is a 400 naming its parameter,
// and checkCursor refuses an "after" the store did not give out. Empty parameters count as
// absent, since filter forms send empty fields.
func parseCreditsQuery(v url.Values, checkCursor func(string) error) (creditsQuery, error) {
	var q creditsQuery
	for _, name := range []string{"status", "sort", "order", "from", "to", "kind", "state", "before"} {
		if len(v.Get(name)) > maxParamLen {
			return q, badParam(name, fault.Say(views.KeyParamTooLong, maxParamLen))
		}
	}
	if s := v.Get("status"); s != "" {
		st, err := ledger.ParseStatus(s)
		if ie, ok := errors.AsType[*ledger.InputError](err); ok {
			return q, badParam("status", ie.Message)
		}
		q.Status = st
	}
	if s := v.Get("sort"); s != "" && s != "expiration" {
		if _, ok := store.LotSort[s]; !ok {
			return q, badParam("sort", fault.Text("use one of expiration, start, amount, balance, source"))
		}
		q.Sort = s
	}
	switch v.Get("order") {
	case "", "asc":
	case "desc":
		q.Desc = true
	default:
		return q, badParam("order", fault.Text("use asc or desc"))
	}
	if q.After = v.Get("after"); len(q.After) > maxCursorLen {
		return q, badParam("after", fault.Say(views.KeyCursorTooLong, maxCursorLen))
	} else if q.After != "" && checkCursor(q.After) != nil {
		return q, badParam("after", fault.Text("not a cursor this list gave out; start again from the first page"))
	}
	var err error
	if q.From, err = dateParam(v, "from"); err != nil {
		return q, err
	}
	if q.To, err = dateParam(v, "to"); err != nil {
		return q, err
	}
	if !q.From.IsZero() && !q.To.IsZero() && q.To.Before(q.From) {
		return q, badParam("to", fault.Text("before the from date"))
	}
	if k := v.Get("kind"); k != "" {
		q.Kind = ledger.EventKind(k)
		if !slices.Contains(eventKinds, q.Kind) {
			return q, badParam("kind", fault.Text("use one of NewCredit, SettledCharges, PendingCharges, Adjustment, ExpiredCredit, CanceledCredit"))
		}
	}
	switch q.State = v.Get("state"); q.State {
	case "", txPending, txSettled:
	default:
		return q, badParam("state", fault.Text("use pending or settled"))
	}
	if b := v.Get("before"); b != "" {
		n, err := strconv.ParseInt(b, 10, 64)
		if err != nil || n <= 0 {
			return q, badParam("before", fault.Text("must be a positive transaction number"))
		}
		q.Before = n
	}
	return q, nil
}

// dateParam reads an optional YYYY-MM-DD parameter; the ledger reads the date.
func dateParam(v url.Values, name string) (ledger.Date, error) {
	s := v.Get(name)
	if s == "" {
		return ledger.Date{}, nil
	}
	d, err := ledger.ParseDay(name, s)
	if ie, ok := errors.AsType[*ledger.InputError](err); ok {
		return ledger.Date{}, badParam(name, ie.Message)
	}
	return d, err
}

// The parts of the page state, as query values; defaults are left out to keep URLs short.

// lotFilter is the credits list's status filter.
func (q creditsQuery) lotFilter() url.Values { return setIf(url.Values{}, "status", string(q.Status)) }

// lotKeys is the credits list's sort column and order.
func (q creditsQuery) lotKeys() url.Values {
	v := setIf(url.Values{}, "sort", q.Sort)
	if q.Desc {
		v.Set("order", "desc")
	}
	return v
}

// lotPage is the credits list's cursor.
func (q creditsQuery) lotPage() url.Values { return setIf(url.Values{}, "after", q.After) }

// txFilter is the transactions' filters.
func (q creditsQuery) txFilter() url.Values {
	v := url.Values{}
	if !q.From.IsZero() {
		v.Set("from", q.From.String())
	}
	if !q.To.IsZero() {
		v.Set("to", q.To.String())
	}
	setIf(v, "kind", string(q.Kind))
	return setIf(v, "state", q.State)
}

// txPage is the transactions' cursor.
func (q creditsQuery) txPage() url.Values {
	v := url.Values{}
	if q.Before > 0 {
		v.Set("before", strconv.FormatInt(q.Before, 10))
	}
	return v
}

// all is the whole page state.
func (q creditsQuery) all() url.Values {
	return merge(q.lotFilter(), q.lotKeys(), q.lotPage(), q.txFilter(), q.txPage())
}

// setIf sets name when value is not empty.
func setIf(v url.Values, name, value string) url.Values {
	if value != "" {
		v.Set(name, value)
	}
	return v
}

// merge joins query values into one.
func merge(parts ...url.Values) url.Values {
	out := url.Values{}
	for _, p := range parts {
		for k, vs := range p {
			out[k] = append(out[k], vs...)
		}
	}
	return out
}

// withQuery is path with the query string of v, if any.
func withQuery(path string, v url.Values) string {
	if len(v) == 0 {
		return path
	}
	return path + "?" + v.Encode()
}
