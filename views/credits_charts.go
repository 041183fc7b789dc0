package views

import (
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// CreditsCharts is the balance over time and the runway of a billing profile's credits page,
// which the page loads after its first paint (ChartsFragment), or a page of their own without
// JavaScript (CreditsChartsPage, with Shell and Back, the credits page, set).
type CreditsCharts struct {
	Shell   Shell
	Back    string
	Loc     Locale
	History BalanceHistory
	Runway  Runway
}

// BalanceHistory is the credits page's balance over time: the settled balance after each day
// with transactions, today's estimated balance, the runway's projection to the day credit runs
// out and the expiries on the way. Its chart and its table are both drawn from Points.
type BalanceHistory struct {
	Currency string
	From     ledger.Date    // the first day of the settled history shown
	Points   []BalancePoint // in date order within each look
}

// BalancePoint is one point of the balance over time. Look is LookSettled, LookEstimate,
// LookProjection or LookExpiry; Credit names the lot of an expiry.
type BalancePoint struct {
	Date    ledger.Date
	Balance money.Amount
	Look    string
	Credit  string
}

// balanceLooks are the series of the balance chart, in drawing order, with their names.
var balanceLooks = []struct{ look, name string }{
	{LookSettled, "Settled balance"}, {LookEstimate, "Estimated balance today"},
	{LookProjection, "Projected balance"}, {LookExpiry, "Credit expires"},
}

// Chart is the balance-over-time line chart.
func (h BalanceHistory) Chart() Chart {
	c := Chart{ID: "balance-chart", Kind: ChartLine, Currency: h.Currency,
		Label: "Chart: credit balance over time, settled, estimated today and projected, with the expiries marked. The same figures are in the table below."}
	for _, l := range balanceLooks {
		s := ChartSeries{Name: l.name, Look: l.look}
		for _, p := range h.Points {
			if p.Look == l.look {
				s.Points = append(s.Points, ChartPoint{Date: p.Date, Y: Number(p.Balance)})
			}
		}
		if len(s.Points) > 0 {
			c.Series = append(c.Series, s)
		}
	}
	return c
}

// BalanceLookLabel names a point's kind in the table.
func BalanceLookLabel(look string) string {
	for _, l := range balanceLooks {
		if l.look == look {
			return l.name
		}
	}
	return look
}

// LotsChart is the runway card's bar chart: each listed credit's estimated balance and what of
// it will expire unused, labelled with its expiration date; the runway table holds the figures.
func (r Runway) LotsChart(loc Locale) Chart {
	c := Chart{ID: "lots-chart", Kind: ChartBar, Currency: r.Currency,
		Label: "Chart: estimated balance of each credit against its expiration date, and what will expire unused. The same figures are in the table below."}
	bal := ChartSeries{Name: "Estimated balance", Look: LookPlain}
	unused := ChartSeries{Name: "Will expire unused", Look: LookExpiry}
	for _, l := range r.Lots {
		c.Labels = append(c.Labels, l.Name+" · expires "+loc.Date(l.ExpirationDate))
		bal.Values = append(bal.Values, Number(l.Balance))
		unused.Values = append(unused.Values, Number(l.ExpiresUnused.Round(r.Currency)))
	}
	c.Series = []ChartSeries{bal, unused}
	return c
}
