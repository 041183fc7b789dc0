package views

import (
	"encoding/json"
	"strconv"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// Chart is one chart of a page, drawn in the browser by static/js/charts.js from a JSON script
// element (no inline script: CSP). The page shows the same numbers in a table next to it, built
// from the same props, so the picture and its text alternative cannot disagree.
type Chart struct {
	ID       string        `json:"-"`        // the canvas's id
	Label    string        `json:"-"`        // the canvas's accessible name
	Kind     string        `json:"kind"`     // ChartLine (x is a date) or ChartBar (x is a category)
	Currency string        `json:"currency"` // the amounts' currency, "" for counts
	Labels   []string      `json:"labels,omitempty"`
	Series   []ChartSeries `json:"series"`
}

// The kinds of chart.
const (
	ChartLine = "line"
	ChartBar  = "bar"
)

// The looks of a series, named for what they show.
const (
	LookSettled    = "settled"
	LookEstimate   = "estimate"
	LookProjection = "projection"
	LookExpiry     = "expiry"
	LookPlain      = "plain"
)

// ChartSeries is one series: Points on a line chart (x a date), Values on a bar chart (one per
// label).
type ChartSeries struct {
	Name   string        `json:"name"`
	Look   string        `json:"look"`
	Points []ChartPoint  `json:"points,omitempty"`
	Values []json.Number `json:"values,omitempty"`
}

// ChartPoint is a point of a line chart: a day and an amount.
type ChartPoint struct {
	Date ledger.Date `json:"date"`
	Y    json.Number `json:"y"`
}

// Number is an exact amount as a JSON number (M16: no float holds it on the server).
func Number(a money.Amount) json.Number { return json.Number(a.String()) }

// Count is a count as a JSON number.
func Count(n int) json.Number { return json.Number(strconv.Itoa(n)) }

// chartJSON is c as the JSON that static/js/charts.js draws. A Chart holds strings, numbers and
// dates only, which always marshal.
func chartJSON(c Chart) string {
	b, err := json.Marshal(c)
	if err != nil {
		panic("views: chart " + c.ID + ": " + err.Error())
	}
	return string(b)
}
