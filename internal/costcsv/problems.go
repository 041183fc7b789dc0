package costcsv

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// MaxProblems is how many problems Parse reports before summing up the rest as "and N more".
const MaxProblems = 100

// Problem is one bad cell or line of an export (DOMAIN X2). Line is 1-based, the header being
// line 1, or 0 for the file as a whole; Column is the canonical header name of the bad cell, or
// "" when the whole line is at fault.
type Problem struct {
	Line    int
	Column  string
	Message string
}

// Error renders the problem as `line 7, column costInBillingCurrency: not a number: "abc"`.
func (p Problem) Error() string {
	var b strings.Builder
	if p.Line > 0 {
		b.WriteString("line " + strconv.Itoa(p.Line))
	}
	if p.Column != "" {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString("column " + p.Column)
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	return b.String()
}

// Problems is every problem found in an export, sorted by line, one per line. Parse returns it
// as its error; use errors.As to get at the list.
type Problems = fault.Lines[Problem]

// collector keeps the first MaxProblems problems and counts the rest, so that a million bad
// lines cost a counter, not a million messages.
type collector struct {
	list Problems
	more int
}

func (c *collector) add(line int, column, format string, args ...any) {
	if len(c.list) >= MaxProblems {
		c.more++
		return
	}
	c.list = append(c.list, Problem{Line: line, Column: column, Message: fmt.Sprintf(format, args...)})
}

func (c *collector) empty() bool { return len(c.list) == 0 }

// err returns the problems sorted by line (stable, so one line's cells stay in column order),
// or nil when there are none.
func (c *collector) err() error {
	if c.empty() {
		return nil
	}
	out := slices.Clone(c.list)
	slices.SortStableFunc(out, func(a, b Problem) int { return a.Line - b.Line })
	if c.more > 0 {
		out = append(out, Problem{Message: fmt.Sprintf("and %d more problems", c.more)})
	}
	return out
}
