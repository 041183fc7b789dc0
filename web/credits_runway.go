package web

import (
	"cmp"
	"slices"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/views"
)

// runwayLots is how many lots the runway card lists, soonest-expiring first: the ones a reader
// can still act on. The totals cover every lot.
const runwayLots = 8

// runway is the forecast card (beyond Azure): the burn rate of the last 90 days of eligible
// charges projected over the estimated lot balances (ledger.Forecast).
func (v *creditsView) runway(sum ledger.Summary) (views.Runway, error) {
	hist, first, err := v.s.store.BurnHistory(v.ctx, v.bp, v.today.AddDays(-ledger.HistoryWindowDays), v.today.AddDays(-1))
	if err != nil {
		return views.Runway{}, err
	}
	f := ledger.Forecast(ledger.RunwayInput{Lots: sum.Lots, History: hist, HistoryStart: storedDate(first), Now: v.today})
	out := views.Runway{Currency: v.bp.Currency, EnoughHistory: f.EnoughHistory, HistoryDays: f.HistoryDays,
		MinDays: ledger.MinHistoryDays, WindowDays: ledger.HistoryWindowDays, DailyBurn: f.DailyBurn,
		RunsOut: f.RunsOut, ExpiresUnused: f.ExpiresUnused}
	if !f.EnoughHistory {
		return out, nil
	}
	out.NoCredit = !slices.ContainsFunc(sum.Lots, func(l ledger.LotBalance) bool { return l.Balance.IsPositive() })
	// Forecast returns one entry per input lot, in input order; list the soonest-expiring.
	order := make([]int, len(sum.Lots))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		la, lb := sum.Lots[a], sum.Lots[b]
		return cmp.Or(la.ExpirationDate.Compare(lb.ExpirationDate), la.StartDate.Compare(lb.StartDate), cmp.Compare(la.ID, lb.ID))
	})
	if len(order) > runwayLots {
		out.MoreLots = len(order) - runwayLots
		order = order[:runwayLots]
	}
	names := make([]string, len(order))
	for i, idx := range order {
		names[i] = sum.Lots[idx].ID
	}
	rows, err := v.s.store.LotsByName(v.ctx, v.bp.ID, names)
	if err != nil {
		return out, err
	}
	source := make(map[string]string, len(rows))
	for _, r := range rows {
		source[r.Name] = r.Source
	}
	for _, idx := range order {
		l, fl := sum.Lots[idx], f.Lots[idx]
		out.Lots = append(out.Lots, views.RunwayLot{Name: l.ID, Source: source[l.ID], ExpirationDate: l.ExpirationDate,
			Balance: l.Balance, ExpiresUnused: fl.ExpiresUnused, EmptyOn: fl.EmptyOn})
	}
	return out, nil
}
