package money

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// referenceString is how String rendered amounts before Append (M16's exact digits): the
// six-digit fraction with its trailing zeros dropped down to two.
func referenceString(a Amount) string {
	m := uint64(a.micros)
	sign := ""
	if a.micros < 0 {
		sign, m = "-", -m
	}
	frac := strings.TrimRight(fmt.Sprintf("%06d", m%unit), "0")
	for len(frac) < 2 {
		frac += "0"
	}
	return sign + strconv.FormatUint(m/unit, 10) + "." + frac
}

// TestAppendWritesWhatStringAlwaysWrote checks the allocation-free rendering against the
// reference on the edges and on random amounts of every magnitude (M16).
func TestAppendWritesWhatStringAlwaysWrote(t *testing.T) {
	micros := []int64{0, 1, -1, 10, 100, 1_000, 10_000, 100_000, 500_000, 1_000_000, 1_230_000, -25_500_000,
		123_456_789, 999_999, -999_999, math.MaxInt64, math.MinInt64, math.MinInt64 + 1}
	r := rand.New(rand.NewPCG(10, 25))
	for range 5000 {
		v := r.Int64N(math.MaxInt64) >> r.IntN(63)
		if r.IntN(2) == 0 {
			v = -v
		}
		micros = append(micros, v, v/1000*1000, v/100_000*100_000)
	}
	for _, m := range micros {
		a := Amount{m}
		want := referenceString(a)
		if got := string(a.Append([]byte("x"))); got != "x"+want {
			t.Fatalf("Append(%d) = %q, want %q", m, got, "x"+want)
		}
		if got := a.String(); got != want {
			t.Fatalf("String(%d) = %q, want %q", m, got, want)
		}
	}
}
