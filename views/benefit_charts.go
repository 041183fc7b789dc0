package views

import (
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// BenefitOverview is the Benefits workspace's two charts and their tables (issue 11): how many
// benefits each status has, and the amounts nobody has redeemed yet by end month. It covers the
// whole organisation, whatever the list below shows.
type BenefitOverview struct {
	Loc        Locale
	Statuses   []StatusCount     // in the list's default order: what needs action first
	Unredeemed []UnredeemedTotal // by end month, then currency
}

// BenefitOverviewView is the overview of an organisation's benefits as a page of its own.
type BenefitOverviewView struct {
	Shell    Shell
	BackHref string // the Azure credits list
	Overview BenefitOverview
}

// StatusCount is how many benefits have one status.
type StatusCount struct {
	Status string // the benefits.Status value, for the badge's class
	Label  string
	Count  int
}

// UnredeemedTotal is the amount of the benefits not redeemed yet that end in one month.
type UnredeemedTotal struct {
	EndMonth ledger.Period
	Currency string
	Amount   money.Amount
	Count    int
}

// StatusChart is the bar chart of the benefits by status.
func (o BenefitOverview) StatusChart() Chart {
	c := Chart{ID: "benefit-status-chart", Kind: ChartBar,
		Label: "Chart: number of benefits in each status. The same figures are in the table below."}
	s := ChartSeries{Name: "Benefits", Look: LookPlain}
	for _, st := range o.Statuses {
		c.Labels = append(c.Labels, st.Label)
		s.Values = append(s.Values, Count(st.Count))
	}
	c.Series = []ChartSeries{s}
	return c
}

// UnredeemedChart is the bar chart of the amounts not redeemed yet by the month they end in. Its amounts are
// in one currency when every benefit has the same; otherwise each label names its currency.
func (o BenefitOverview) UnredeemedChart() Chart {
	c := Chart{ID: "unredeemed-chart", Kind: ChartBar,
		Label: "Chart: amount of the benefits not redeemed yet, by the month they end in. The same figures are in the table below."}
	for i, u := range o.Unredeemed {
		if i == 0 || u.Currency == c.Currency {
			c.Currency = u.Currency
		} else {
			c.Currency = ""
			break
		}
	}
	s := ChartSeries{Name: "Not redeemed yet", Look: LookExpiry}
	for _, u := range o.Unredeemed {
		label := "ends " + o.Loc.Month(u.EndMonth)
		if c.Currency == "" {
			label += " (" + u.Currency + ")"
		}
		c.Labels = append(c.Labels, label)
		s.Values = append(s.Values, Number(u.Amount))
	}
	c.Series = []ChartSeries{s}
	return c
}
