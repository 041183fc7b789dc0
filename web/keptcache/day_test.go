package keptcache

import (
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// TestDayHolds: a ledger value is shown only at the version and on the business day it was
// computed for.
func TestDayHolds(t *testing.T) {
	t.Parallel()
	day, next := ledger.MustDate("2026-07-10"), ledger.MustDate("2026-07-11")
	kept := Day{Version: 8, Today: day}
	for _, tc := range []struct {
		name string
		r    Day
		want bool
	}{
		{"same version, same day", Day{Version: 8, Today: day}, true},
		{"newer version", Day{Version: 9, Today: day}, false},
		{"older version", Day{Version: 7, Today: day}, false},
		{"next day", Day{Version: 8, Today: next}, false},
	} {
		if got := kept.Holds(tc.r); got != tc.want {
			t.Errorf("%s: Holds = %v, want %v", tc.name, got, tc.want)
		}
	}
}

// TestDayOfAVersionNotRead: a profile whose version was not read (0) gives no label to keep
// under; any version read does.
func TestDayOfAVersionNotRead(t *testing.T) {
	t.Parallel()
	day := ledger.MustDate("2026-07-10")
	if l, ok := DayOf(0, day); ok || l != (Day{Today: day}) {
		t.Errorf("DayOf(0) = %+v, %v; want not versioned", l, ok)
	}
	if l, ok := DayOf(1, day); !ok || l != (Day{Version: 1, Today: day}) {
		t.Errorf("DayOf(1) = %+v, %v; want version 1 of the day", l, ok)
	}
}
