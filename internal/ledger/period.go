package ledger

import (
	"fmt"
	"time"
)

// Period is the calendar month an invoice covers (M9). The invoice for month M is issued on the
// billing profile's invoice day of month M+1.
type Period struct {
	Year  int
	Month time.Month
}

// PeriodOf returns the month containing d.
func PeriodOf(d Date) Period {
	y, m, _ := d.Civil()
	return Period{Year: y, Month: m}
}

// ParsePeriod reads "YYYY-MM".
func ParsePeriod(s string) (Period, error) {
	t, err := time.Parse("2006-01", s)
	if err != nil {
		return Period{}, fmt.Errorf("period %q: want YYYY-MM", s)
	}
	return Period{Year: t.Year(), Month: t.Month()}, nil
}

// String renders the period as YYYY-MM.
func (p Period) String() string { return fmt.Sprintf("%04d-%02d", p.Year, int(p.Month)) }

// First returns the first day of the period.
func (p Period) First() Date { return NewDate(p.Year, p.Month, 1) }

// Last returns the last day of the period.
func (p Period) Last() Date { return p.Next().First().AddDays(-1) }

// Next returns the following month.
func (p Period) Next() Period { return PeriodOf(p.First().AddMonths(1)) }

// Prev returns the preceding month.
func (p Period) Prev() Period { return PeriodOf(p.First().AddMonths(-1)) }

// Contains reports whether d falls in the period.
func (p Period) Contains(d Date) bool { return PeriodOf(d) == p }

// Compare returns -1, 0 or +1 as p is before, equal to or after q.
func (p Period) Compare(q Period) int { return p.First().Compare(q.First()) }

// IssueDate returns the date the period's invoice is issued: the given invoice day (1-28) of the
// following month. Days 29-31 are refused by NewProfile because not every month has them.
func (p Period) IssueDate(invoiceDay int) Date {
	n := p.Next()
	return NewDate(n.Year, n.Month, invoiceDay)
}
