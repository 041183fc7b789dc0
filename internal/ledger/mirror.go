package ledger

import (
	"slices"

	"github.com/creditdesk/creditdesk/internal/money"
)

// A synced billing profile (issue 13) keeps the ledger another system states: Azure's balance
// summary, lots and events are the truth, and CreditDesk does not recompute them. The two
// functions below derive what CreditDesk's own features need from those figures alone.

// MirrorInput is a balance summary as the source states it, with its pending events and the
// profile's live lots (LotPending or LotOpen, ClosedBalance as of the source's last invoice;
// a lot not in the source's ledger yet holds its original amount, as NewLot makes it).
type MirrorInput struct {
	CurrentBalance           money.Amount
	EstimatedBalance         money.Amount
	PendingEligibleCharges   money.Amount // <= 0, as the API reports it
	PendingCreditAdjustments money.Amount
	ExpiredCredit            money.Amount
	Events                   []Event // the pending events; each is marked Pending
	Lots                     []Lot
	Now                      Date
}

// Mirror is the balance section of a synced profile: the source's figures as stated, the
// pending new and canceled credit read from its pending events (M12 decision: both count in
// pendingCreditAdjustments), and an estimated balance per lot for the runway and the account
// summary (Summary.Lots).
//
// The source does not say how its estimate splits among the lots, nor the dates of the pending
// charges, so CreditDesk estimates it the way its own ledger books: pending adjustments go to
// the started lot that burns last (as a positive adjustment is booked); pending eligible
// charges are taken in burn order (M9: soonest expiry first) from the lots that were in the
// ledger at the last invoice, whose validity covered every day since, and only then from the
// lots that entered since (they can pay only the charges dated from their start); what is left
// of the difference goes the same way. The started lots then add up to the estimated balance
// exactly; lots that have not started keep their original amount and lots that expired or were
// canceled before Now are left out, as in Summarize.
func Mirror(in MirrorInput) Summary {
	s := Summary{CurrentBalance: in.CurrentBalance, EstimatedBalance: in.EstimatedBalance,
		PendingEligibleCharges: in.PendingEligibleCharges, PendingCreditAdjustments: in.PendingCreditAdjustments,
		ExpiredCredit: in.ExpiredCredit}
	for _, e := range in.Events {
		e.Pending = true
		switch e.Kind {
		case EventNewCredit:
			s.PendingNewCredit = s.PendingNewCredit.Add(e.Amount)
		case EventCanceledCredit:
			s.CanceledCredit = s.CanceledCredit.Sub(e.Amount)
		}
		s.Events = append(s.Events, e)
	}
	var open, entering []int // started lots, in the ledger at the last invoice or entering since
	for _, l := range in.Lots {
		if !l.live() || l.lastDay().Before(in.Now) || l.void() {
			continue
		}
		switch {
		case l.StartDate.After(in.Now):
		case l.State == LotOpen:
			open = append(open, len(s.Lots))
		default:
			entering = append(entering, len(s.Lots))
		}
		s.Lots = append(s.Lots, LotBalance{ID: l.ID, StartDate: l.StartDate, ExpirationDate: l.lastDay(), Balance: l.ClosedBalance})
	}
	byBurn := func(idx []int) []int {
		slices.SortFunc(idx, func(a, b int) int { return compareBurn(s.Lots[a], s.Lots[b]) })
		return idx
	}
	started := byBurn(append(append([]int(nil), open...), entering...))
	order := append(byBurn(open), byBurn(entering)...)
	total := money.Zero
	for _, i := range started {
		total = total.Add(s.Lots[i].Balance)
	}
	if len(started) == 0 {
		return s
	}
	adjustments := s.PendingCreditAdjustments.Sub(s.PendingNewCredit).Add(s.CanceledCredit)
	if adjustments.IsPositive() {
		last := started[len(started)-1]
		s.Lots[last].Balance = s.Lots[last].Balance.Add(adjustments)
		total = total.Add(adjustments)
	}
	excess := total.Sub(in.EstimatedBalance) // the charges (and any negative adjustment) to take
	for _, i := range order {
		if !excess.IsPositive() {
			break
		}
		take := money.Min(excess, money.Max(s.Lots[i].Balance, money.Zero))
		s.Lots[i].Balance = s.Lots[i].Balance.Sub(take)
		excess = excess.Sub(take)
	}
	if excess.IsNegative() {
		last := started[len(started)-1]
		s.Lots[last].Balance = s.Lots[last].Balance.Sub(excess)
	}
	return s
}

// compareBurn orders lot balances as the burn order consumes them (M9).
func compareBurn(a, b LotBalance) int {
	ka, kb := burnKey{a.ExpirationDate, a.StartDate, a.ID}, burnKey{b.ExpirationDate, b.StartDate, b.ID}
	switch {
	case ka.before(kb):
		return -1
	case kb.before(ka):
		return 1
	}
	return 0
}

// MirrorHistory is the daily eligible-charge history of a synced profile, for the runway
// forecast, from what the Consumption API states: the charges each invoice settled against
// credit (settled-charges events, one per invoice) and the pending eligible charges since the
// last invoice. The source gives no per-day figures, so each invoice's charges are spread
// evenly over the days of the month it covers (the month before its date) and the pending ones
// over the days from the first day not invoiced yet (by the profile's invoice day, M9) to Now.
// Each spread sums exactly to its total (the micro-units left by the division go to its first
// days). It returns the days in date order and the first day of data (zero if none).
func MirrorHistory(settled []Event, pendingEligible money.Amount, invoiceDay int, now Date) ([]DayAmount, Date) {
	totals := map[Period]money.Amount{}
	for _, e := range settled {
		if e.Kind == EventSettledCharges {
			p := PeriodOf(e.Date).Prev()
			totals[p] = totals[p].Sub(e.Amount)
		}
	}
	byDay := map[Date]money.Amount{}
	for p, total := range totals {
		spread(byDay, total, p.First(), p.Last())
	}
	invoiced := PeriodOf(now).Prev()
	if invoiced.IssueDate(invoiceDay).After(now) {
		invoiced = invoiced.Prev()
	}
	if open := invoiced.Next().First(); !pendingEligible.IsZero() {
		spread(byDay, pendingEligible.Neg(), open, now)
	}
	days := make([]DayAmount, 0, len(byDay))
	for d, a := range byDay {
		days = append(days, DayAmount{Date: d, Amount: a})
	}
	slices.SortFunc(days, func(a, b DayAmount) int { return a.Date.Compare(b.Date) })
	if len(days) == 0 {
		return nil, Date{}
	}
	return days, days[0].Date
}

// spread adds total to the days from..to, evenly to the micro-unit.
func spread(byDay map[Date]money.Amount, total money.Amount, from, to Date) {
	n := int64(to.DaysSince(from) + 1)
	if n <= 0 {
		return
	}
	each, rest := total.Micros()/n, total.Micros()%n
	step := int64(1)
	if rest < 0 {
		step, rest = -1, -rest
	}
	for i := int64(0); i < n; i++ {
		part := each
		if i < rest {
			part += step
		}
		d := from.AddDays(int(i))
		byDay[d] = byDay[d].Add(money.FromMicros(part))
	}
}
