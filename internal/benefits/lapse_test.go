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
			got, err := MonthlyHistory(monthly(amt, act), usage, tt.now)
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
	got, err := MonthlyHistory(monthly(amt, act), []Usage{{At: at("2026-02-27T00:00:00Z"), Amount: money.MustParse("0.25")}},
		at("2030-01-01T00:00:00Z"))
	if err != nil || len(got) != MonthlyValidityMonths {
		t.Fatalf("got %d months, %v; want 13", len(got), err)
	}
	if !got[1].Start.Equal(at("2026-02-28T12:00:00Z")) || !got[2].Start.Equal(at("2026-03-31T12:00:00Z")) {
		t.Errorf("month starts %s, %s: want clamped to 28 Feb, back to 31 Mar", got[1].Start, got[2].Start)
	}
	if b := monthly(amt, act); !got[12].End.Equal(ExpiresAt(b)) {
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

// TestMonthlyHistoryEndsWithTheMembership: P11 (ratified), a monthly credit activated
// 2026-03-10 whose membership ends 2027-02-04 flows until the end of that day, not for 13
// months: its last month is cut short there, and no month starts after it.
func TestMonthlyHistoryEndsWithTheMembership(t *testing.T) {
	b := monthly(money.FromUnits(100), at("2026-03-10T09:00:00Z"))
	b.EndDate = day("2027-02-04")
	got, err := MonthlyHistory(b, []Usage{{At: at("2027-02-04T20:00:00Z"), Amount: money.FromUnits(30)},
		{At: at("2027-02-05T00:00:00Z"), Amount: money.FromUnits(40)}}, at("2028-01-01T00:00:00Z"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 11 {
		t.Fatalf("%d months, want 11: the 11th (from 2027-01-10) ends with the end date", len(got))
	}
	last := got[10]
	if !last.Start.Equal(at("2027-01-10T09:00:00Z")) || !last.End.Equal(day("2027-02-05")) || !last.End.Equal(ExpiresAt(b)) {
		t.Errorf("last month %s to %s, want 2027-01-10 09:00 to the end of 2027-02-04", last.Start, last.End)
	}
	if last.Used != money.FromUnits(30) || last.Lapsed != money.FromUnits(70) || !last.Closed {
		t.Errorf("last month %+v: want the usage of Feb 4 only, the rest lapsed", last)
	}
}

// monthly is an activated monthly credit of amount per month whose membership outlasts its
// 13 months, so that the 13 months decide (P11).
func monthly(amount money.Amount, activated time.Time) Benefit {
	b := benefit("m", AzureMonthlyCredit)
	b.Amount, b.ActivatedAt, b.RedeemedAt = amount, activated, activated
	b.StartDate, b.EndDate = civilDay(activated), civilDay(activated).AddDate(5, 0, 0)
	return b
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
			b := monthly(tt.amount, tt.act)
			b.ActivatedAt = tt.act
			got, err := MonthlyHistory(b, tt.usage, now)
			checkRule(t, err, tt.wantRule, tt.wantField)
			if len(got) != tt.wantLen {
				t.Errorf("%d months, want %d", len(got), tt.wantLen)
			}
		})
	}
}
