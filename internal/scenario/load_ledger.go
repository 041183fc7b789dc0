package scenario

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// saveLedger stores a profile's lots, charges and adjustments. Lots are keyed by name and cannot
// change once loaded; charges are stated as totals per day, product and publisher type, so a
// second load adds nothing; adjustments are keyed by date, amount and description. Whether a
// charge is credit-eligible is decided here from its publisher type and the installation's
// not-covered product list (M10), never by the file.
func (l *loader) saveLedger(ctx context.Context, ps store.Scope, p BillingProfile) error {
	bp := *ps.Profile
	for _, lot := range p.Lots {
		change, err := l.tx.SaveLot(ctx, system, store.LotRow{BillingProfileID: bp.ID, Name: lot.Name, Source: ledger.Source(lot.Source),
			Currency: bp.Currency, OriginalAmount: lot.Amount, StartDate: ledger.DateOf(lot.StartDate),
			ExpirationDate: ledger.DateOf(lot.ExpirationDate), PurchasedDate: ledger.DateOf(lot.PurchasedDate), PONumber: lot.PONumber,
			CanceledOn: ledger.DateOf(lot.CanceledOn)})
		if err != nil {
			if err := l.refused(lot.Path, err); err != nil {
				return err
			}
			continue
		}
		l.sum.count("lots", change)
	}
	if err := l.saveCharges(ctx, bp, p.Path+".charges", p.Charges); err != nil {
		return err
	}
	for _, a := range p.Adjustments {
		change, err := l.tx.SaveAdjustment(ctx, bp, store.AdjustmentRow{Date: ledger.DateOf(a.Date), Amount: a.Amount, Description: a.Description})
		if err != nil {
			if err := l.refused(a.Path+".date", err); err != nil {
				return err
			}
			continue
		}
		l.sum.count("adjustments", change)
	}
	return nil
}

// saveCharges sums the file's charges per day, product and publisher type and states the totals.
// A total the store refuses is noted at the date of every charge that makes it up.
func (l *loader) saveCharges(ctx context.Context, bp store.BillingProfile, path string, charges []Charge) error {
	if len(charges) == 0 {
		return nil
	}
	notCovered, err := l.notCovered(ctx)
	if err != nil {
		return err
	}
	type key struct{ date, product, publisher string }
	totals := map[key]int64{}
	paths := map[key][]string{}
	var order []key
	for _, c := range charges {
		k := key{isoDay(c.Date), c.Product, c.PublisherType}
		if _, seen := totals[k]; !seen {
			order = append(order, k)
		}
		totals[k] += c.Amount.Micros()
		paths[k] = append(paths[k], c.Path)
	}
	list := make([]store.ChargeTotal, 0, len(order))
	for _, k := range order {
		list = append(list, store.ChargeTotal{Date: k.date, Product: k.product, PublisherType: k.publisher,
			Eligible: ledger.Eligible(ledger.PublisherType(k.publisher), k.product, notCovered), Amount: totals[k]})
	}
	changes, err := l.tx.SetChargeTotals(ctx, bp, list, "scenario")
	var refused store.ChargeRefusals
	if errors.As(err, &refused) {
		for _, r := range refused {
			field := ".date" // an invoiced month (X1); a month past its limit (M16) is the amounts'
			if r.Refusal.Rule == "M16" {
				field = ".amount"
			}
			for _, path := range paths[key{r.Total.Date, r.Total.Product, r.Total.PublisherType}] {
				l.refuse(path+field, views.RefusalText(r.Refusal))
			}
		}
		return nil
	} else if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	l.sum.Created["charge entries"] += changes.Added
	return nil
}

// notCovered loads the installation's not-covered product list once per load.
func (l *loader) notCovered(ctx context.Context) (ledger.NotCovered, error) {
	if l.notCoveredList == nil {
		list, err := l.tx.NotCovered(ctx)
		if err != nil {
			return ledger.NotCovered{}, err
		}
		l.notCoveredList = &list
	}
	return *l.notCoveredList, nil
}

// isoDay is the UTC calendar day of t as YYYY-MM-DD.
func isoDay(t time.Time) string { return t.UTC().Format(time.DateOnly) }
