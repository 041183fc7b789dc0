package ledger

import (
	"cmp"
	"slices"

	"github.com/creditdesk/creditdesk/internal/money"
)

// The numbers behind the runway forecast, named so that code, tests and help text agree.
const (
	HistoryWindowDays = 90 // the burn rate is the mean of the last 90 days of eligible charges
	MinHistoryDays    = 14 // with fewer days of data the forecast says "not enough history"
)

// DayAmount is the total of one day's credit-eligible charges.
type DayAmount struct {
	Date   Date
	Amount money.Amount
}

// RunwayInput is what the forecast needs: estimated lot balances (Summary.Lots), daily eligible
// charge totals and the day data starts.
type RunwayInput struct {
	Lots         []LotBalance
	History      []DayAmount // eligible charges per day; days outside the window are ignored
	HistoryStart Date        // first day the profile has charge data for; zero: earliest History day
	Now          Date
}

// Runway is the forecast of a profile's credit (beyond Azure): when it runs out at the recent
// burn rate and how much will expire before it is consumed.
type Runway struct {
	EnoughHistory bool         // false: fewer than MinHistoryDays of data; nothing else is set
	HistoryDays   int          // the days the burn rate is averaged over
	DailyBurn     money.Amount // mean eligible charges per day, truncated to the micro-unit
	RunsOut       Date         // first day credit cannot cover the whole burn; zero if DailyBurn is 0
	ExpiresUnused money.Amount // credit that will expire before it is consumed
	Lots          []LotRunway  // one per input lot, in input order
	// Path is the projected total balance, from the day after Now: points where the valid lots
	// change (a start, an expiry: the day's balance before and after it) and where they run dry.
	// Between two points the balance falls by DailyBurn a day, down to the next point.
	Path []DayAmount
}

// LotRunway is the forecast of one lot.
type LotRunway struct {
	ID            string
	ExpiresUnused money.Amount // what the lot will lose to expiry
	EmptyOn       Date         // the day its last credit is consumed; zero if it does not empty
}

// Forecast projects the estimated balances forward from the day after Now, consuming DailyBurn
// each day in burn order among the lots valid that day (M9, M11). The burn rate is the mean of
// the eligible charges of the window [max(Now-90, HistoryStart), Now-1]: today is left out
// because its usage is still coming in, and days without charges count as zero.
func Forecast(in RunwayInput) Runway {
	start := in.HistoryStart
	if start.IsZero() && len(in.History) > 0 {
		start = slices.MinFunc(in.History, func(a, b DayAmount) int { return a.Date.Compare(b.Date) }).Date
	}
	from, to := in.Now.AddDays(-HistoryWindowDays), in.Now.AddDays(-1)
	if start.After(from) {
		from = start
	}
	var r Runway
	if !start.IsZero() { // no start and no history: no data at all
		r.HistoryDays = max(to.DaysSince(from)+1, 0)
	}
	if r.HistoryDays < MinHistoryDays {
		return r
	}
	sum := money.Zero
	for _, h := range in.History {
		if !h.Date.Before(from) && !h.Date.After(to) {
			sum = sum.Add(h.Amount)
		}
	}
	r.EnoughHistory = true
	r.DailyBurn = money.Max(money.FromMicros(sum.Micros()/int64(r.HistoryDays)), money.Zero)
	r.Lots = make([]LotRunway, len(in.Lots))
	for i, l := range in.Lots {
		r.Lots[i].ID = l.ID
	}
	project(&r, in.Lots, in.Now.AddDays(1))
	r.Path = flattened(r.Path)
	for _, l := range r.Lots {
		r.ExpiresUnused = r.ExpiresUnused.Add(l.ExpiresUnused)
	}
	return r
}

// project walks the future segment by segment: between two dates where a lot starts or
// expires, the valid lots do not change, so a segment's consumption is one division instead of
// one step per day. Expiring lots are always at the top of the burn-order heap.
func project(r *Runway, lots []LotBalance, day Date) {
	bal := make([]money.Amount, len(lots))
	order := make([]int32, 0, len(lots))
	for i, l := range lots {
		bal[i] = l.Balance
		if l.Balance.IsPositive() && !l.ExpirationDate.Before(day) {
			order = append(order, int32(i))
		}
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Compare(lots[a].StartDate.days, lots[b].StartDate.days) })
	h := indexHeap{less: func(a, b int32) bool { return lots[a].burnKey().before(lots[b].burnKey()) }}
	burn, total, next := r.DailyBurn.Micros(), int64(0), 0
	for {
		if len(r.Path) > 0 { // the balance before the lots that start today
			r.mark(day, total)
		}
		for ; next < len(order) && !lots[order[next]].StartDate.After(day); next++ {
			h.push(order[next])
			total += bal[order[next]].Micros()
		}
		r.mark(day, total)
		for h.len() > 0 && lots[h.top()].ExpirationDate.Before(day) {
			i := h.pop()
			r.Lots[i].ExpiresUnused, total = bal[i], total-bal[i].Micros()
		}
		r.mark(day, total)
		if h.len() == 0 {
			if burn > 0 && r.RunsOut.IsZero() {
				r.RunsOut = day
			}
			if next == len(order) {
				return
			}
			day = lots[order[next]].StartDate
			continue
		}
		end := lots[h.top()].ExpirationDate.AddDays(1)
		if next < len(order) && lots[order[next]].StartDate.Before(end) {
			end = lots[order[next]].StartDate
		}
		if burn > 0 {
			days := int64(end.DaysSince(day))
			use := total
			if total/burn >= days {
				use = burn * days // cannot overflow: it is at most total
			} else {
				// The valid lots run dry within the segment: on the last day what is left is
				// less than a day's burn, and nothing the day after.
				out := day.AddDays(int(total / burn))
				if r.RunsOut.IsZero() {
					r.RunsOut = out
				}
				if r.mark(out, total%burn); total%burn > 0 {
					r.mark(out.AddDays(1), 0)
				}
			}
			total -= use
			for done := int64(0); use > 0; {
				i := h.top()
				take := min(use, bal[i].Micros())
				bal[i], use, done = bal[i].Sub(money.FromMicros(take)), use-take, done+take
				if bal[i].IsZero() {
					h.pop()
					r.Lots[i].EmptyOn = day.AddDays(int((done+burn-1)/burn) - 1)
				}
			}
		}
		day = end
	}
}

// mark adds a point to the projected path, unless it repeats the last one.
func (r *Runway) mark(day Date, total int64) {
	p := DayAmount{Date: day, Amount: money.FromMicros(total)}
	if n := len(r.Path); n > 0 && r.Path[n-1] == p {
		return
	}
	r.Path = append(r.Path, p)
}

// flattened drops the points of a path that lie inside a stretch at zero, and at its end: the
// line already lies on the axis there.
func flattened(path []DayAmount) []DayAmount {
	out := make([]DayAmount, 0, len(path))
	for i, p := range path {
		if i > 0 && p.Amount.IsZero() && path[i-1].Amount.IsZero() && (i+1 == len(path) || path[i+1].Amount.IsZero()) {
			continue
		}
		out = append(out, p)
	}
	return out
}

func (l *LotBalance) burnKey() burnKey { return burnKey{l.ExpirationDate, l.StartDate, l.ID} }

// BalanceOn is the projected total balance at the start of day d, read from Path: the last
// point on or before d less DailyBurn for each day since, never below zero. Before the path it
// is the path's first balance; zero when there is no path.
func (r Runway) BalanceOn(d Date) money.Amount {
	i, _ := slices.BinarySearchFunc(r.Path, d.AddDays(1), func(p DayAmount, t Date) int { return p.Date.Compare(t) })
	switch {
	case len(r.Path) == 0:
		return money.Zero
	case i == 0:
		return r.Path[0].Amount
	}
	p := r.Path[i-1]
	used := money.FromMicros(r.DailyBurn.Micros() * int64(d.DaysSince(p.Date)))
	return money.Max(p.Amount.Sub(used), money.Zero)
}
