package views

import (
	"context"
	"io"
	"regexp"
	"strings"

	"github.com/a-h/templ"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// Sentences that the rules, the handlers and the audit log write (refusals, notes, audit
// entries) keep their values in one canonical form, so that they do not depend on who reads
// them: dates as 2026-10-01, instants as 2026-10-01 10:00 UTC (seconds optional), amounts as
// 6000.00 USD and commands between backticks. Prose shows such a sentence to a reader with the
// helpers of the billing pages (Money, Locale.Date), each value kept on one line, and commands
// as code (X3); ProseCell also keeps emails and subscription ids whole.

// proseToken finds the canonical values in a sentence: a `command`, an email address, a
// subscription GUID, a date with an optional time of day in UTC, or an amount with its ISO
// 4217 code.
var proseToken = regexp.MustCompile("`(?P<code>[^`\n]+)`" +
	`|(?P<email>[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)` +
	`|(?P<guid>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})` +
	`|(?P<date>\d{4}-\d{2}-\d{2})(?: (?P<time>\d{2}:\d{2}(?::\d{2})?) UTC)?` +
	`|(?P<amount>-?\d+\.\d+) (?P<currency>[A-Z]{3})\b`)

// proseKind says what a piece of a sentence is.
type proseKind int

// The kinds of piece.
const (
	proseText proseKind = iota
	proseDate
	proseMoney
	proseCode
	proseWord // an email or a subscription id, kept on one line
)

// prosePiece is one piece of a sentence as the reader sees it; Datetime is the machine form of
// a date or an instant, for <time datetime>, and Time an instant's time of day ("10:00 UTC").
type prosePiece struct {
	Kind     proseKind
	Text     string
	Datetime string
	Time     string
}

// proseParts splits s into text and the values it names, written for loc; emails and ids are
// pieces of their own with words, else text. A match glued to a word ("b-2026-10-01",
// "x2026-10-01") is part of that word, not a date; a value that does not parse stays text.
func proseParts(loc Locale, s string, words bool) []prosePiece {
	var out []prosePiece
	text := func(t string) {
		if t == "" {
			return
		}
		if n := len(out); n > 0 && out[n-1].Kind == proseText {
			out[n-1].Text += t
			return
		}
		out = append(out, prosePiece{Kind: proseText, Text: t})
	}
	last := 0
	for _, m := range proseToken.FindAllStringSubmatchIndex(s, -1) {
		start, end := m[0], m[1]
		p, ok := pieceOf(loc, s, m)
		if !ok || (s[start] != '`' && (gluedBefore(s, start) || gluedAfter(s, end))) {
			continue
		}
		text(s[last:start])
		if p.Kind == proseWord && !words {
			text(p.Text)
		} else {
			out = append(out, p)
		}
		last = end
	}
	text(s[last:])
	return out
}

// pieceOf turns one match of proseToken into its piece; ok is false when the value does not
// parse (2026-13-45, an amount with too many decimals).
func pieceOf(loc Locale, s string, m []int) (prosePiece, bool) {
	group := func(name string) string {
		i := proseToken.SubexpIndex(name)
		if m[2*i] < 0 {
			return ""
		}
		return s[m[2*i]:m[2*i+1]]
	}
	switch {
	case group("code") != "":
		return prosePiece{Kind: proseCode, Text: group("code")}, true
	case group("email") != "":
		return prosePiece{Kind: proseWord, Text: group("email")}, true
	case group("guid") != "":
		return prosePiece{Kind: proseWord, Text: group("guid")}, true
	case group("date") != "":
		d, err := ledger.ParseDate(group("date"))
		if err != nil {
			return prosePiece{}, false
		}
		p := prosePiece{Kind: proseDate, Text: loc.Date(d), Datetime: d.String()}
		if hm := group("time"); hm != "" { // an instant: the time of day as written, in UTC
			p.Text += ","
			p.Time = hm + " UTC"
			p.Datetime += "T" + hm + "Z"
		}
		return p, true
	case group("amount") != "":
		a, err := money.Parse(group("amount"))
		if err != nil {
			return prosePiece{}, false
		}
		return prosePiece{Kind: proseMoney, Text: Money(a, group("currency"))}, true
	}
	return prosePiece{}, false
}

// gluedBefore reports whether the byte before i continues a word, an id or a number.
func gluedBefore(s string, i int) bool {
	return i > 0 && wordByte(s[i-1])
}

// gluedAfter reports whether the text at i continues a word, an id or a number: a letter, a
// digit or _, or a joining mark (- . / :) followed by one; a full stop or a colon that ends a
// clause does not.
func gluedAfter(s string, i int) bool {
	if i >= len(s) || !wordByte(s[i]) {
		return false
	}
	if strings.IndexByte("-./:", s[i]) < 0 {
		return true
	}
	return i+1 < len(s) && alnum(s[i+1])
}

// wordByte reports whether c can be part of an id or a number: a letter, a digit, - . _ / :.
func wordByte(c byte) bool {
	return alnum(c) || strings.IndexByte("-._/:", c) >= 0
}

// alnum reports whether c is an ASCII letter or digit.
func alnum(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// Prose renders s for loc: dates and instants in <time datetime> elements, amounts with Money,
// each kept on one line (class nowrap; an instant may break between its date and its time),
// and `commands` as <code>.
func Prose(loc Locale, s string) templ.Component { return prose(loc, s, false) }

// ProseCell is Prose for a narrow table cell: emails and subscription ids are also kept on one
// line (class token), so that the column grows rather than break them, except that an email
// may break before its @.
func ProseCell(loc Locale, s string) templ.Component { return prose(loc, s, true) }

// prose is Prose and ProseCell.
func prose(loc Locale, s string, words bool) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		var b strings.Builder
		for _, p := range proseParts(loc, s, words) {
			text := templ.EscapeString(p.Text)
			switch p.Kind {
			case proseDate:
				if p.Time == "" {
					b.WriteString(`<time class="nowrap" datetime="` + templ.EscapeString(p.Datetime) + `">` + text + `</time>`)
					break
				}
				// An instant may break between its date and its time of day, never inside either.
				b.WriteString(`<time datetime="` + templ.EscapeString(p.Datetime) + `"><span class="nowrap">` + text +
					`</span> <span class="nowrap">` + templ.EscapeString(p.Time) + `</span></time>`)
			case proseMoney:
				b.WriteString(`<span class="nowrap">` + text + `</span>`)
			case proseCode:
				b.WriteString(`<code>` + text + `</code>`)
			case proseWord:
				// An email may break before its @, as people write it on two lines, and nowhere else.
				local, domain, isEmail := strings.Cut(p.Text, "@")
				if !isEmail {
					b.WriteString(`<span class="token">` + text + `</span>`)
					break
				}
				b.WriteString(`<span class="email">` + templ.EscapeString(local) + `<wbr>@` + templ.EscapeString(domain) + `</span>`)
			default:
				b.WriteString(text)
			}
		}
		_, err := io.WriteString(w, b.String())
		return err
	})
}
