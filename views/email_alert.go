package views

import "strings"

// AlertEmailText is the plain-text part of an alert email, the same content as AlertEmailHTML.
func AlertEmailText(p AlertEmail) string {
	var b strings.Builder
	b.WriteString(EmailSubject(p.Data) + "\n\n")
	b.WriteString(EventText(p.Data, p.Loc) + "\n\n")
	b.WriteString("Rule: " + RuleText(p.Data.Rule, p.Data.Currency) + ".\n")
	if p.Data.Link != "" {
		b.WriteString("\n" + LinkText(p.Data) + ":\n" + p.Data.Link + "\n")
	}
	b.WriteString("\nYou receive this because you subscribed to this alert in CreditDesk. Unsubscribe on its Alerts page or under Notifications.\n")
	return b.String()
}
