package ledger

import (
	"fmt"

	"github.com/creditdesk/creditdesk/internal/money"
)

// The limits that keep every sum of money in CreditDesk exact (DOMAIN M16, X2). An Amount holds
// up to 2^63-1 micro-units (about 9.2 trillion units); each limit below is enforced where data
// enters (scenario load, cost upload and import), naming the field or line at fault, so that
// the sums built on it stay far from that range:
//
//   - one amount (a lot, a charge line, an adjustment) stays below money.Limit, 100 billion;
//   - a profile's charges of one calendar month stay below MonthLimit, and so do the absolute
//     values of its adjustments of one month: an invoice's charges, and every SQL sum over a
//     month of a profile's charges, are bounded by it;
//   - a profile's lots together stay below CreditLimit;
//   - a cost export's lines, in absolute value, stay below costcsv.FileLimit.
//
// IssueInvoice and Summarize then check their own inputs against InputLimit (checkBounds): the
// sum of the absolute values of every amount they receive must stay below 2^62 micro-units.
// Every amount the engine computes is a signed sum of parts of its inputs in which each input
// appears at most twice (a lot's balance is paid out, then expires; an adjustment lands on a
// lot, then is spent), so it stays below 2 × 2^62 = 2^63 and cannot overflow. A profile within
// the limits above (1 trillion of credit and a month of pending charges and adjustments, 1.2
// trillion in all) is far below InputLimit; one that is not gets an *InputError naming the
// input that passed it, never a wrapped sum.
const (
	MonthLimit  = money.Limit      // whole units: a profile's charges (or |adjustments|) of one month
	CreditLimit = 10 * money.Limit // whole units: the lots of one profile together
)

// MonthLimitAmount is MonthLimit as an amount.
var MonthLimitAmount = money.FromUnits(MonthLimit)

// CreditLimitAmount is CreditLimit as an amount.
var CreditLimitAmount = money.FromUnits(CreditLimit)

// InputLimit bounds the absolute inputs of one IssueInvoice or Summarize: 2^62 micro-units.
var InputLimit = money.FromMicros(1 << 62)

// boundSum adds absolute values until the total reaches InputLimit.
type boundSum struct {
	total money.Amount
}

// add adds |a| and reports whether the total is still below InputLimit.
func (b *boundSum) add(a money.Amount) bool {
	var err error
	if a.IsNegative() {
		a, err = money.Zero.SubChecked(a)
	}
	t, errAdd := b.total.AddChecked(a)
	if err != nil || errAdd != nil || t.Cmp(InputLimit) >= 0 {
		return false
	}
	b.total = t
	return true
}

// tooLarge is the error naming the input that took the total past InputLimit.
func tooLarge(field string, a money.Amount) error {
	return invalid(field, KeyTooLarge, a, InputLimit, CreditLimitAmount, MonthLimitAmount)
}

// checkBounds is the ledger's entry check: the current balance, the lots (original amount,
// balance and expired amount), the charges and the adjustments of one computation, in absolute
// value, must add up to less than InputLimit. It runs before any other sum of them; paths are
// formatted only on failure.
func checkBounds(p Profile, lots []Lot, charges []Charge, adjs []Adjustment) error {
	var b boundSum
	if !b.add(p.CurrentBalance) {
		return tooLarge("profile.currentBalance", p.CurrentBalance)
	}
	for i := range lots {
		for _, f := range []struct {
			name string
			a    money.Amount
		}{{"originalAmount", lots[i].OriginalAmount}, {"closedBalance", lots[i].ClosedBalance}, {"expiredAmount", lots[i].ExpiredAmount}} {
			if !b.add(f.a) {
				return tooLarge(fmt.Sprintf("lots[%d].%s", i, f.name), f.a)
			}
		}
	}
	for i := range charges {
		if !b.add(charges[i].Amount) {
			return tooLarge(fmt.Sprintf("charges[%d].amount", i), charges[i].Amount)
		}
	}
	for i := range adjs {
		if !b.add(adjs[i].Amount) {
			return tooLarge(fmt.Sprintf("adjustments[%d].amount", i), adjs[i].Amount)
		}
	}
	return nil
}
