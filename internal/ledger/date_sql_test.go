package ledger

import (
	"database/sql"
	"database/sql/driver"
	"testing"
	"time"
)

var (
	_ sql.Scanner   = (*Date)(nil)
	_ driver.Valuer = Date{}
	_ sql.Scanner   = (*Period)(nil)
	_ driver.Valuer = Period{}
)

// TestDateSQL: a date goes to the database as YYYY-MM-DD text (X3), "no date" as "", and comes
// back from text or a time.
func TestDateSQL(t *testing.T) {
	d := MustDate("2026-02-28")
	if v, err := d.Value(); err != nil || v != "2026-02-28" {
		t.Errorf("Value: %v %v", v, err)
	}
	if v, err := (Date{}).Value(); err != nil || v != "" {
		t.Errorf("zero Value: %#v %v", v, err)
	}
	for _, tt := range []struct {
		src  any
		want Date
	}{{"2026-02-28", d}, {[]byte("2026-02-28"), d}, {time.Date(2026, 2, 28, 23, 0, 0, 0, time.UTC), d}, {"", Date{}}} {
		got := MustDate("2000-01-01")
		if err := got.Scan(tt.src); err != nil || got != tt.want {
			t.Errorf("Scan(%#v): %s %v", tt.src, got, err)
		}
	}
	for _, src := range []any{nil, int64(3), "2026-02-30", "28/02/2026"} {
		var got Date
		if err := got.Scan(src); err == nil {
			t.Errorf("Scan(%#v): no error", src)
		}
	}
}

// TestPeriodSQL: an invoice's month goes to the database as YYYY-MM text, which sorts as a
// month (M9), and comes back from text; anything else is an error, not a zero month.
func TestPeriodSQL(t *testing.T) {
	p := Period{2026, time.February}
	if v, err := p.Value(); err != nil || v != "2026-02" {
		t.Errorf("Value: %v %v", v, err)
	}
	for _, src := range []any{"2026-02", []byte("2026-02")} {
		var got Period
		if err := got.Scan(src); err != nil || got != p {
			t.Errorf("Scan(%#v): %s %v", src, got, err)
		}
	}
	for _, src := range []any{nil, int64(3), "", "2026-13", "2026-02-01"} {
		var got Period
		if err := got.Scan(src); err == nil {
			t.Errorf("Scan(%#v): no error", src)
		}
	}
}
