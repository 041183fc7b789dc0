package money

import (
	"errors"
	"math"
	"math/bits"
)

// ErrOverflow reports a sum or product beyond the range of an Amount (about ±9.2 trillion
// units). It is an error, never a wrapped value: money that wrapped around would be a lie.
//
// Two kinds of arithmetic share that guarantee (DOMAIN M16, X2):
//
//   - AddChecked, SubChecked and MulChecked return ErrOverflow. Code summing amounts that no
//     limit has bounded yet (a file being read, the inputs of a ledger computation) uses them
//     and turns the error into a problem naming the field or line.
//   - Add, Sub and Neg panic with ErrOverflow. They are for amounts that the documented limits
//     (money.Limit per amount, the per-file, per-month and per-profile limits of the ledger and
//     the cost import) already keep far from the range, so the panic is unreachable unless a
//     limit is missing: a bug that must stop the computation rather than store wrong money.
var ErrOverflow = errors.New("money: amount out of range")

// AddChecked returns a + b, or ErrOverflow when the sum does not fit in an Amount.
func (a Amount) AddChecked(b Amount) (Amount, error) {
	s := a.micros + b.micros
	// Signed overflow happened exactly when both operands have the sign the result lacks.
	if (a.micros^s)&(b.micros^s) < 0 {
		return Zero, ErrOverflow
	}
	return Amount{micros: s}, nil
}

// SubChecked returns a - b, or ErrOverflow when the difference does not fit in an Amount.
func (a Amount) SubChecked(b Amount) (Amount, error) {
	d := a.micros - b.micros
	// Overflow happened exactly when the operands differ in sign and the result has b's sign.
	if (a.micros^b.micros)&(a.micros^d) < 0 {
		return Zero, ErrOverflow
	}
	return Amount{micros: d}, nil
}

// MulChecked returns a × n (a count of days, of units), or ErrOverflow when the product does
// not fit in an Amount.
func (a Amount) MulChecked(n int64) (Amount, error) {
	if a.micros == 0 || n == 0 {
		return Zero, nil
	}
	neg := (a.micros < 0) != (n < 0)
	hi, lo := bits.Mul64(absU(a.micros), absU(n))
	limit := uint64(math.MaxInt64)
	if neg {
		limit++ // the most negative int64 has no positive counterpart
	}
	if hi != 0 || lo > limit {
		return Zero, ErrOverflow
	}
	if neg {
		return Amount{micros: int64(-lo)}, nil // lo <= 2^63: its negation fits
	}
	return Amount{micros: int64(lo)}, nil
}

// absU is |x| as an unsigned number, right for the most negative int64 too.
func absU(x int64) uint64 {
	if x < 0 {
		return -uint64(x)
	}
	return uint64(x)
}

// must returns a, or panics with err: the unchecked operations' guard (see ErrOverflow).
func must(a Amount, err error) Amount {
	if err != nil {
		panic(err)
	}
	return a
}
