package armfilter

import (
	"fmt"
	"strings"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// tokenKind is what a token is.
type tokenKind int

const (
	tokEOF       tokenKind = iota
	tokWord                // a name, keyword or unquoted literal (2026-01-01, true, 12.5)
	tokString              // a single-quoted literal; text has the quotes removed
	tokBadString           // a quote that is never closed
	tokOpen                // ( or )
	tokOther               // any other character
)

// token is one lexeme with its byte offset.
type token struct {
	kind tokenKind
	text string
	pos  int
}

// isWord reports whether the token is the keyword w, case-insensitively.
func (t token) isWord(w string) bool { return t.kind == tokWord && strings.EqualFold(t.text, w) }

// describe names the token in an error message.
func (t token) describe() string {
	switch t.kind {
	case tokEOF:
		return "the end of the filter"
	case tokString:
		return fmt.Sprintf("'%s'", fault.Clip(t.text))
	case tokOpen, tokOther, tokBadString:
		return fmt.Sprintf("%q", fault.Clip(t.text))
	}
	return fmt.Sprintf("%q", fault.Clip(t.text))
}

// lexer splits a filter into tokens, one at a time.
type lexer struct {
	src    string
	pos    int
	peeked *token
}

// peek returns the next token without consuming it.
func (l *lexer) peek() token {
	if l.peeked == nil {
		t := l.scan()
		l.peeked = &t
	}
	return *l.peeked
}

// next consumes and returns the next token.
func (l *lexer) next() token {
	t := l.peek()
	l.peeked = nil
	return t
}

// scan reads one token from src at pos.
func (l *lexer) scan() token {
	for l.pos < len(l.src) && isSpace(l.src[l.pos]) {
		l.pos++
	}
	start := l.pos
	if l.pos >= len(l.src) {
		return token{kind: tokEOF, pos: start}
	}
	switch c := l.src[l.pos]; {
	case c == '\'':
		return l.quoted()
	case c == '(' || c == ')':
		l.pos++
		return token{kind: tokOpen, text: string(c), pos: start}
	case c == '"':
		l.pos++
		return token{kind: tokOther, text: `"`, pos: start}
	}
	for l.pos < len(l.src) && !isSpace(l.src[l.pos]) && !strings.ContainsRune("'()\"", rune(l.src[l.pos])) {
		l.pos++
	}
	return token{kind: tokWord, text: l.src[start:l.pos], pos: start}
}

// quoted reads a quoted literal, in which a doubled quote stands for one quote.
func (l *lexer) quoted() token {
	start := l.pos
	l.pos++ // the opening quote
	var b strings.Builder
	for l.pos < len(l.src) {
		c := l.src[l.pos]
		l.pos++
		if c != '\'' {
			b.WriteByte(c)
			continue
		}
		if l.pos < len(l.src) && l.src[l.pos] == '\'' {
			b.WriteByte('\'')
			l.pos++
			continue
		}
		return token{kind: tokString, text: b.String(), pos: start}
	}
	return token{kind: tokBadString, text: l.src[start:], pos: start}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }
