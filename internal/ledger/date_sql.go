package ledger

import (
	"database/sql/driver"
	"fmt"
	"time"
)

// Value stores the date as YYYY-MM-DD text (database/sql/driver.Valuer), which compares and
// sorts as a date on every database; the zero Date ("no date") is stored as "".
func (d Date) Value() (driver.Value, error) {
	if d.IsZero() {
		return "", nil
	}
	return d.String(), nil
}

// Value stores the month as YYYY-MM text (database/sql/driver.Valuer), which sorts as a month.
func (p Period) Value() (driver.Value, error) { return p.String(), nil }

// Scan reads a month stored by Value (database/sql.Scanner).
func (p *Period) Scan(src any) error {
	s, ok := storedText(src)
	if !ok {
		return fmt.Errorf("ledger: cannot scan %T into a month", src)
	}
	v, err := ParsePeriod(s)
	if err != nil {
		return fmt.Errorf("ledger: stored month %q: %w", s, err)
	}
	*p = v
	return nil
}

// Scan reads a date stored by Value (database/sql.Scanner): "" is the zero Date. A driver that
// gives a time instead of text yields its UTC date.
func (d *Date) Scan(src any) error {
	if t, ok := src.(time.Time); ok {
		*d = DateOf(t)
		return nil
	}
	s, ok := storedText(src)
	if !ok {
		return fmt.Errorf("ledger: cannot scan %T into a date", src)
	}
	if s == "" {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(s)
	if err != nil {
		return fmt.Errorf("ledger: stored %w", err)
	}
	*d = v
	return nil
}

// storedText is a column's value as the text a driver gives it (a string or bytes).
func storedText(src any) (string, bool) {
	switch v := src.(type) {
	case string:
		return v, true
	case []byte:
		return string(v), true
	}
	return "", false
}
