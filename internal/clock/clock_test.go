package clock

import (
	"testing"
	"time"
)

// TestFixedStopsTheBusinessClockOnly (X3): -now fixes the business day; the wall clock keeps
// reading the real time, in UTC.
func TestFixedStopsTheBusinessClockOnly(t *testing.T) {
	day := time.Date(2026, 6, 15, 10, 0, 0, 0, time.FixedZone("CEST", 2*3600))
	c := Fixed(day)
	if got := c.Business(); !got.Equal(day) || got.Location() != time.UTC {
		t.Errorf("business clock = %v, want %v in UTC", got, day)
	}
	for _, clocks := range []Clocks{c, Real()} {
		if got := clocks.Wall(); time.Since(got).Abs() > time.Minute || got.Location() != time.UTC {
			t.Errorf("wall clock = %v, want the real time in UTC", got)
		}
	}
	if got := Real().Business(); time.Since(got).Abs() > time.Minute {
		t.Errorf("real business clock = %v, want the real time", got)
	}
}
