package money

import (
	"database/sql/driver"
	"fmt"
	"strconv"
)

// Value stores the amount as its integer count of micro-units (database/sql/driver.Valuer), so
// an Amount is a plain BIGINT column on every database.
func (a Amount) Value() (driver.Value, error) { return a.micros, nil }

// Scan reads an amount stored as micro-units (database/sql.Scanner): an integer, or its decimal
// text as some drivers give a SUM. NULL is refused: an amount column is never NULL.
func (a *Amount) Scan(src any) error {
	switch v := src.(type) {
	case int64:
		a.micros = v
		return nil
	case []byte:
		return a.scanText(string(v))
	case string:
		return a.scanText(v)
	}
	return fmt.Errorf("money: cannot scan %T into an amount", src)
}

// scanText reads micro-units written as a decimal integer.
func (a *Amount) scanText(s string) error {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return fmt.Errorf("money: stored amount %q: %w", s, ErrSyntax)
	}
	a.micros = n
	return nil
}
