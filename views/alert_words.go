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
	case alerts.BenefitUnused:
		return fmt.Sprintf("A benefit is not assigned or not redeemed %s before its end", dayCount(r.Days))
	case alerts.BenefitUnredeemed:
		return fmt.Sprintf("A monthly credit's user has not redeemed it %s after its assignment", dayCount(r.Days))
	case alerts.MembershipEnding:
		return fmt.Sprintf("The membership ends within %s", dayCount(r.Days))
	}
	return string(r.Kind)
}

// EventText says what an event found, in one or two sentences, for emails and the Alerts page.
func EventText(d alerts.EventData, loc Locale) string {
	who := Who(d)
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
	days := func() string { return dayCount(deref(v.DaysLeft)) }
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
	case alerts.BenefitUnused:
		if v.AssignedTo != "" {
			return fmt.Sprintf("Benefit %s (%s) of %s is assigned to %s, who has not redeemed it; it ends on %s (in %s).",
				v.Benefit, v.BenefitKind, who, v.AssignedTo, date(v.ExpirationDate), days())
		}
		return fmt.Sprintf("Benefit %s (%s) of %s is not assigned to anyone; it ends on %s (in %s). Assign it before then.",
			v.Benefit, v.BenefitKind, who, date(v.ExpirationDate), days())
	case alerts.BenefitUnredeemed:
		return fmt.Sprintf("Monthly credit %s of %s was assigned to %s on %s, %s ago, and is not redeemed yet.",
			v.Benefit, who, v.AssignedTo, date(v.AssignedOn), dayCount(deref(v.DaysWaiting)))
	case alerts.MembershipEnding:
		return fmt.Sprintf("The membership of %s ends on %s (in %s). Renew it to get the next year's benefits.",
			who, date(v.ExpirationDate), days())
	}
	return d.Title
}

// EmailSubject is the subject line of an alert email.
func EmailSubject(d alerts.EventData) string {
	if d.State == alerts.Resolved {
		return "Resolved: " + d.Title + " · " + Who(d)
	}
	return d.Title + " · " + Who(d)
}

// Who names the scope of an event: the billing profile, or the partner organisation.
func Who(d alerts.EventData) string {
	if d.Partner != "" {
		return d.PartnerName
	}
	return d.ProfileDisplayName
}

// LinkText is the text of an alert email's link to the page to act on.
func LinkText(d alerts.EventData) string {
	switch {
	case d.Partner == "":
		return "Open the Azure credits of " + d.ProfileDisplayName
	case d.Rule.Kind == alerts.MembershipEnding:
		return "Open the membership of " + d.PartnerName
	}
	return "Open the benefit in the Benefits workspace of " + d.PartnerName
}

// dayCount is a number of days in words: "1 day", "30 days".
func dayCount(n int) string {
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
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
