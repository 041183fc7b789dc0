package costcsv

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/creditdesk/creditdesk/internal/money"
)

// String names a key in a message: `PBFV-…'s "Virtual Machines" (Azure, eligible) on 2026-05-03`.
func (k Key) String() string {
	elig := "eligible"
	if !k.Eligible {
		elig = "not eligible"
	}
	return fmt.Sprintf("%s's %s (%s, %s) on %s", k.Profile, quote(k.Product), k.Publisher, elig, k.Date)
}

// NegativeNet is the problem of a key whose lines net below zero after refunds, reported at its
// last line, last; first holds its first line numbers in order (at least one, MaxListedLines
// are listed) and count how many lines it has in all.
func NegativeNet(k Key, net money.Amount, first []int, count, last int) Problem {
	return Problem{Line: last, Column: colCost, Message: fmt.Sprintf(
		"%s nets %s after refunds (%s): a refund cannot exceed the charges of its day", k, net, lineList(first, count))}
}

// MaxListedLines is how many line numbers a problem about several lines lists.
const MaxListedLines = 10

// lineList renders line numbers, at most MaxListedLines of count: "line 4" or "lines 4, 9".
func lineList(lines []int, count int) string {
	if count == 1 {
		return "line " + strconv.Itoa(lines[0])
	}
	parts := make([]string, 0, MaxListedLines+1)
	for i, l := range lines {
		if i == MaxListedLines {
			break
		}
		parts = append(parts, strconv.Itoa(l))
	}
	if count > len(parts) {
		parts = append(parts, fmt.Sprintf("and %d more", count-len(parts)))
	}
	return "lines " + strings.Join(parts, ", ")
}
