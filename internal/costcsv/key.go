package costcsv

import (
	"strconv"
	"strings"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/money"
)

// Said names a key in a message: `PBFV-…'s "Virtual Machines" (Azure, eligible) on 2026-05-03`
// (KeyTotal, or KeyTotalNot when not eligible).
func (k Key) Said() fault.Message {
	key := KeyTotal
	if !k.Eligible {
		key = KeyTotalNot
	}
	return fault.Say(key, fault.ID(k.Profile), cellValue(k.Product), string(k.Publisher), k.Date)
}

// NegativeNet is the problem of a key whose lines net below zero after refunds, reported at its
// last line, last; first holds its first line numbers in order (at least one, MaxListedLines
// are listed) and count how many lines it has in all.
func NegativeNet(k Key, net money.Amount, first []int, count, last int) Problem {
	return Problem{Line: last, Column: colCost, Said: fault.Say(KeyNegativeNet, k.Said(), net, lineList(first, count))}
}

// MaxListedLines is how many line numbers a problem about several lines lists.
const MaxListedLines = 10

// lineList says line numbers, at most MaxListedLines of count: "line 4" (KeyOneLine), "lines 4,
// 9" (KeyLines), "lines 4, 9, … and 3 more" (KeyLinesAndMore).
func lineList(lines []int, count int) fault.Message {
	if count == 1 {
		return fault.Say(KeyOneLine, lines[0])
	}
	parts := make([]string, 0, MaxListedLines)
	for _, l := range lines[:min(len(lines), MaxListedLines)] {
		parts = append(parts, strconv.Itoa(l))
	}
	listed := strings.Join(parts, ", ")
	if count > len(parts) {
		return fault.Say(KeyLinesAndMore, listed, count-len(parts))
	}
	return fault.Say(KeyLines, listed)
}
