package views

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/a-h/templ"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// Say writes m for loc: its sentence with each argument formatted, dates, months and instants
// in <time datetime> elements, amounts with Money (a bare amount, a limit in any currency, as
// it is), each kept on one line, emails and ids whole, codes as <code>, a clause (a Message)
// worded in turn.
func Say(loc Locale, m fault.Message) templ.Component {
	return templ.ComponentFunc(func(_ context.Context, w io.Writer) error {
		_, err := io.WriteString(w, sayHTML(loc, m))
		return err
	})
}

// sayHTML is m for loc, as HTML.
func sayHTML(loc Locale, m fault.Message) string {
	return say(m, func(a any) string { return argHTML(loc, a) }, templ.EscapeString[string])
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

// Words is m as plain text for loc: dates and months in the reader's order, every other value
// as Text writes it. Emails and their plain-text parts use it.
func Words(loc Locale, m fault.Message) string {
	var arg func(any) string
	arg = func(a any) string {
		switch v := a.(type) {
		case ledger.Date:
			return loc.Date(v)
		case ledger.Period:
			return loc.Month(v)
		case fault.Message:
			return say(v, arg, func(s string) string { return s })
		}
		return argText(a)
	}
	return say(m, arg, func(s string) string { return s })
}

// RefusalText is a refusal in plain words.
func RefusalText(r fault.Refusal) string { return Text(r.Said) }

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
	case ledger.Date, ledger.Period, money.Amount:
		return v.(fmt.Stringer).String()
	case time.Time:
		return v.UTC().Format(instantLayout)
	case fault.Minute:
		return v.String()
	case fault.Message:
		return Text(v)
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
	case int64: // a count the database gives
		return strconv.FormatInt(v, 10)
	}
	return fmt.Sprint(a) // never silently nothing
}

// instantLayout is an instant's canonical form; its time of day is UTC.
const instantLayout = "2006-01-02 15:04:05 UTC"

// argHTML is an argument formatted for loc, as HTML.
func argHTML(loc Locale, a any) string {
	esc := templ.EscapeString[string]
	switch v := a.(type) {
	case ledger.Date:
		return `<time class="nowrap" datetime="` + v.String() + `">` + esc(loc.Date(v)) + `</time>`
	case ledger.Period:
		return `<time class="nowrap" datetime="` + v.String() + `">` + esc(loc.Month(v)) + `</time>`
	case money.Amount:
		return `<span class="nowrap">` + v.String() + `</span>`
	case time.Time:
		return instantHTML(loc, v, time.RFC3339, "15:04:05")
	case fault.Minute:
		return instantHTML(loc, time.Time(v), "2006-01-02T15:04Z07:00", "15:04")
	case fault.Message:
		return sayHTML(loc, v)
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
	}
	return esc(argText(a))
}

// instantHTML is an instant in a <time datetime> element, its date for loc and its time of
// day in UTC, in the layouts given: it may break between its date and its time of day, never
// inside either.
func instantHTML(loc Locale, t time.Time, datetime, clock string) string {
	t = t.UTC()
	return `<time datetime="` + t.Format(datetime) + `"><span class="nowrap">` + templ.EscapeString(loc.Date(ledger.DateOf(t))) +
		`,</span> <span class="nowrap">` + t.Format(clock) + ` UTC</span></time>`
}
