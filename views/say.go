package views

import (
	"context"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
)

// Say writes m for loc: its sentence with each argument formatted, dates and instants in
// <time datetime> elements, amounts with Money, each kept on one line, emails and ids whole,
// codes as <code>.
func Say(loc Locale, m fault.Message) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		_, err := io.WriteString(w, say(m, func(a any) string { return argHTML(loc, a) }, templ.EscapeString[string]))
		return err
	})
}

// Arg writes one message argument for loc, as Say does.
func Arg(loc Locale, a any) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		_, err := io.WriteString(w, argHTML(loc, a))
		return err
	})
}

// HasSentence reports whether the views have words for a message key.
func HasSentence(key string) bool {
	_, ok := sentences[key]
	return ok
}

// Text is m as plain text, for a banner or a log: values in their canonical form (2026-10-01,
// USD 6,000.00).
func Text(m fault.Message) string {
	return say(m, argText, func(s string) string { return s })
}

// say fills m's sentence: text through lit, each argument through arg. A key without a
// sentence is written as itself, so that a missing sentence shows rather than hides.
func say(m fault.Message, arg func(any) string, lit func(string) string) string {
	s, ok := sentences[m.Key]
	if !ok {
		return lit(m.Key)
	}
	var b strings.Builder
	for {
		open := strings.IndexByte(s, '{')
		end := strings.IndexByte(s[max(open, 0):], '}') + max(open, 0)
		if open < 0 || end <= open {
			break
		}
		n, err := strconv.Atoi(s[open+1 : end])
		if err != nil || n < 0 || n >= len(m.Args) {
			break
		}
		b.WriteString(lit(s[:open]))
		b.WriteString(arg(m.Args[n]))
		s = s[end+1:]
	}
	b.WriteString(lit(s))
	return b.String()
}

// argText is an argument in its canonical plain form.
func argText(a any) string {
	switch v := a.(type) {
	case ledger.Date:
		return v.String()
	case time.Time:
		return v.UTC().Format(instantLayout)
	case fault.Money:
		return Money(v.Amount, v.Currency)
	case fault.Email:
		return string(v)
	case fault.ID:
		return string(v)
	case fault.Code:
		return string(v)
	case access.Role:
		return v.Title()
	case access.PartnerRole:
		return v.Title()
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	}
	return ""
}

// instantLayout is an instant's canonical form; its time of day is UTC.
const instantLayout = "2006-01-02 15:04:05 UTC"

// argHTML is an argument formatted for loc, as HTML.
func argHTML(loc Locale, a any) string {
	esc := templ.EscapeString[string]
	switch v := a.(type) {
	case ledger.Date:
		return `<time class="nowrap" datetime="` + v.String() + `">` + esc(loc.Date(v)) + `</time>`
	case time.Time:
		// An instant may break between its date and its time of day, never inside either.
		v = v.UTC()
		d := ledger.DateOf(v)
		return `<time datetime="` + v.Format(time.RFC3339) + `"><span class="nowrap">` + esc(loc.Date(d)) +
			`,</span> <span class="nowrap">` + v.Format("15:04:05") + ` UTC</span></time>`
	case fault.Money:
		return `<span class="nowrap">` + esc(Money(v.Amount, v.Currency)) + `</span>`
	case fault.Email:
		// An email may break before its @, as people write it on two lines, and nowhere else.
		local, domain, _ := strings.Cut(string(v), "@")
		return `<span class="email">` + esc(local) + `<wbr>@` + esc(domain) + `</span>`
	case fault.ID:
		return `<span class="token">` + esc(string(v)) + `</span>`
	case fault.Code:
		return `<code>` + esc(string(v)) + `</code>`
	case string:
		// Text may still be a sentence of the domain with values in it (a benefit's change, a
		// rule's refusal), which Prose formats.
		var b strings.Builder
		_ = prose(loc, v, true).Render(context.Background(), &b) // a strings.Builder does not fail
		return b.String()
	}
	return esc(argText(a))
}
