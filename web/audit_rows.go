package web

import (
	"strings"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// auditActions says each action of the audit log in words. The machine name stays in the
// page's markup (data-action, title) for people who search for it.
var auditActions = map[store.AuditAction]string{
	store.AuditRoleGranted:        "Role granted",
	store.AuditRoleRemoved:        "Role removed",
	store.AuditLotAdded:           "Credit added",
	store.AuditLotCanceled:        "Credit canceled",
	store.AuditChargesImported:    "Charges imported",
	store.AuditTokenCreated:       "API token created",
	store.AuditTokenRevoked:       "API token revoked",
	store.AuditUserCreated:        "User created",
	store.AuditUserRenamed:        "User renamed",
	store.AuditPasswordSet:        "Password set",
	store.AuditLinkIssued:         "Password link sent",
	store.AuditInvitationRevoked:  "Invitation revoked",
	store.AuditPartnerDomainAdded: "Company domain added",
	store.AuditPartnerMemberAdded: "Member added",
	store.AuditPartnerRoleGranted: "Partner role granted",
	store.AuditMembershipRenewed:  "Membership renewed",
	store.AuditBenefitCreated:     "Benefit created",
	store.AuditAlertCreated:       "Alert created",
	store.AuditAlertUpdated:       "Alert changed",
	store.AuditAlertPaused:        "Alert paused",
	store.AuditAlertResumed:       "Alert resumed",
	store.AuditAlertDeleted:       "Alert deleted",
	store.AuditWebhookCreated:     "Webhook added",
	store.AuditWebhookDeleted:     "Webhook deleted",
	"benefit.assign":              "Benefit assigned",
	"benefit.reassign":            "Benefit reassigned",
	"benefit.remove":              "User removed from a benefit",
	"benefit.redeem":              "Benefit redeemed",
	"benefit.renew":               "Benefit renewed",
}

// auditRefusals says a refused attempt in words, by the attempted action.
var auditRefusals = map[store.AuditAction]string{
	"benefit.assign": "Assignment refused", "benefit.reassign": "Reassignment refused", "benefit.remove": "Removal refused",
	"benefit.redeem": "Redemption refused", "benefit.renew": "Renewal refused",
}

// auditRows turns audit entries into rows in words (X1): actions and role names as people say
// them, a refusal's sentence without its rule code (kept for data-rule). Entries written as
// data are worded by the views; legacy entries (AuditEvent.Entry) keep their sentences.
func auditRows(events []store.AuditEvent) ([]views.AuditRow, error) {
	rows := make([]views.AuditRow, len(events))
	for i, e := range events {
		r := views.AuditRow{At: e.At.UTC(), Actor: actorArg(e), Action: e.Action,
			ActionLabel: auditActionLabel(store.AuditAction(e.Action)), Scope: e.Scope}
		entry, ok, err := e.Entry()
		switch {
		case err != nil:
			return nil, err
		case ok:
			r.Target, r.Before, r.After = entry.Target, entry.Before, entry.After
			if entry.After.Key == store.KeyAuditRefused && len(entry.After.Args) > 0 {
				r.Rule, _ = entry.After.Args[0].(string)
			}
		default:
			r.Target = fault.Say(store.KeyAuditValue, e.Target)
			r.Before, r.After = legacyValue(e.Action, e.Before), legacyValue(e.Action, e.After)
			if rule, msg, ok := store.RefusalOf(e.After); ok && strings.HasSuffix(e.Action, ".refused") {
				r.Rule, r.After = rule, fault.Say(store.KeyAuditValue, "Refused: "+msg)
			}
		}
		rows[i] = r
	}
	return rows, nil
}

// actorArg is who made a change: a user's email, or the name of a command or a sync.
func actorArg(e store.AuditEvent) any {
	if e.ActorID != nil {
		return fault.Email(e.ActorEmail)
	}
	return e.ActorEmail
}

// auditActionLabel is an action in words; an action this table does not know yet is spelled
// out from its machine name ("lot.canceled" reads "Lot canceled").
func auditActionLabel(action store.AuditAction) string {
	if l, ok := auditActions[action]; ok {
		return l
	}
	if attempted, ok := action.Attempted(); ok {
		if l, ok := auditRefusals[attempted]; ok {
			return l
		}
	}
	s := strings.NewReplacer(".", " ", "_", " ").Replace(string(action))
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// legacyValue is a value of a legacy entry: role names as the portal shows them
// ("invoiceManager" reads "Invoice manager", "partnerAdmin" "Partner admin", "member"
// "Member"); any other value is a sentence already. "" says nothing.
func legacyValue(action, v string) fault.Message {
	switch {
	case v == "":
		return fault.Message{}
	case action == string(store.AuditRoleGranted) || action == string(store.AuditRoleRemoved):
		return fault.Say(store.KeyAuditValue, access.Role(v))
	case action == string(store.AuditPartnerRoleGranted):
		return fault.Say(store.KeyAuditValue, access.PartnerRole(v))
	case action == string(store.AuditPartnerMemberAdded) && v == "member":
		return fault.Say(store.KeyAuditMember)
	}
	return fault.Say(store.KeyAuditValue, v)
}
