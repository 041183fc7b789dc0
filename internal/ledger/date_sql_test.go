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
