package costcsv

import (
	"slices"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// MaxProblems is how many problems a Collector keeps before summing up the rest as "and N more".
const MaxProblems = 100

// Problem is one bad cell or line of an export (DOMAIN X2). Line is 1-based, the header being
// line 1, or 0 for the file as a whole; Column is the canonical header name of the bad cell, or
// "" when the whole line is at fault. Said is what is wrong, as a message (one of the Key
// constants, or a store's) that the views word; Said names neither the line nor the column,
// which Message adds.
type Problem struct {
	Line   int
	Column string
	Said   fault.Message
}

// Message is the problem with where it is: "line {0}, column {1}: {2}" (KeyAtCell), "line {0}:
// {1}" (KeyAtLine), or what it says alone for the file as a whole.
func (p Problem) Message() fault.Message {
	switch {
	case p.Line > 0 && p.Column != "":
		return fault.Say(KeyAtCell, p.Line, fault.Code(p.Column), p.Said)
	case p.Line > 0:
		return fault.Say(KeyAtLine, p.Line, p.Said)
	}
	return p.Said
}

// Error renders the problem for logs, its message as a key and values:
// `costcsv.at_cell(7, costInBillingCurrency, costcsv.not_number("abc"))`; people read it in
// words through the views.
func (p Problem) Error() string { return p.Message().String() }

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

// Add records a problem at line (0: the whole file) and column ("" for the whole line) that
// says key with args.
func (c *Collector) Add(line int, column, key string, args ...any) {
	c.add(line, column, fault.Say(key, args...))
}

// add records a problem at line and column that says said.
func (c *Collector) add(line int, column string, said fault.Message) {
	if len(c.list) >= MaxProblems {
		c.more++
		return
	}
	c.list = append(c.list, Problem{Line: line, Column: column, Said: said})
}

// Room is how many more problems the Collector keeps; a checker words only that many and
// counts the rest with Skip.
func (c *Collector) Room() int { return MaxProblems - len(c.list) }

// Skip counts n problems beyond those kept, without their words.
func (c *Collector) Skip(n int) { c.more += n }

// Empty reports whether no problem was found.
func (c *Collector) Empty() bool { return len(c.list) == 0 }

// Err returns the problems sorted by line (stable, so one line's cells stay in column order)
// with a last one counting those not kept (KeyMore), or nil when there are none.
func (c *Collector) Err() error {
	if c.Empty() {
		return nil
	}
	out := slices.Clone(c.list)
	slices.SortStableFunc(out, func(a, b Problem) int { return a.Line - b.Line })
	if c.more > 0 {
		out = append(out, Problem{Said: fault.Say(KeyMore, c.more)})
	}
	return out
}
