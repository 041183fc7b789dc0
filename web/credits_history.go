package web

import (
	"context"

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
	for _, d := range days {
		h.Points = append(h.Points, views.BalancePoint{Date: d.Date, Balance: d.Amount, Look: views.LookSettled})
	}
	h.Points = append(h.Points, views.BalancePoint{Date: pg.today, Balance: sum.EstimatedBalance, Look: views.LookEstimate})
	if !r.EnoughHistory || r.NoCredit || len(f.Path) == 0 {
		return h, nil
	}
	for _, p := range f.Path {
		h.Points = append(h.Points, views.BalancePoint{Date: p.Date, Balance: views.Rounded(p.Amount, cur), Look: views.LookProjection})
	}
	last := f.Path[len(f.Path)-1].Date
	for _, l := range r.Lots {
		if l.ExpirationDate.After(pg.today) && !l.ExpirationDate.After(last) {
			h.Points = append(h.Points, views.BalancePoint{Date: l.ExpirationDate,
				Balance: views.Rounded(f.BalanceOn(l.ExpirationDate), cur), Look: views.LookExpiry, Credit: l.Name})
		}
	}
	return h, nil
}
