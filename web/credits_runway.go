package web

import (
	"cmp"
	"context"
	"slices"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/views"
)

// runwayLots is how many lots the runway card lists, soonest-expiring first: the ones a reader
// can still act on. The totals cover every lot.
const runwayLots = 8

// runway is the forecast card (beyond Azure): the burn rate of the last 90 days of eligible
// charges projected over the estimated lot balances (store.ProfileRunway, as the alerts read
// it), with the sources of the lots it lists. It returns the forecast too, for the balance over
// time.
func (s *Server) runway(ctx context.Context, pg creditsPage, sum ledger.Summary) (views.Runway, ledger.Runway, error) {
	today := pg.today
	f, err := s.store.ProfileRunway(ctx, pg.bp, sum, today)
	if err != nil {
		return views.Runway{}, ledger.Runway{}, err
	}
	out := runwayCard(pg.bp.Currency, f, sum.Lots)
	names := make([]string, len(out.Lots))
	for i, l := range out.Lots {
		names[i] = l.Name
	}
	if len(names) == 0 {
		return out, f, nil
	}
	rows, err := s.store.LotsByName(ctx, pg.bp.ID, names)
	if err != nil {
		return out, f, err
	}
	source := make(map[string]ledger.Source, len(rows))
	for _, r := range rows {
		source[r.Name] = r.Source
	}
	for i := range out.Lots {
		out.Lots[i].Source = source[out.Lots[i].Name]
	}
	return out, f, nil
}

// runwayCard is the card of a forecast f of lots (its input): the totals, and the soonest-
// expiring lots, which a reader can still act on, without their sources.
func runwayCard(currency string, f ledger.Runway, lots []ledger.LotBalance) views.Runway {
	out := views.Runway{Currency: currency, EnoughHistory: f.EnoughHistory, HistoryDays: f.HistoryDays,
		MinDays: ledger.MinHistoryDays, WindowDays: ledger.HistoryWindowDays, DailyBurn: f.DailyBurn,
		RunsOut: f.RunsOut, ExpiresUnused: f.ExpiresUnused}
	if !f.EnoughHistory {
		return out
	}
	out.NoCredit = !slices.ContainsFunc(lots, func(l ledger.LotBalance) bool { return l.Balance.IsPositive() })
	// Forecast returns one entry per input lot, in input order; list the soonest-expiring.
	order := make([]int, len(lots))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		la, lb := lots[a], lots[b]
		return cmp.Or(la.ExpirationDate.Compare(lb.ExpirationDate), la.StartDate.Compare(lb.StartDate), cmp.Compare(la.ID, lb.ID))
	})
	if len(order) > runwayLots {
		out.MoreLots = len(order) - runwayLots
		order = order[:runwayLots]
	}
	for _, idx := range order {
		l, fl := lots[idx], f.Lots[idx]
		out.Lots = append(out.Lots, views.RunwayLot{Name: l.ID, ExpirationDate: l.ExpirationDate,
			Balance: l.Balance, ExpiresUnused: fl.ExpiresUnused, EmptyOn: fl.EmptyOn})
	}
	return out
}
