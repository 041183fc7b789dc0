package ledger

import (
	"fmt"

	"github.com/creditdesk/creditdesk/internal/money"
)

// Profile is the ledger state of one billing profile (M2): its currency, its invoice day and
// the two numbers the store keeps up to date as invoices are issued, so that the balance page
// never replays history.
type Profile struct {
	Currency       string       // ISO 4217; every lot, charge and adjustment must use it (M16)
	InvoiceDay     int          // 1-28: the day of the month invoices are issued (M2, M9)
	NextPeriod     Period       // the month the next invoice covers; everything before is closed
	CurrentBalance money.Amount // credit as of the last invoice: the sum of open lots (M12)
}

// NewProfile returns the state of a profile whose first invoice covers period first, with no
// credit yet.
func NewProfile(currency string, invoiceDay int, first Period) (Profile, error) {
	p := Profile{Currency: currency, InvoiceDay: invoiceDay, NextPeriod: first}
	return p, p.check()
}

func (p Profile) check() error {
	if err := money.CheckCurrency(p.Currency); err != nil {
		return invalid("profile.currency", KeyProfileCurrency, p.Currency)
	}
	switch {
	case p.InvoiceDay < 1 || p.InvoiceDay > 28:
		return invalid("profile.invoiceDay", KeyInvoiceDay, p.InvoiceDay)
	case p.NextPeriod.Month < 1 || p.NextPeriod.Month > 12:
		return invalid("profile.nextPeriod", KeyMonth, int(p.NextPeriod.Month))
	case p.CurrentBalance.IsNegative():
		return invalid("profile.currentBalance", KeyNegative)
	}
	return nil
}

// NextIssueDate returns the day the next invoice is due to be issued.
func (p Profile) NextIssueDate() Date { return p.NextPeriod.IssueDate(p.InvoiceDay) }

// Due reports whether the next invoice should have been issued by now. A processing run calls
// IssueInvoice while Due holds, so a run that was down for months catches up in order.
func (p Profile) Due(now Date) bool { return !now.Before(p.NextIssueDate()) }

// checkOpenSum verifies the stored current balance against the lots it summarises; a mismatch
// means a half-applied update somewhere, and going on would spread it (ErrInconsistent).
func (p Profile) checkOpenSum(lots []Lot) error {
	sum := money.Zero
	for i := range lots {
		if lots[i].State == LotOpen {
			sum = sum.Add(lots[i].ClosedBalance)
		}
	}
	if sum != p.CurrentBalance {
		return fmt.Errorf("%w: current balance %s, open lots sum to %s", ErrInconsistent,
			p.CurrentBalance, sum)
	}
	return nil
}
