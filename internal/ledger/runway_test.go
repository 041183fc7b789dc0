package ledger

import (
	"slices"
	"strings"
	"testing"
)

// flat returns n days of eligible charges of amount each, ending the day before now.
func flat(now string, n int, amount string) []DayAmount {
	out := make([]DayAmount, n)
	for i := range out {
		out[i] = DayAmount{Date: day(now).AddDays(-n + i), Amount: amt(amount)}
	}
	return out
}

func bal(id, start, expiration, balance string) LotBalance {
	return LotBalance{ID: id, StartDate: day(start), ExpirationDate: day(expiration), Balance: amt(balance)}
}

func TestForecastHistory(t *testing.T) {
	now := "2026-06-30"
	tests := []struct {
		name        string
		history     []DayAmount
		start       string // "" for none
		wantEnough  bool
		wantDays    int
		wantBurnStr string
	}{
		{"no data at all", nil, "", false, 0, "0"},
		{"13 days is not enough history", flat(now, 13, "10"), "2026-06-17", false, 13, "0"},
		{"14 days is enough", flat(now, 14, "10"), "2026-06-16", true, 14, "10"},
		{"start taken from the earliest day given", flat(now, 20, "10"), "", true, 20, "10"},
		{"days without charges count as zero", flat(now, 10, "10"), "2026-05-31", true, 30, "3.333333"},
		{"the window is the last 90 days", append(flat(now, 90, "1"), DayAmount{day("2026-03-01"), amt("1000")}),
			"2025-01-01", true, 90, "1"},
		{"today is left out", append(flat(now, 30, "2"), DayAmount{day(now), amt("1000")}), "2026-05-31", true, 30, "2"},
		{"sub-micro rates truncate", []DayAmount{{day("2026-06-01"), amt("0.000100")}}, "2026-01-01", true, 90, "0.000001"},
		{"a start after today", nil, "2026-07-10", false, 0, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := RunwayInput{History: tt.history, Now: day(now)}
			if tt.start != "" {
				in.HistoryStart = day(tt.start)
			}
			r := Forecast(in)
			if r.EnoughHistory != tt.wantEnough || r.HistoryDays != tt.wantDays || r.DailyBurn != amt(tt.wantBurnStr) {
				t.Errorf("got enough %v, days %d, burn %s; want %v, %d, %s",
					r.EnoughHistory, r.HistoryDays, r.DailyBurn, tt.wantEnough, tt.wantDays, tt.wantBurnStr)
			}
			if !r.EnoughHistory && (len(r.Lots) > 0 || !r.RunsOut.IsZero()) {
				t.Errorf("not enough history, yet a forecast: %+v", r)
			}
		})
	}
}

func TestForecastRunway(t *testing.T) {
	now := "2026-06-30" // the projection starts on 2026-07-01
	type lotWant struct {
		expires string
		emptyOn string
	}
	tests := []struct {
		name        string
		lots        []LotBalance
		burn        string // per day, over the last 90 days
		wantRunsOut string
		wantExpires string
		wantLots    []lotWant
	}{{
		name: "consumed before it expires", burn: "10",
		lots:        []LotBalance{bal("A", "2026-01-01", "2026-12-31", "100")},
		wantRunsOut: "2026-07-11", wantExpires: "0",
		wantLots: []lotWant{{"0", "2026-07-10"}},
	}, {
		name: "a partly covered day is the run-out day", burn: "10",
		lots:        []LotBalance{bal("A", "2026-01-01", "2026-12-31", "25")},
		wantRunsOut: "2026-07-03", wantExpires: "0",
		wantLots: []lotWant{{"0", "2026-07-03"}},
	}, {
		name: "M11 credit expires before it is consumed", burn: "10",
		lots:        []LotBalance{bal("B", "2026-01-01", "2026-12-31", "100"), bal("A", "2026-01-01", "2026-07-05", "100")},
		wantRunsOut: "2026-07-16", wantExpires: "50",
		wantLots: []lotWant{{"0", "2026-07-15"}, {"50", ""}},
	}, {
		name: "M8 a future lot resumes the runway after a gap", burn: "10",
		lots:        []LotBalance{bal("A", "2026-01-01", "2026-12-31", "30"), bal("C", "2026-08-01", "2026-12-31", "100")},
		wantRunsOut: "2026-07-04", wantExpires: "0",
		wantLots: []lotWant{{"0", "2026-07-03"}, {"0", "2026-08-10"}},
	}, {
		name: "M9 burn order in the projection", burn: "10",
		lots:        []LotBalance{bal("late", "2026-01-01", "2026-08-31", "100"), bal("soon", "2026-01-01", "2026-07-31", "100")},
		wantRunsOut: "2026-07-21", wantExpires: "0",
		wantLots: []lotWant{{"0", "2026-07-20"}, {"0", "2026-07-10"}},
	}, {
		name: "no burn: everything expires unused", burn: "0",
		lots:        []LotBalance{bal("A", "2026-01-01", "2026-12-31", "100"), bal("B", "2026-08-01", "2027-01-31", "7")},
		wantRunsOut: "", wantExpires: "107",
		wantLots: []lotWant{{"100", ""}, {"7", ""}},
	}, {
		name: "no credit: runs out tomorrow", burn: "10",
		lots:        []LotBalance{bal("A", "2026-01-01", "2026-12-31", "0")},
		wantRunsOut: "2026-07-01", wantExpires: "0",
		wantLots: []lotWant{{"0", ""}},
	}, {
		name: "credit left after the last expiry", burn: "1",
		lots:        []LotBalance{bal("A", "2026-01-01", "2026-07-10", "100")},
		wantRunsOut: "2026-07-11", wantExpires: "90",
		wantLots: []lotWant{{"90", ""}},
	}, {
		name: "a lot lasting decades (26,847 days, one segment)", burn: "0.000001",
		lots:        []LotBalance{bal("A", "2026-01-01", "2099-12-31", "1000000")},
		wantRunsOut: "2100-01-01", wantExpires: "999999.973153",
		wantLots: []lotWant{{"999999.973153", ""}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Forecast(RunwayInput{Lots: tt.lots, History: flat(now, 90, tt.burn), Now: day(now)})
			if !r.EnoughHistory || r.DailyBurn != amt(tt.burn) {
				t.Fatalf("burn: got %s (enough %v), want %s", r.DailyBurn, r.EnoughHistory, tt.burn)
			}
			gotRunsOut := ""
			if !r.RunsOut.IsZero() {
				gotRunsOut = r.RunsOut.String()
			}
			if gotRunsOut != tt.wantRunsOut || r.ExpiresUnused != amt(tt.wantExpires) {
				t.Errorf("runs out %q, expires unused %s; want %q, %s", gotRunsOut, r.ExpiresUnused, tt.wantRunsOut, tt.wantExpires)
			}
			var got []lotWant
			for _, l := range r.Lots {
				w := lotWant{expires: l.ExpiresUnused.String()}
				if !l.EmptyOn.IsZero() {
					w.emptyOn = l.EmptyOn.String()
				}
				got = append(got, w)
			}
			want := slices.Clone(tt.wantLots)
			for i := range want {
				want[i].expires = amt(want[i].expires).String()
			}
			if !slices.Equal(got, want) {
				t.Errorf("lots: got %v, want %v", got, want)
			}
			for i, l := range r.Lots {
				if l.ID != tt.lots[i].ID {
					t.Errorf("lot %d: got id %s, want %s", i, l.ID, tt.lots[i].ID)
				}
			}
		})
	}
}

// TestForecastPath: the projected path steps down at an expiry (M11) and at the run-out day,
// rises when a future lot starts (M12a), and falls by the burn rate in between.
func TestForecastPath(t *testing.T) {
	now := "2026-06-30"
	tests := []struct {
		name string
		lots []LotBalance
		burn string
		want string
	}{{
		name: "expiry then run out", burn: "10",
		lots: []LotBalance{bal("B", "2026-01-01", "2026-12-31", "100"), bal("A", "2026-01-01", "2026-07-05", "100")},
		want: "2026-07-01 200.00, 2026-07-06 150.00, 2026-07-06 100.00, 2026-07-16 0.00",
	}, {
		name: "a future lot resumes it", burn: "10",
		lots: []LotBalance{bal("A", "2026-01-01", "2026-12-31", "30"), bal("C", "2026-08-01", "2026-12-31", "100")},
		want: "2026-07-01 30.00, 2026-07-04 0.00, 2026-08-01 0.00, 2026-08-01 100.00, 2026-08-11 0.00",
	}, {
		name: "a partly covered day", burn: "10",
		lots: []LotBalance{bal("A", "2026-01-01", "2026-12-31", "25")},
		want: "2026-07-01 25.00, 2026-07-03 5.00, 2026-07-04 0.00",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Forecast(RunwayInput{Lots: tt.lots, History: flat(now, 90, tt.burn), Now: day(now)})
			var got []string
			for _, p := range r.Path {
				got = append(got, p.Date.String()+" "+p.Amount.String())
			}
			if s := strings.Join(got, ", "); s != tt.want {
				t.Errorf("path %s, want %s", s, tt.want)
			}
		})
	}
}

// TestForecastBalanceOn reads the projected balance between the path's points.
func TestForecastBalanceOn(t *testing.T) {
	r := Forecast(RunwayInput{Lots: []LotBalance{bal("B", "2026-01-01", "2026-12-31", "100"),
		bal("A", "2026-01-01", "2026-07-05", "100")}, History: flat("2026-06-30", 90, "10"), Now: day("2026-06-30")})
	for d, want := range map[string]string{"2026-06-01": "200", "2026-07-01": "200", "2026-07-05": "160",
		"2026-07-06": "100", "2026-07-10": "60", "2026-07-16": "0", "2026-12-31": "0"} {
		if got := r.BalanceOn(day(d)); got != amt(want) {
			t.Errorf("BalanceOn(%s) = %s, want %s", d, got, want)
		}
	}
}
