package views

import (
	"strings"

	"github.com/creditdesk/creditdesk/internal/alerts"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// RuleText says a rule's condition in words: "A credit expires within 30 days with at least
// USD 500.00 left". Amounts are in the currency of each profile the rule covers ("" names none).
func RuleText(r alerts.Rule, currency string) string { return Text(RuleSaid(r, currency)) }

// RuleSaid is a rule's condition as a message (the alert.rule_* keys).
func RuleSaid(r alerts.Rule, currency string) fault.Message {
	amount := func() fault.Money { return fault.Money{Amount: deref(r.Amount), Currency: currency} }
	switch r.Kind {
	case alerts.CreditExpiring:
		if r.Amount == nil {
			return fault.Say("alert.rule_expiring", r.Days)
		}
		return fault.Say("alert.rule_expiring_amount", r.Days, amount())
	case alerts.RunwayShort:
		return fault.Say("alert.rule_runway", r.Days)
	case alerts.BalanceLow:
		if r.Percent != 0 {
			return fault.Say("alert.rule_balance_percent", r.Percent)
		}
		return fault.Say("alert.rule_balance", amount())
	case alerts.CreditUnused:
		return fault.Say("alert.rule_unused", amount())
	case alerts.ProcessFailed:
		return fault.Say("alert.rule_failed")
	case alerts.BenefitUnused:
		return fault.Say("alert.rule_benefit_unused", dayCount(r.Days))
	case alerts.BenefitUnredeemed:
		return fault.Say("alert.rule_unredeemed", dayCount(r.Days))
	case alerts.MembershipEnding:
		return fault.Say("alert.rule_membership", dayCount(r.Days))
	}
	return fault.Text(string(r.Kind))
}

// EventText says what an event found, in one or two sentences, for emails and the Alerts page,
// its dates in the reader's order.
func EventText(d alerts.EventData, loc Locale) string {
	if d.State == alerts.Resolved {
		return Words(loc, fault.Say("alert.resolved", Who(d), lowerFirst(RuleText(d.Rule, d.Currency))))
	}
	return Words(loc, EventSaid(d))
}

// EventSaid is what a firing event found, as a message (the alert.event_* keys).
func EventSaid(d alerts.EventData) fault.Message {
	who, v, cur := Who(d), d.Values, d.Currency
	m := func(a *money.Amount) fault.Money { return fault.Money{Amount: deref(a), Currency: cur} }
	rounded := func(a *money.Amount) fault.Money { return fault.Money{Amount: deref(a).Round(cur), Currency: cur} }
	days := dayCount(deref(v.DaysLeft))
	date := func(x *ledger.Date) ledger.Date { return deref(x) }
	switch d.Rule.Kind {
	case alerts.CreditExpiring:
		return fault.Say("alert.event_expiring", fault.ID(v.Lot), who, date(v.ExpirationDate), days, m(v.LotBalance))
	case alerts.RunwayShort:
		return fault.Say("alert.event_runway", rounded(v.DailyBurn), who, date(v.RunsOut), days)
	case alerts.BalanceLow:
		if v.ReleasedThisYear != nil {
			return fault.Say("alert.event_balance_percent", who, m(v.EstimatedBalance), d.Rule.Percent, m(v.ReleasedThisYear))
		}
		return fault.Say("alert.event_balance", who, m(v.EstimatedBalance), m(d.Rule.Amount))
	case alerts.CreditUnused:
		return fault.Say("alert.event_unused", rounded(v.ExpiresUnused), who)
	case alerts.ProcessFailed:
		return fault.Say("alert.event_failed", who)
	case alerts.BenefitUnused:
		if v.AssignedTo != "" {
			return fault.Say("alert.event_benefit_held", fault.ID(v.Benefit), v.BenefitKind, who, fault.Email(v.AssignedTo),
				date(v.ExpirationDate), days)
		}
		return fault.Say("alert.event_benefit_free", fault.ID(v.Benefit), v.BenefitKind, who, date(v.ExpirationDate), days)
	case alerts.BenefitUnredeemed:
		return fault.Say("alert.event_unredeemed", fault.ID(v.Benefit), who, fault.Email(v.AssignedTo), date(v.AssignedOn),
			dayCount(deref(v.DaysWaiting)))
	case alerts.MembershipEnding:
		return fault.Say("alert.event_membership", who, date(v.ExpirationDate), days)
	}
	return fault.Text(d.Title)
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

// dayCount is a number of days as a message: "1 day", "30 days".
func dayCount(n int) fault.Message {
	if n == 1 {
		return fault.Say("days.one")
	}
	return fault.Say("days.many", n)
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
