package web

import (
	"strings"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// auditInstant is the canonical form of an audit entry's time, shown by views.Prose in the
// reader's locale (X3).
const auditInstant = "2006-01-02 15:04:05 UTC"

// auditActions says each action of the audit log in words. The machine name stays in the
// page's markup (data-action, title) for people who search for it.
var auditActions = map[string]string{
	"role.granted":         "Role granted",
	"role.removed":         "Role removed",
	"lot.added":            "Credit added",
	"lot.canceled":         "Credit canceled",
	"charges.imported":     "Charges imported",
	"token.created":        "API token created",
	"token.revoked":        "API token revoked",
	"user.created":         "User created",
	"user.renamed":         "User renamed",
	"user.password_set":    "Password set",
	"partner.domain_added": "Company domain added",
	"partner.member_added": "Member added",
	"partner.role_granted": "Partner role granted",
	"membership.renewed":   "Membership renewed",
	"benefit.created":      "Benefit created",
	"benefit.assign":       "Benefit assigned",
	"benefit.reassign":     "Benefit reassigned",
	"benefit.remove":       "User removed from a benefit",
	"benefit.redeem":       "Benefit redeemed",
	"benefit.renew":        "Benefit renewed",
}

// auditRefusals says a refused attempt in words, by the attempted action (benefit.X.refused).
var auditRefusals = map[string]string{
	"assign": "Assignment refused", "reassign": "Reassignment refused", "remove": "Removal refused",
	"redeem": "Redemption refused", "renew": "Renewal refused",
}

// auditRows turns audit entries into rows in words (X1): actions and role names as people say
// them, a refusal's sentence without its rule code (kept for data-rule), times for Prose.
func auditRows(events []store.AuditEvent) []views.AuditRow {
	rows := make([]views.AuditRow, len(events))
	for i, e := range events {
		r := views.AuditRow{At: e.At.UTC().Format(auditInstant), Actor: e.ActorEmail, Action: e.Action,
			ActionLabel: auditActionLabel(e.Action), Scope: e.Scope, Target: e.Target,
			Before: auditValue(e.Action, e.Before), After: auditValue(e.Action, e.After)}
		if rule, msg, ok := store.RefusalOf(e.After); ok && strings.HasSuffix(e.Action, ".refused") {
			r.Rule, r.After = rule, "Refused: "+msg
		}
		rows[i] = r
	}
	return rows
}

// auditActionLabel is an action in words; an action this table does not know yet is spelled
// out from its machine name ("lot.canceled" reads "Lot canceled").
func auditActionLabel(action string) string {
	if l, ok := auditActions[action]; ok {
		return l
	}
	if what, ok := strings.CutSuffix(action, ".refused"); ok {
		if l, ok := auditRefusals[strings.TrimPrefix(what, "benefit.")]; ok {
			return l
		}
	}
	s := strings.NewReplacer(".", " ", "_", " ").Replace(action)
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// auditValue is a before or after value in words: the role names of role changes as the portal
// shows them ("invoiceManager" reads "Invoice manager", "partnerAdmin" "Partner admin",
// "member" "Member"); any other value is a sentence already.
func auditValue(action, v string) string {
	switch action {
	case "role.granted", "role.removed":
		return access.Role(v).Title()
	case "partner.role_granted":
		return access.PartnerRole(v).Title()
	case "partner.member_added":
		if v == "member" {
			return "Member"
		}
	}
	return v
}
