package ledger

import "time"

// The days data may be dated by where it enters (X2): a scenario file's dates and a cost export's
// charge dates. A date outside them is a typo, such as 0205 for 2025, that would have the
// processing run issue an invoice for every month from then until today.
var (
	FirstDay = NewDate(2000, time.January, 1)
	LastDay  = NewDate(2099, time.December, 31)
)

// InRange reports whether d lies between FirstDay and LastDay, both included.
func (d Date) InRange() bool { return !d.Before(FirstDay) && !d.After(LastDay) }
