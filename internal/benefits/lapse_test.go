package benefits

import (
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/money"
)

// TestMonthlyHistory covers P3: each month grants the allotment, usage is covered up to it,
// what is left lapses at the month's end and never carries over; P11: 13 months only.
func TestMonthlyHistory(t *testing.T) {
	act := at("2026-03-10T09:00:00Z")
	amt := money.FromUnits(100)
	u := func(t string, units int64) Usage { return Usage{At: at(t), Amount: money.FromUnits(units)} }
	usage := []Usage{
		u("2026-03-09T00:00:00Z", 999), // before activation: not against the credit
		u("2026-03-10T09:00:00Z", 30), u("2026-04-01T00:00:00Z", 20),
		u("2026-04-10T09:00:00Z", 150), // exactly at month 2's start: month 2
		u("2026-05-11T00:00:00Z", 10),
		u("2027-04-10T09:00:00Z", 500), // after the 13 months: ignored
	}
	type row struct {
		used, uncovered, lapsed, remaining int64
		closed                             bool
	}
	tests := []struct {
		name string
		now  time.Time
		want []row
	}{
		{"before activation", at("2026-03-10T08:59:59Z"), nil},
		{"at activation", act, []row{{30, 0, 0, 70, false}}},
		{"P3 last instant of month 1", at("2026-04-10T08:59:59.999999999Z"), []row{{50, 0, 0, 50, false}}},
		{"P3 month 1 lapses exactly at its end", at("2026-04-10T09:00:00Z"),
			[]row{{50, 0, 50, 0, true}, {100, 50, 0, 0, false}}},
		{"P3 month 3 running", at("2026-05-20T00:00:00Z"),
			[]row{{50, 0, 50, 0, true}, {100, 50, 0, 0, true}, {10, 0, 0, 90, false}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MonthlyHistory(amt, act, usage, tt.now)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("%d months, want %d", len(got), len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				gr := row{g.Used.Micros() / 1e6, g.Uncovered.Micros() / 1e6, g.Lapsed.Micros() / 1e6,
					g.Remaining.Micros() / 1e6, g.Closed}
				if gr != w || g.Number != i+1 || g.Allotment != amt {
					t.Errorf("month %d = %+v, want %+v with a full allotment", i+1, gr, w)
				}
			}
		})
	}
}

// TestMonthlyHistoryFull: P11, after 13 months all months are closed, the last ends exactly
// when the credit expires, and nothing carries over (P3).
func TestMonthlyHistoryFull(t *testing.T) {
	act := at("2026-01-31T12:00:00Z")
	amt := money.MustParse("100.50")
	got, err := MonthlyHistory(amt, act, []Usage{{At: at("2026-02-27T00:00:00Z"), Amount: money.MustParse("0.25")}},
		at("2030-01-01T00:00:00Z"))
	if err != nil || len(got) != MonthlyValidityMonths {
		t.Fatalf("got %d months, %v; want 13", len(got), err)
	}
	if !got[1].Start.Equal(at("2026-02-28T12:00:00Z")) || !got[2].Start.Equal(at("2026-03-31T12:00:00Z")) {
		t.Errorf("month starts %s, %s: want clamped to 28 Feb, back to 31 Mar", got[1].Start, got[2].Start)
	}
	b := redeemed(benefit("b", AzureMonthlyCredit), raj, act)
	if !got[12].End.Equal(ExpiresAt(b)) {
		t.Errorf("last month ends %s, credit expires %s", got[12].End, ExpiresAt(b))
	}
	total := money.Zero
	for i, m := range got {
		if !m.Closed || i > 0 && !m.Start.Equal(got[i-1].End) {
			t.Errorf("month %d: closed %v, start %s", m.Number, m.Closed, m.Start)
		}
		total = total.Add(m.Lapsed)
	}
	if want := money.MustParse("1306.25"); total != want { // 13 × 100.50 − 0.25
		t.Errorf("total lapsed %s, want %s", total, want)
	}
}

func TestMonthlyHistoryInput(t *testing.T) {
	act := day("2026-03-10")
	now := day("2026-06-01")
	tests := []struct {
		name      string
		amount    money.Amount
		act       time.Time
		usage     []Usage
		wantRule  string
		wantField string
		wantLen   int
	}{
		{"X2 zero amount", money.Zero, act, nil, RuleInput, FieldAmount, 0},
		{"X2 negative amount", money.FromUnits(-5), act, nil, RuleInput, FieldAmount, 0},
		{"X2 negative usage", money.FromUnits(100), act, []Usage{{At: act, Amount: money.FromUnits(-1)}}, RuleInput, FieldUsage, 0},
		{"not activated", money.FromUnits(100), time.Time{}, nil, "", "", 0},
		{"zero usage", money.FromUnits(100), act, nil, "", "", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := MonthlyHistory(tt.amount, tt.act, tt.usage, now)
			checkRule(t, err, tt.wantRule, tt.wantField)
			if len(got) != tt.wantLen {
				t.Errorf("%d months, want %d", len(got), tt.wantLen)
			}
		})
	}
}
