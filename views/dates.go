package views

import (
	"strconv"
	"strings"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// Locale says how dates are written for the reader (X3). The portal's text is English, so only
// the order of month and day follows the reader:
//
// Decision: the first tag of Accept-Language picks it. No header, "*", a bare "en" and any
// tag whose region is US (en-US, es-US) write the month first, "Apr 1, 2026"; every other tag
// (en-GB, en-IE, en-AU, fr-FR, de, ...) writes the day first, "1 Apr 2026". The month is always
// a name, so neither order can be misread, and every date is also in a <time datetime> element
// in ISO form for machines and assistive tools. Dates are UTC calendar days.
type Locale struct {
	DayFirst bool
}

// LocaleOf reads the first language tag of an Accept-Language header.
func LocaleOf(acceptLanguage string) Locale {
	first, _, _ := strings.Cut(acceptLanguage, ",")
	first, _, _ = strings.Cut(first, ";")
	tag := strings.ToLower(strings.TrimSpace(first))
	if tag == "" || tag == "*" || tag == "en" {
		return Locale{}
	}
	parts := strings.Split(tag, "-")
	for _, p := range parts[1:] {
		if p == "us" {
			return Locale{}
		}
	}
	return Locale{DayFirst: true}
}

// Date writes a calendar date, "Apr 1, 2026" or "1 Apr 2026"; "" for the zero date.
func (l Locale) Date(d ledger.Date) string {
	if d.IsZero() {
		return ""
	}
	y, m, day := d.Civil()
	mon := m.String()[:3]
	if l.DayFirst {
		return strconv.Itoa(day) + " " + mon + " " + strconv.Itoa(y)
	}
	return mon + " " + strconv.Itoa(day) + ", " + strconv.Itoa(y)
}

// Month writes a billing period's month, "Apr 2026".
func (l Locale) Month(p ledger.Period) string {
	return p.Month.String()[:3] + " " + strconv.Itoa(p.Year)
}
