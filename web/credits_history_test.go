package web

import (
	"slices"
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// TestWeekClosings: the balance over time keeps the last closing balance of each Monday-to-Sunday
// week, so the settled line ends each week where the daily one does: a closing balance, never
// an average.
func TestWeekClosings(t *testing.T) {
	day := func(s string, units int64) ledger.DayAmount {
		return ledger.DayAmount{Date: ledger.MustDate(s), Amount: money.FromUnits(units)}
	}
	in := []ledger.DayAmount{
		day("2026-11-02", 100), day("2026-11-04", 90), day("2026-11-08", 80), // Mon, Wed, Sun
		day("2026-11-09", 70),                        // Mon of the next week, alone in it
		day("2026-11-23", 60), day("2026-11-24", 50), // two weeks later
		day("1999-12-31", 5), // before the week count's Monday: a week of its own
	}
	got := weekClosings(in[:6])
	want := []ledger.DayAmount{in[2], in[3], in[5]}
	if !slices.Equal(got, want) {
		t.Errorf("weekClosings = %v, want %v", got, want)
	}
	if got := weekClosings([]ledger.DayAmount{in[6], in[0]}); len(got) != 2 {
		t.Errorf("a day in 1999 and one in 2026 are in different weeks: %v", got)
	}
	if got := weekClosings(nil); got != nil {
		t.Errorf("no days give no points: %v", got)
	}
}
