package benefits

import (
	"time"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// Usage is consumption charged against a monthly credit at an instant.
type Usage struct {
	At     time.Time
	Amount money.Amount
}

// Month is one credit month of a monthly credit (P3): its allotment, what was used of it, and
// what lapsed. Credit months are anchored at activation: month 1 runs from ActivatedAt to one
// calendar month later (clamped to month end), and there are 13 of them at most, fewer when the
// end date comes first (P11).
type Month struct {
	Number    int       // 1 to 13
	Start     time.Time // inclusive
	End       time.Time // exclusive; the unused allotment lapses at this instant
	Allotment money.Amount
	Used      money.Amount // usage covered by the credit: at most the allotment
	Uncovered money.Amount // usage above the allotment, charged in full to the subscription
	Lapsed    money.Amount // allotment left unused when the month ended; zero while it runs
	Remaining money.Amount // allotment still usable in the running month; zero once ended
	Closed    bool         // the month has ended (now >= End)
}

// MonthlyHistory returns the months of a monthly credit that have begun by now, oldest first:
// each month's allotment (the benefit's Amount), usage capped at the allotment, and lapse.
// Unused credit lapses at the end of its month and never carries over (P3). Months are
// anchored at activation and stop when the credit expires (ExpiresAt, P11: the earlier of its
// end date and 13 months from activation), the last one cut short at that instant when the end
// date comes first. Usage outside them is not against the credit and is ignored, as is usage
// dated after now. A credit never activated, or now before activation, has no history.
// Refused: a non-positive allotment or a negative usage (X2).
func MonthlyHistory(b Benefit, usage []Usage, now time.Time) ([]Month, error) {
	allotment, activatedAt := b.Amount, b.ActivatedAt
	if !allotment.IsPositive() {
		return nil, refuse(RuleInput, FieldAmount, KeyMonthlyAmount)
	}
	for _, u := range usage {
		if u.Amount.IsNegative() {
			return nil, refuse(RuleInput, FieldUsage, KeyNegativeUsage, ledger.DateOf(u.At))
		}
	}
	if activatedAt.IsZero() || !b.Kind.Monthly() {
		return nil, nil
	}
	expires := ExpiresAt(b)
	var months []Month
	for k := 0; k < MonthlyValidityMonths; k++ {
		m := Month{Number: k + 1, Start: addMonths(activatedAt, k), End: addMonths(activatedAt, k+1),
			Allotment: allotment}
		if now.Before(m.Start) || !m.Start.Before(expires) {
			break
		}
		if expires.Before(m.End) {
			m.End = expires
		}
		total := money.Zero
		for _, u := range usage {
			// Usage dated after now has not happened as of now (a demo clock may lag the data).
			if !u.At.Before(m.Start) && u.At.Before(m.End) && !u.At.After(now) {
				total = total.Add(u.Amount)
			}
		}
		m.Used = money.Min(total, allotment)
		m.Uncovered = total.Sub(m.Used)
		m.Closed = !now.Before(m.End)
		if m.Closed {
			m.Lapsed = allotment.Sub(m.Used)
		} else {
			m.Remaining = allotment.Sub(m.Used)
		}
		months = append(months, m)
	}
	return months, nil
}
