package ledger

import (
	"cmp"
	"slices"

	"github.com/creditdesk/creditdesk/internal/money"
)

// Allocation says that a lot paid part of a charge: the rows of an invoice's detail page (M9).
type Allocation struct {
	ChargeID string
	LotID    string
	Amount   money.Amount // > 0
}

// burnLot is a lot taking part in one engine run, with its running balance.
type burnLot struct {
	lot      *Lot
	balance  money.Amount
	entering bool // pending until this run: its credit is new
	inHeap   bool
}

// engine applies charges and adjustments to lots in date order, the one algorithm behind both
// IssueInvoice and Summarize (the estimate is the invoice that would be generated now, M12).
type engine struct {
	lots   []burnLot // sorted by start date, for the sweep that makes lots valid
	next   int       // lots[:next] have started by the date being processed
	heap   indexHeap // started lots with credit, in burn order (M9)
	record bool      // keep allocations (an invoice does, an estimate does not)

	allocs       []Allocation
	eligible     money.Amount
	ineligible   money.Amount
	applied      money.Amount // credit applied to eligible charges
	adjApplied   money.Amount // signed credit added by adjustments
	adjUnapplied money.Amount // signed remainder no lot could take
	adjEvents    []Event
}

// newEngine takes the live lots that are in the ledger by enterBy: open lots and pending lots
// started on or before it, except void ones (canceled by their start date, so never valid).
// Pointers refer into lots, which the caller owns.
func newEngine(lots []Lot, enterBy Date, record bool) *engine {
	e := &engine{record: record}
	for i := range lots {
		l := &lots[i]
		if l.State == LotOpen || (l.State == LotPending && !l.StartDate.After(enterBy) && !l.void()) {
			e.lots = append(e.lots, burnLot{lot: l, balance: l.ClosedBalance, entering: l.State == LotPending})
		}
	}
	slices.SortFunc(e.lots, func(a, b burnLot) int {
		return cmp.Or(a.lot.StartDate.Compare(b.lot.StartDate), cmp.Compare(a.lot.ID, b.lot.ID))
	})
	e.heap.less = func(a, b int32) bool { return e.lots[a].lot.burnKey().before(e.lots[b].lot.burnKey()) }
	return e
}

// item is a charge or an adjustment in processing order.
type item struct {
	date Date
	adj  bool
	i    int32
}

// run processes charges and adjustments by date; on one date adjustments come first (credit
// that arrives on a day can pay that day's usage), then charges by id (M9 determinism).
func (e *engine) run(charges []Charge, adjs []Adjustment) {
	if e.record {
		// Each charge gets one allocation, plus one more each time a lot runs dry under it.
		e.allocs = make([]Allocation, 0, len(charges)+len(e.lots))
	}
	items := make([]item, 0, len(charges)+len(adjs))
	for i := range charges {
		items = append(items, item{date: charges[i].Date, i: int32(i)})
	}
	for i := range adjs {
		items = append(items, item{date: adjs[i].Date, adj: true, i: int32(i)})
	}
	slices.SortFunc(items, func(a, b item) int {
		if c := a.date.Compare(b.date); c != 0 {
			return c
		}
		if a.adj != b.adj {
			if a.adj {
				return -1
			}
			return 1
		}
		if a.adj {
			return cmp.Compare(adjs[a.i].ID, adjs[b.i].ID)
		}
		return cmp.Compare(charges[a.i].ID, charges[b.i].ID)
	})
	for _, it := range items {
		e.advance(it.date)
		if it.adj {
			e.adjust(&adjs[it.i])
			continue
		}
		ch := &charges[it.i]
		if !ch.Eligible {
			e.ineligible = e.ineligible.Add(ch.Amount)
			continue
		}
		e.eligible = e.eligible.Add(ch.Amount)
		e.applied = e.applied.Add(e.consume(ch.Date, ch.Amount, ch.ID))
	}
}

// advance makes every lot started by d available.
func (e *engine) advance(d Date) {
	for ; e.next < len(e.lots) && !e.lots[e.next].lot.StartDate.After(d); e.next++ {
		if e.lots[e.next].balance.IsPositive() {
			e.lots[e.next].inHeap = true
			e.heap.push(int32(e.next))
		}
	}
}

// consume takes up to amount from the lots valid on d, in burn order, and returns what it took.
// Lots are dropped from the heap lazily, when they come to the top: dates only grow, so a lot
// past its last day (expired or canceled) never comes back.
func (e *engine) consume(d Date, amount money.Amount, chargeID string) money.Amount {
	rem := amount
	for rem.IsPositive() && e.heap.len() > 0 {
		bl := &e.lots[e.heap.top()]
		if bl.lot.lastDay().Before(d) || !bl.balance.IsPositive() {
			bl.inHeap = false
			e.heap.pop()
			continue
		}
		take := money.Min(rem, bl.balance)
		bl.balance, rem = bl.balance.Sub(take), rem.Sub(take)
		if e.record && chargeID != "" {
			e.allocs = append(e.allocs, Allocation{ChargeID: chargeID, LotID: bl.lot.ID, Amount: take})
		}
	}
	return amount.Sub(rem)
}

// adjust applies one adjustment (doc.go, "Adjustments"): credit goes to the valid lot that
// burns last, so a refund lives as long as possible; a removal is taken in burn order.
func (e *engine) adjust(a *Adjustment) {
	applied, lotID := money.Zero, ""
	switch {
	case a.Amount.IsPositive():
		best := -1
		for i := range e.lots[:e.next] {
			if e.lots[i].lot.validOn(a.Date) && (best < 0 || e.lots[best].lot.burnKey().before(e.lots[i].lot.burnKey())) {
				best = i
			}
		}
		if best >= 0 {
			bl := &e.lots[best]
			bl.balance, applied, lotID = bl.balance.Add(a.Amount), a.Amount, bl.lot.ID
			if !bl.inHeap {
				bl.inHeap = true
				e.heap.push(int32(best))
			}
		}
	case a.Amount.IsNegative():
		applied = e.consume(a.Date, a.Amount.Neg(), "").Neg()
	}
	e.adjApplied = e.adjApplied.Add(applied)
	e.adjUnapplied = e.adjUnapplied.Add(a.Amount.Sub(applied))
	if applied.IsZero() {
		return
	}
	desc := a.Description
	if desc == "" {
		desc = "Adjustment"
	}
	e.adjEvents = append(e.adjEvents, Event{Kind: EventAdjustment, Date: a.Date, Description: desc,
		Amount: applied, LotID: lotID, AdjustmentID: a.ID})
}
