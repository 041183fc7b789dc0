package ledger

import (
	"encoding/json"
	"errors"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	tests := []struct {
		in, want string // want "" means an error
	}{
		{"2026-05-31", "2026-05-31"},
		{"2024-02-29", "2024-02-29"},
		{"0001-01-01", "0001-01-01"},
		{"1969-12-31", "1969-12-31"},
		{"2026-05-10T23:30:00-02:00", "2026-05-11"}, // X3: an instant's UTC date
		{"2026-05-10T00:30:00+02:00", "2026-05-09"},
		{"2026-05-10T12:00:00Z", "2026-05-10"},
		{"2026-02-29", ""},
		{"2026-5-1", ""},
		{"2026-13-01", ""},
		{"05/10/2026", ""},
		{"", ""},
		{"2026-05-10 12:00", ""},
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("ParseDate(%q) = %s, want an error", tt.in, got)
		case tt.want != "" && err != nil:
			t.Errorf("ParseDate(%q): %v", tt.in, err)
		case tt.want != "" && got.String() != tt.want:
			t.Errorf("ParseDate(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestParseDay: X2: a typed date is exactly YYYY-MM-DD; anything else, an instant included, is
// an InputError naming the field.
func TestParseDay(t *testing.T) {
	if d, err := ParseDay("from", "2024-02-29"); err != nil || d != NewDate(2024, time.February, 29) {
		t.Errorf("ParseDay(2024-02-29) = %s, %v", d, err)
	}
	for _, in := range []string{"", "2026-02-29", "2026-5-01", "2026-13-01", "15/06/2026", "2026-05-10T12:00:00Z", " 2026-05-10"} {
		_, err := ParseDay("from", in)
		if ie, ok := errors.AsType[*InputError](err); !ok || ie.Field != "from" || ie.Message.Key != KeyDay {
			t.Errorf("ParseDay(%q): %v, want an InputError about from", in, err)
		}
	}
}

func TestDateArithmetic(t *testing.T) {
	tests := []struct {
		name string
		got  Date
		want string
	}{
		{"add days across a year", day("2026-12-30").AddDays(3), "2027-01-02"},
		{"subtract days", day("2026-03-01").AddDays(-1), "2026-02-28"},
		{"leap day", day("2024-02-28").AddDays(1), "2024-02-29"},
		{"add a month clamps to the month end", day("2026-01-31").AddMonths(1), "2026-02-28"},
		{"add a month in a leap year", day("2024-01-31").AddMonths(1), "2024-02-29"},
		{"add twelve months", day("2024-02-29").AddMonths(12), "2025-02-28"},
		{"subtract months across a year", day("2026-03-31").AddMonths(-4), "2025-11-30"},
		{"new date normalises", NewDate(2026, time.February, 30), "2026-03-02"},
		{"date of an instant is its UTC date", DateOf(time.Date(2026, 5, 1, 1, 0, 0, 0, time.FixedZone("x", 3*3600))), "2026-04-30"},
		{"zero date", Date{}, "0001-01-01"},
	}
	for _, tt := range tests {
		if tt.got.String() != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, tt.got, tt.want)
		}
	}
}

func TestDateCompare(t *testing.T) {
	a, b := day("2026-05-01"), day("2026-05-02")
	if !a.Before(b) || a.After(b) || a.Compare(b) != -1 || b.Compare(a) != 1 || a.Compare(a) != 0 {
		t.Error("ordering of 2026-05-01 and 2026-05-02 is wrong")
	}
	if got := day("2027-01-01").DaysSince(day("2026-01-01")); got != 365 {
		t.Errorf("DaysSince: got %d, want 365", got)
	}
	if !(Date{}).IsZero() || a.IsZero() {
		t.Error("IsZero is wrong")
	}
	if got := day("2026-05-10").Time(); !got.Equal(time.Date(2026, 5, 10, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Time: got %v", got)
	}
	if y, m, d := day("2026-05-10").Civil(); y != 2026 || m != time.May || d != 10 {
		t.Errorf("Civil: got %d-%d-%d", y, m, d)
	}
}

func TestDateJSON(t *testing.T) {
	type row struct{ D Date }
	b, err := json.Marshal(row{day("2026-05-10")})
	if err != nil || string(b) != `{"D":"2026-05-10"}` {
		t.Fatalf("Marshal: got %s, %v", b, err)
	}
	var r row
	if err := json.Unmarshal(b, &r); err != nil || r.D != day("2026-05-10") {
		t.Errorf("Unmarshal: got %v, %v", r.D, err)
	}
	if err := json.Unmarshal([]byte(`{"D":"2026-02-30"}`), &r); err == nil {
		t.Error("Unmarshal of 2026-02-30: want an error")
	}
}

func TestPeriod(t *testing.T) {
	tests := []struct {
		period                 string
		first, last, next, prv string
		issueDay5              string
	}{
		{"2026-05", "2026-05-01", "2026-05-31", "2026-06", "2026-04", "2026-06-05"},
		{"2024-02", "2024-02-01", "2024-02-29", "2024-03", "2024-01", "2024-03-05"},
		{"2026-12", "2026-12-01", "2026-12-31", "2027-01", "2026-11", "2027-01-05"},
		{"2026-01", "2026-01-01", "2026-01-31", "2026-02", "2025-12", "2026-02-05"},
	}
	for _, tt := range tests {
		p, err := ParsePeriod(tt.period)
		if err != nil {
			t.Fatal(err)
		}
		got := []string{p.String(), p.First().String(), p.Last().String(), p.Next().String(), p.Prev().String(), p.IssueDate(5).String()}
		want := []string{tt.period, tt.first, tt.last, tt.next, tt.prv, tt.issueDay5}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: got %v, want %v", tt.period, got, want)
				break
			}
		}
		if !p.Contains(p.First()) || !p.Contains(p.Last()) || p.Contains(p.Last().AddDays(1)) || p.Contains(p.First().AddDays(-1)) {
			t.Errorf("%s: Contains is wrong at the edges", tt.period)
		}
		if p.Compare(p.Next()) != -1 || p.Next().Compare(p) != 1 || p.Compare(p) != 0 {
			t.Errorf("%s: Compare is wrong", tt.period)
		}
	}
	if got := PeriodOf(day("2026-05-31")); got != (Period{2026, time.May}) {
		t.Errorf("PeriodOf: got %v", got)
	}
	if _, err := ParsePeriod("2026-5"); err == nil {
		t.Error("ParsePeriod(2026-5): want an error")
	}
	// M9: invoice day 28 of the next month, also after February.
	if got := (Period{2026, time.January}).IssueDate(28); got != day("2026-02-28") {
		t.Errorf("IssueDate(28): got %s", got)
	}
}

func TestProfileDue(t *testing.T) {
	p := mustProfile(t, "2026-05") // invoice day 5
	tests := []struct {
		now  string
		want bool
	}{{"2026-06-04", false}, {"2026-06-05", true}, {"2026-09-01", true}, {"2026-05-20", false}}
	for _, tt := range tests {
		if got := p.Due(day(tt.now)); got != tt.want {
			t.Errorf("M9 Due(%s): got %v, want %v", tt.now, got, tt.want)
		}
	}
}

// TestInRange: the days data may be dated by, 2000-01-01 to 2099-12-31 (X2).
func TestInRange(t *testing.T) {
	for s, want := range map[string]bool{"1999-12-31": false, "2000-01-01": true, "2026-12-05": true,
		"2099-12-31": true, "2100-01-01": false, "0205-06-01": false, "0001-01-01": false} {
		if got := MustDate(s).InRange(); got != want {
			t.Errorf("%s: in range %v, want %v", s, got, want)
		}
	}
}
