package views

import (
	"fmt"
	"strings"

	"github.com/creditdesk/creditdesk/internal/alerts"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// RuleText says a rule's condition in words: "A credit expires within 30 days with at least
// USD 500.00 left". Amounts are in the currency of each profile the rule covers ("" names none).
func RuleText(r alerts.Rule, currency string) string {
	amount := func() string {
		if r.Amount == nil {
			return ""
		}
		return Money(*r.Amount, currency)
	}
	switch r.Kind {
	case alerts.CreditExpiring:
		if r.Amount == nil {
			return fmt.Sprintf("A credit expires within %d days", r.Days)
		}
		return fmt.Sprintf("A credit expires within %d days with at least %s left", r.Days, amount())
	case alerts.RunwayShort:
		return fmt.Sprintf("The runway forecast says credit runs out within %d days", r.Days)
	case alerts.BalanceLow:
		if r.Percent != 0 {
			return fmt.Sprintf("The estimated balance falls below %d%% of the credit released this year", r.Percent)
		}
		return "The estimated balance falls below " + amount()
	case alerts.CreditUnused:
		return "The forecast says at least " + amount() + " will expire unused"
	case alerts.ProcessFailed:
		return "The processing run failed for the billing profile"
	}
	return string(r.Kind)
}

// EventText says what an event found, in one or two sentences, for emails and the Alerts page.
func EventText(d alerts.EventData, loc Locale) string {
	who := d.ProfileDisplayName
	if d.State == alerts.Resolved {
		return "Resolved for " + who + ": no longer true: " + lowerFirst(RuleText(d.Rule, d.Currency)) + "."
	}
	v, cur := d.Values, d.Currency
	m := func(a *money.Amount) string {
		if a == nil {
			return ""
		}
		return Money(*a, cur)
	}
	date := func(x *ledger.Date) string {
		if x == nil {
			return ""
		}
		return loc.Date(*x)
	}
	days := func() string {
		if v.DaysLeft == nil {
			return ""
		}
		if *v.DaysLeft == 1 {
			return "1 day"
		}
		return fmt.Sprintf("%d days", *v.DaysLeft)
	}
	switch d.Rule.Kind {
	case alerts.CreditExpiring:
		return fmt.Sprintf("Credit %s of %s expires on %s (in %s) with %s left. Use it or ask for an extension before then.",
			v.Lot, who, date(v.ExpirationDate), days(), m(v.LotBalance))
	case alerts.RunwayShort:
		return fmt.Sprintf("At the recent burn of %s a day, the credit of %s runs out on %s (in %s).",
			Money(Rounded(deref(v.DailyBurn), cur), cur), who, date(v.RunsOut), days())
	case alerts.BalanceLow:
		if v.ReleasedThisYear != nil {
			return fmt.Sprintf("The estimated balance of %s is %s, below %d%% of the %s of credit released this year.",
				who, m(v.EstimatedBalance), d.Rule.Percent, m(v.ReleasedThisYear))
		}
		return fmt.Sprintf("The estimated balance of %s is %s, below %s.", who, m(v.EstimatedBalance), Money(deref(d.Rule.Amount), cur))
	case alerts.CreditUnused:
		return fmt.Sprintf("At the recent burn rate, %s of the credit of %s will expire unused.",
			Money(Rounded(deref(v.ExpiresUnused), cur), cur), who)
	case alerts.ProcessFailed:
		return "The processing run failed for " + who + ": new credit, expiries and invoices are not up to date until it succeeds."
	}
	return d.Title
}

// EmailSubject is the subject line of an alert email.
func EmailSubject(d alerts.EventData) string {
	if d.State == alerts.Resolved {
		return "Resolved: " + d.Title + " · " + d.ProfileDisplayName
	}
	return d.Title + " · " + d.ProfileDisplayName
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}
