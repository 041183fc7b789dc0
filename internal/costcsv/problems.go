package costcsv

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// MaxProblems is how many problems a Collector keeps before summing up the rest as "and N more".
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

// Problems is every problem found in an export, sorted by line, one per line: what
// Collector.Err returns, and what an import refused for its content returns as its error; use
// errors.As to get at it.
type Problems = fault.Lines[Problem]

// Collector gathers the problems of one export, from the Scanner and from whoever checks its
// lines further (the store: unknown profiles, invoiced months), so that one answer names them
// all. It keeps the first MaxProblems problems and counts the rest, so that a million bad lines
// cost a counter, not a million messages. The zero value is ready to use.
type Collector struct {
	list Problems
	more int
}

// Add records a problem at line (0: the whole file) and column ("" for the whole line).
func (c *Collector) Add(line int, column, format string, args ...any) {
	if len(c.list) >= MaxProblems {
		c.more++
		return
	}
	c.list = append(c.list, Problem{Line: line, Column: column, Message: fmt.Sprintf(format, args...)})
}

// Room is how many more problems the Collector keeps; a checker words only that many and
// counts the rest with Skip.
func (c *Collector) Room() int { return MaxProblems - len(c.list) }

// Skip counts n problems beyond those kept, without their words.
func (c *Collector) Skip(n int) { c.more += n }

// Empty reports whether no problem was found.
func (c *Collector) Empty() bool { return len(c.list) == 0 }

// Err returns the problems sorted by line (stable, so one line's cells stay in column order)
// with a last one counting those not kept, or nil when there are none.
func (c *Collector) Err() error {
	if c.Empty() {
		return nil
	}
	out := slices.Clone(c.list)
	slices.SortStableFunc(out, func(a, b Problem) int { return a.Line - b.Line })
	if c.more > 0 {
		out = append(out, Problem{Message: fmt.Sprintf("and %d more problems", c.more)})
	}
	return out
}
