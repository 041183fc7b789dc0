package web

import (
	"context"
	"time"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/views"
)

// Bounds of the balance over time: a year of settled history, at most this many transactions.
const (
	historyDays   = 365
	historyEvents = 400
)

// balanceHistory is the balance over time of the credits page: the settled balance at the end
// of each day with transactions in the last year, today's estimated balance, and, when the
// runway has a forecast, its projected path with the expiries of the listed credits on it.
func (s *Server) balanceHistory(ctx context.Context, pg creditsPage, sum ledger.Summary, f ledger.Runway, r views.Runway) (views.BalanceHistory, error) {
	cur := pg.bp.Currency
	h := views.BalanceHistory{Currency: cur, From: pg.today.AddDays(-historyDays)}
	days, err := s.store.ClosingBalances(ctx, pg.bp.ID, h.From, historyEvents)
	if err != nil {
		return h, err
	}
	for _, d := range weekClosings(days) {
		h.Points = append(h.Points, views.BalancePoint{Date: d.Date, Balance: d.Amount, Look: views.LookSettled})
	}
	h.Points = append(h.Points, views.BalancePoint{Date: pg.today, Balance: sum.EstimatedBalance, Look: views.LookEstimate})
	if !r.EnoughHistory || r.NoCredit || len(f.Path) == 0 {
		return h, nil
	}
	for _, p := range f.Path {
		h.Points = append(h.Points, views.BalancePoint{Date: p.Date, Balance: p.Amount.Round(cur), Look: views.LookProjection})
	}
	last := f.Path[len(f.Path)-1].Date
	for _, l := range r.Lots {
		if l.ExpirationDate.After(pg.today) && !l.ExpirationDate.After(last) {
			h.Points = append(h.Points, views.BalancePoint{Date: l.ExpirationDate,
				Balance: f.BalanceOn(l.ExpirationDate).Round(cur), Look: views.LookExpiry, Credit: l.Name})
		}
	}
	return h, nil
}

// aMonday is the Monday that weeks are counted from.
var aMonday = ledger.NewDate(2001, time.January, 1)

// weekClosings keeps, of closing balances in date order, the last of each week (Monday to
// Sunday): the balance at the end of the week. A year of daily charges draws the same line
// with 53 points instead of 365, and its table reads in a screen or two instead of ten.
func weekClosings(days []ledger.DayAmount) []ledger.DayAmount {
	week := func(d ledger.Date) int {
		n := d.DaysSince(aMonday)
		if n < 0 {
			n -= 6 // floor division for a day before aMonday
		}
		return n / 7
	}
	var out []ledger.DayAmount
	for i, d := range days {
		if i+1 == len(days) || week(days[i+1].Date) != week(d.Date) {
			out = append(out, d)
		}
	}
	return out
}
