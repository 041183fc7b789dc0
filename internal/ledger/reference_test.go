package ledger

import (
	"cmp"
	"slices"

	"github.com/creditdesk/creditdesk/internal/money"
)

// referenceInvoice is M9 written the slow, obvious way: for every item in order, list the
// lots valid that day, sort them in burn order and take greedily. It returns the allocations
// and every lot's balance before expiry or cancellation.
func referenceInvoice(lots []Lot, cs []Charge, as []Adjustment, issue Date) ([]Allocation, map[string]money.Amount) {
	bal := map[string]money.Amount{}
	var in []Lot
	for _, l := range lots {
		// A pending lot canceled by its start date never comes in.
		voided := !l.CanceledOn.IsZero() && !l.CanceledOn.After(l.StartDate)
		if l.State == LotOpen || !l.StartDate.After(issue) && !voided {
			in = append(in, l)
			bal[l.ID] = l.ClosedBalance
		}
	}
	type entry struct {
		date Date
		adj  int // 0 adjustment, 1 charge: adjustments first on a day
		id   string
		c    *Charge
		a    *Adjustment
	}
	var items []entry
	for i := range cs {
		items = append(items, entry{cs[i].Date, 1, cs[i].ID, &cs[i], nil})
	}
	for i := range as {
		items = append(items, entry{as[i].Date, 0, as[i].ID, nil, &as[i]})
	}
	slices.SortFunc(items, func(x, y entry) int {
		return cmp.Or(x.date.Compare(y.date), cmp.Compare(x.adj, y.adj), cmp.Compare(x.id, y.id))
	})
	var allocs []Allocation
	for _, it := range items {
		var valid []Lot
		for _, l := range in {
			if !it.date.Before(l.StartDate) && !it.date.After(l.ExpirationDate) &&
				(l.CanceledOn.IsZero() || it.date.Before(l.CanceledOn)) {
				valid = append(valid, l)
			}
		}
		slices.SortFunc(valid, func(x, y Lot) int {
			return cmp.Or(x.ExpirationDate.Compare(y.ExpirationDate), x.StartDate.Compare(y.StartDate), cmp.Compare(x.ID, y.ID))
		})
		need := money.Zero
		switch {
		case it.a != nil && it.a.Amount.IsPositive():
			if len(valid) > 0 {
				last := valid[len(valid)-1].ID
				bal[last] = bal[last].Add(it.a.Amount)
			}
			continue
		case it.a != nil:
			need = it.a.Amount.Neg()
		case it.c.Eligible:
			need = it.c.Amount
		}
		for _, l := range valid {
			take := money.Min(need, bal[l.ID])
			if !take.IsPositive() {
				continue
			}
			bal[l.ID], need = bal[l.ID].Sub(take), need.Sub(take)
			if it.c != nil {
				allocs = append(allocs, Allocation{ChargeID: it.c.ID, LotID: l.ID, Amount: take})
			}
		}
	}
	return allocs, bal
}
