package scenario

import (
	"fmt"
	"time"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// bounds reports the amounts of a profile that add up past the ledger's limits (DOMAIN M16,
// ledger/bounds.go), each at the element whose amount takes its sum there: the lots together
// (ledger.CreditLimit), the charges of one month and the absolute adjustments of one month
// (ledger.MonthLimit). Sums are checked additions, so no file can wrap them; one amount is
// already below money.Limit. What the database holds already is added by the store at load.
func (v *validator) bounds(p BillingProfile) {
	var credit bound
	for _, l := range p.Lots {
		if credit.add(l.Amount, ledger.CreditLimitAmount) {
			v.probs.add(l.Path+".amount", fmt.Sprintf("the lots of this billing profile add up to %s or more by "+
				"this lot: a profile holds less than %s of credit", ledger.CreditLimitAmount, ledger.CreditLimitAmount))
		}
	}
	charges := months{}
	for _, c := range p.Charges {
		if charges.of(c.Date).add(c.Amount, ledger.MonthLimitAmount) {
			v.probs.add(c.Path+".amount", fmt.Sprintf("the charges of %s add up to %s or more by this charge: a "+
				"profile's charges of one month stay below %s", monthOf(c.Date), ledger.MonthLimitAmount, ledger.MonthLimitAmount))
		}
	}
	adjs := months{}
	for _, a := range p.Adjustments {
		if adjs.of(a.Date).add(a.Amount.Abs(), ledger.MonthLimitAmount) {
			v.probs.add(a.Path+".amount", fmt.Sprintf("the adjustments of %s add up to %s or more by this one, in "+
				"absolute value: they stay below %s per month", monthOf(a.Date), ledger.MonthLimitAmount, ledger.MonthLimitAmount))
		}
	}
}

// bound is a running sum that names only the element taking it to its limit.
type bound struct {
	sum    money.Amount
	passed bool
}

// add adds a and reports whether this element takes the sum to limit; later ones are not.
func (b *bound) add(a, limit money.Amount) bool {
	if b.passed {
		return false
	}
	t, err := b.sum.AddChecked(a)
	if err != nil || t.Cmp(limit) >= 0 {
		b.passed = true
		return true
	}
	b.sum = t
	return false
}

// months holds one bound per calendar month.
type months map[ledger.Period]*bound

func (m months) of(t time.Time) *bound {
	p := monthOf(t)
	if m[p] == nil {
		m[p] = &bound{}
	}
	return m[p]
}

func monthOf(t time.Time) ledger.Period { return ledger.PeriodOf(ledger.DateOf(t)) }
