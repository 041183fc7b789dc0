package store

import (
	"fmt"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// ledgerProfile is the ledger state of a profile. A profile never processed has no NextPeriod
// yet; first gives the month its ledger starts in.
func ledgerProfile(p BillingProfile, first ledger.Period) (ledger.Profile, error) {
	lp := ledger.Profile{Currency: p.Currency, InvoiceDay: p.InvoiceDay, NextPeriod: first,
		CurrentBalance: p.CurrentBalance}
	if p.NextPeriod != "" {
		period, err := ledger.ParsePeriod(p.NextPeriod)
		if err != nil {
			return lp, fmt.Errorf("store: profile %s next period %q: %w", p.Name, p.NextPeriod, err)
		}
		lp.NextPeriod = period
	}
	return lp, nil
}

// toLedgerLot converts a stored lot.
func toLedgerLot(r LotRow) ledger.Lot {
	return ledger.Lot{ID: r.Name, Source: r.Source, Currency: r.Currency, OriginalAmount: r.OriginalAmount,
		StartDate: r.StartDate, ExpirationDate: r.ExpirationDate, PurchasedDate: r.PurchasedDate, PONumber: r.PONumber,
		State: r.State, ClosedBalance: r.ClosedBalance, ExpiredAmount: r.ExpiredAmount, CanceledOn: r.CanceledOn}
}

// mustDate parses a date the store wrote; a malformed one yields the zero date, which the
// ledger's own checks then refuse with a named field.
func mustDate(s string) ledger.Date {
	d, err := ledger.ParseDate(s)
	if err != nil {
		return ledger.Date{}
	}
	return d
}

// chargeID is the ledger id of a day's charge total: unique per profile, ordering by date.
func chargeID(date, product, publisher string, eligible bool) string {
	return fmt.Sprintf("%s|%s|%s|%t", date, product, publisher, eligible)
}

// dayChargeID is the ledger id of a day's total of eligible or not eligible charges.
func dayChargeID(date string, eligible bool) string {
	if eligible {
		return date + "|eligible"
	}
	return date + "|not eligible"
}
