package views

import "github.com/creditdesk/creditdesk/internal/access"

// sentences are the words of each message key (fault.Message): {0}, {1}... stand for its
// arguments, which Say formats for the reader. The views own the sentences; the domain and the
// store say only the key and the values. Every key the store's audit entries use
// (store.AuditKeys) is here, which a test checks.
var sentences = map[string]string{
	access.KeyLastOwner: "The last owner of a billing scope cannot be removed. Grant the owner role to someone else first.",

	// Audit entries (X1).
	"audit.value":                     "{0}",
	"audit.member":                    "Member",
	"audit.no_password":               "{0}; no password yet: they choose one through an invitation link (emailed, or from {1})",
	"audit.lot":                       "{0}, {1} to {2}",
	"audit.canceled_from":             "Canceled from {0}",
	"audit.charges_added":             "Charge entries added: {0}",
	"audit.charges_lowered":           "Charge entries added: {0}; day totals lowered: {1}, by {2} in all",
	"audit.token_expires":             "{0}, expires {1}",
	"audit.benefit":                   "benefit {0}",
	"audit.attempt":                   "benefit {0} ({1})",
	"audit.attempt_user":              "benefit {0} ({1} {2})",
	"audit.unassigned":                "no user assigned",
	"audit.assigned":                  "assigned to {0}",
	"audit.redeemed":                  "assigned to {0}, redeemed into subscription {1}",
	"audit.refused":                   "Refused: {1}",
	"audit.benefit_new":               "{0}, {1}, {2} to {3}",
	"audit.benefit_new_held":          "{0}, {1}, {2} to {3}; assigned to {4}",
	"audit.benefit_count":             "{0} benefits",
	"audit.renewed":                   "Renewed on {0}: issued {1}",
	"audit.connection":                "Azure billing account {0}, tenant {1}, client {2}, {3}, endpoint {4}",
	"audit.connection_new_credential": "Azure billing account {0}, tenant {1}, client {2}, {3}, endpoint {4}, new credential",
	"audit.synced":                    "{0} new events, {1} lots added, {2} lots updated, pending events changed: {3}, balance changed: {4}",
	"audit.not_covered":               "not covered by credits",
}
