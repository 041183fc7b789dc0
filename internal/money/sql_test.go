package money

import (
	"database/sql"
	"database/sql/driver"
	"testing"
)

var (
	_ sql.Scanner   = (*Amount)(nil)
	_ driver.Valuer = Amount{}
)

// TestAmountSQL: an amount goes to the database as its micro-units and comes back from every
// form a driver gives an integer in (M16: exact, no float).
func TestAmountSQL(t *testing.T) {
	a := MustParse("-1234.000005")
	if v, err := a.Value(); err != nil || v != int64(-1_234_000_005) {
		t.Errorf("Value: %v %v", v, err)
	}
	for _, src := range []any{int64(-1_234_000_005), "-1234000005", []byte("-1234000005")} {
		var got Amount
		if err := got.Scan(src); err != nil || got != a {
			t.Errorf("Scan(%#v): %s %v", src, got, err)
		}
	}
	for _, src := range []any{nil, 1.5, "12.5", []byte("x")} {
		var got Amount
		if err := got.Scan(src); err == nil {
			t.Errorf("Scan(%#v): no error", src)
		}
	}
}
