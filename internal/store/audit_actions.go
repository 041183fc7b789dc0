package store

import (
	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/fault"
)

// AuditAction names a kind of change the audit log records (X1). The audit page says each in
// words; the machine name stays in its markup for people who search for it.
type AuditAction string

// The actions of the audit log.
const (
	AuditRoleGranted         AuditAction = "role.granted"
	AuditRoleRemoved         AuditAction = "role.removed"
	AuditLotAdded            AuditAction = "lot.added"
	AuditLotCanceled         AuditAction = "lot.canceled"
	AuditChargesImported     AuditAction = "charges.imported"
	AuditTokenCreated        AuditAction = "token.created"
	AuditTokenRevoked        AuditAction = "token.revoked"
	AuditUserCreated         AuditAction = "user.created"
	AuditUserRenamed         AuditAction = "user.renamed"
	AuditPasswordSet         AuditAction = "user.password_set"
	AuditLinkIssued          AuditAction = "user.link_issued"
	AuditInvitationRevoked   AuditAction = "user.invitation_revoked"
	AuditAccountCreated      AuditAction = "billing_account.created"
	AuditAccountUpdated      AuditAction = "billing_account.updated"
	AuditProfileCreated      AuditAction = "billing_profile.created"
	AuditProfileUpdated      AuditAction = "billing_profile.updated"
	AuditPartnerCreated      AuditAction = "partner.created"
	AuditPartnerUpdated      AuditAction = "partner.updated"
	AuditPartnerDomainAdded  AuditAction = "partner.domain_added"
	AuditPartnerMemberAdded  AuditAction = "partner.member_added"
	AuditPartnerRoleGranted  AuditAction = "partner.role_granted"
	AuditMembershipRenewed   AuditAction = "membership.renewed"
	AuditBenefitCreated      AuditAction = "benefit.created"
	AuditAzureConnected      AuditAction = "azure.connected"
	AuditAzureChanged        AuditAction = "azure.changed"
	AuditAzureDisconnected   AuditAction = "azure.disconnected"
	AuditAzureSynced         AuditAction = "azure.synced"
	AuditNotCoveredAdded     AuditAction = "not_covered.added"
	AuditNotCoveredRemoved   AuditAction = "not_covered.removed"
	AuditAlertCreated        AuditAction = "alert.created"
	AuditAlertUpdated        AuditAction = "alert.updated"
	AuditAlertPaused         AuditAction = "alert.paused"
	AuditAlertResumed        AuditAction = "alert.resumed"
	AuditAlertDeleted        AuditAction = "alert.deleted"
	AuditWebhookCreated      AuditAction = "webhook.created"
	AuditWebhookDeleted      AuditAction = "webhook.deleted"
	auditRefusedSuffix                   = ".refused"
	auditBenefitActionPrefix             = "benefit."
)

// AuditBenefit is the action of a benefit change by the rules: benefit.assign, benefit.redeem...
func AuditBenefit(a benefits.Action) AuditAction {
	return AuditAction(auditBenefitActionPrefix + string(a))
}

// Refused is the action of an attempt a rule refused: benefit.assign.refused...
func (a AuditAction) Refused() AuditAction { return a + auditRefusedSuffix }

// Attempted is the action a refused one attempted, and whether a is a refusal.
func (a AuditAction) Attempted() (AuditAction, bool) {
	s := string(a)
	if len(s) > len(auditRefusedSuffix) && s[len(s)-len(auditRefusedSuffix):] == auditRefusedSuffix {
		return AuditAction(s[:len(s)-len(auditRefusedSuffix)]), true
	}
	return a, false
}

// The message keys of audit entries. The views write each one's sentence (views.Say); every key
// is in AuditKeys, which a test holds against the views' sentences.
const (
	KeyAuditValue                   = "audit.value"                     // one value: a name, a role, a domain, a status
	KeyAuditMember                  = "audit.member"                    // the member role of a partner organisation
	KeyAuditNoPassword              = "audit.no_password"               // a name; the command that sets a password
	KeyAuditLot                     = "audit.lot"                       // amount, start date, expiration date
	KeyAuditCanceledFrom            = "audit.canceled_from"             // the date a lot is canceled from
	KeyAuditChargesAdded            = "audit.charges_added"             // the number of charge entries added
	KeyAuditChargesLowered          = "audit.charges_lowered"           // entries added, day totals lowered, by how much
	KeyAuditTokenExpires            = "audit.token_expires"             // a token's name and when it expires
	KeyAuditBenefit                 = "audit.benefit"                   // a benefit's id
	KeyAuditAttempt                 = "audit.attempt"                   // a benefit's id, the attempted action
	KeyAuditAttemptUser             = "audit.attempt_user"              // a benefit's id, the attempted action, its user
	KeyAuditUnassigned              = "audit.unassigned"                // a benefit that no one holds
	KeyAuditAssigned                = "audit.assigned"                  // the holder's email
	KeyAuditRedeemed                = "audit.redeemed"                  // the holder's email, the subscription
	KeyAuditRefused                 = "audit.refused"                   // the rule, what it says (a message)
	KeyAuditBenefitNew              = "audit.benefit_new"               // kind, amount, start and end dates
	KeyAuditBenefitNewHeld          = "audit.benefit_new_held"          // kind, amount, start and end dates, holder
	KeyAuditBenefitCount            = "audit.benefit_count"             // a number of benefits
	KeyAuditRenewed                 = "audit.renewed"                   // the renewal date, the ids issued
	KeyAuditConnection              = "audit.connection"                // Azure account, tenant, client, kind, endpoint
	KeyAuditConnectionNewCredential = "audit.connection_new_credential" // the same, with a new credential
	KeyAuditSynced                  = "audit.synced"                    // events, lots added, lots updated, pending, balance
	KeyAuditNotCovered              = "audit.not_covered"               // a product on the not-covered list
)

// AuditKeys are every message key an audit entry says.
var AuditKeys = []string{KeyAuditValue, KeyAuditMember, KeyAuditNoPassword, KeyAuditLot, KeyAuditCanceledFrom,
	KeyAuditChargesAdded, KeyAuditChargesLowered, KeyAuditTokenExpires, KeyAuditBenefit, KeyAuditAttempt,
	KeyAuditAttemptUser, KeyAuditUnassigned, KeyAuditAssigned, KeyAuditRedeemed, KeyAuditRefused,
	KeyAuditBenefitNew, KeyAuditBenefitNewHeld, KeyAuditBenefitCount, KeyAuditRenewed, KeyAuditConnection, KeyAuditConnectionNewCredential,
	KeyAuditSynced, KeyAuditNotCovered}

// emailOf is an email address as the target of an entry.
func emailOf(email string) fault.Message { return fault.Say(KeyAuditValue, fault.Email(email)) }

// idOf is a name or an id as the target of an entry.
func idOf(id string) fault.Message { return fault.Say(KeyAuditValue, fault.ID(id)) }

// textOf is plain text as the target or state of an entry.
func textOf(s string) fault.Message { return fault.Say(KeyAuditValue, s) }

// yesNo is a yes-or-no answer in an entry.
func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
