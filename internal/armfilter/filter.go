// Package armfilter parses the subset of OData $filter that the Azure Consumption lots and
// events APIs document (contract §2): comparisons with eq, lt, gt, le or ge, joined by and.
// Property names, operators and the and keyword are matched case-insensitively (AND, Eq); or,
// not, ne and parentheses are refused with a message that says so. The package is pure and never
// panics: every bad input is an *Error giving the position and what is wrong.
package armfilter

import (
	"fmt"
	"strings"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// Op is a comparison operator, always lower-case.
type Op string

// The operators of the documented subset.
const (
	Eq Op = "eq"
	Lt Op = "lt"
	Gt Op = "gt"
	Le Op = "le"
	Ge Op = "ge"
)

// Cond is one comparison: Property Op Value.
type Cond struct {
	Property string // lower-case, as written otherwise ("lotsource", "properties/status")
	Op       Op
	Value    string // the literal, without quotes and with '' unescaped
}

// Limits that keep a filter cheap to parse and to run.
const (
	MaxLength     = 2000 // bytes
	MaxConditions = 16
)

// Error is a filter that does not parse: Pos is the byte offset where the problem starts.
type Error struct {
	Pos int
	Msg string
}

// Error says where and what, counting characters from 1 as people do.
func (e *Error) Error() string { return fmt.Sprintf("at character %d: %s", e.Pos+1, e.Msg) }

// Parse reads a filter such as "status eq 'active' AND source eq 'consumptioncommitment'".
// An empty or blank filter is no condition at all.
func Parse(s string) ([]Cond, error) {
	if len(s) > MaxLength {
		return nil, &Error{Pos: MaxLength, Msg: fmt.Sprintf("the filter is longer than %d characters", MaxLength)}
	}
	p := parser{lex: lexer{src: s}}
	if p.lex.peek().kind == tokEOF {
		return nil, nil
	}
	var out []Cond
	for {
		c, err := p.cond()
		if err != nil {
			return nil, err
		}
		out = append(out, c)
		if len(out) > MaxConditions {
			return nil, &Error{Pos: p.lex.pos, Msg: fmt.Sprintf("more than %d conditions", MaxConditions)}
		}
		t := p.lex.next()
		switch {
		case t.kind == tokEOF:
			return out, nil
		case t.isWord("and"):
			continue
		case t.isWord("or"):
			return nil, &Error{Pos: t.pos, Msg: "'or' is not supported: only conditions joined by 'and' are"}
		}
		return nil, &Error{Pos: t.pos, Msg: fmt.Sprintf("expected 'and' or the end of the filter, found %s", t.describe())}
	}
}

// parser reads conditions from the token stream.
type parser struct{ lex lexer }

// cond reads "property op value".
func (p *parser) cond() (Cond, error) {
	t := p.lex.next()
	switch {
	case t.kind == tokOpen:
		return Cond{}, &Error{Pos: t.pos, Msg: "parentheses are not supported"}
	case t.isWord("not"):
		return Cond{}, &Error{Pos: t.pos, Msg: "'not' is not supported"}
	case t.kind != tokWord || !isLetter(t.text[0]):
		return Cond{}, &Error{Pos: t.pos, Msg: fmt.Sprintf("expected a property name, found %s", t.describe())}
	}
	c := Cond{Property: strings.ToLower(t.text)}
	op := p.lex.next()
	if op.kind != tokWord {
		return Cond{}, &Error{Pos: op.pos, Msg: fmt.Sprintf("expected an operator (eq, lt, gt, le, ge) after %s, found %s", t.text, op.describe())}
	}
	switch o := Op(strings.ToLower(op.text)); o {
	case Eq, Lt, Gt, Le, Ge:
		c.Op = o
	case "ne":
		return Cond{}, &Error{Pos: op.pos, Msg: "'ne' is not supported: use eq, lt, gt, le or ge"}
	default:
		return Cond{}, &Error{Pos: op.pos, Msg: fmt.Sprintf("unknown operator %q: use eq, lt, gt, le or ge", fault.Clip(op.text))}
	}
	v := p.lex.next()
	switch v.kind {
	case tokString, tokWord:
		c.Value = v.text
		return c, nil
	case tokBadString:
		return Cond{}, &Error{Pos: v.pos, Msg: "a quoted value is not closed: end it with '"}
	}
	return Cond{}, &Error{Pos: v.pos, Msg: fmt.Sprintf("expected a value after %s %s, found %s", t.text, c.Op, v.describe())}
}

func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }
