package keptcache

import (
	"testing"
	"time"
)

// TestSpanHolds: benefit totals are shown only at the version they were computed at and from
// their instant until, excluded, the next status change (P8, P3); without one, for ever.
func TestSpanHolds(t *testing.T) {
	t.Parallel()
	at := time.Date(2026, 7, 10, 9, 0, 0, 0, time.UTC)
	until := at.Add(time.Hour)
	kept := Span{Version: 8, At: at, Until: until}
	for _, tc := range []struct {
		name string
		l    Span
		r    Span
		want bool
	}{
		{"the interval's start", kept, Span{Version: 8, At: at}, true},
		{"inside the interval", kept, Span{Version: 8, At: until.Add(-time.Nanosecond)}, true},
		{"the interval's end", kept, Span{Version: 8, At: until}, false},
		{"before the interval", kept, Span{Version: 8, At: at.Add(-time.Nanosecond)}, false},
		{"another version", kept, Span{Version: 9, At: at}, false},
		{"the reader's end is not its own", kept, Span{Version: 8, At: at, Until: at.Add(time.Minute)}, true},
		{"no end", Span{Version: 8, At: at}, Span{Version: 8, At: at.AddDate(10, 0, 0)}, true},
	} {
		if got := tc.l.Holds(tc.r); got != tc.want {
			t.Errorf("%s: Holds = %v, want %v", tc.name, got, tc.want)
		}
	}
}
