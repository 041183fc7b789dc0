package views

import (
	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/fault"
)

// The keys of what the portal itself says on the Benefits pages, besides the rules' (the
// benefits.Key constants): the values of the pane's Details tab, the notices and outcomes.
const (
	KeyPerMonth      = "value.per_month"   // an amount granted each month (P3)
	KeyIncluded      = "value.included"    // a last day that is included (P3)
	KeyNamed         = "value.named"       // a name and an email
	KeyNone          = "value.none"        // nobody, nothing
	KeyAnd           = "and"               // two sentences, one after the other
	KeyActivated     = "benefit.activated" // benefit id, subscription id, validity (a message)
	KeyRenewed       = "benefit.renewed"   // renewal date, number of benefits, their ids
	KeyInviteNoMail  = "invite.no_mail"    // the user's email, the command an operator runs
	KeyInviteFailed  = "invite.failed"     // the user's email
	KeyInviteSent    = "invite.sent"       // the user's email
	KeyInviteRevoked = "invite.revoked"    // the user's email

	KeyAssignOnly        = "benefit.assign_only"         // P6: the limit, the most recent holder's email
	KeyRemoveConfirm     = "benefit.remove_confirm"      // P6: holder, benefit id, reassignments left
	KeyRemoveConfirmOne  = "benefit.remove_confirm_one"  // P6: holder, benefit id, 1 (one left)
	KeyRemoveConfirmLast = "benefit.remove_confirm_last" // P6: holder, benefit id, the limit, who alone can be assigned again
	KeyHistoryAssigned   = "history.assigned"            // P12: the new holder's email
	KeyHistoryRemoved    = "history.removed"             // P12: the old holder's email
	KeyHistoryReassigned = "history.reassigned"          // P12: the old and new holders' emails

	KeyGranted     = "access.granted"      // the user's email, the role (access.Role)
	KeyRoleRemoved = "access.role_removed" // none
	KeySyncBusy    = "azure.sync_busy"     // none
	KeySyncFailed  = "azure.sync_failed"   // what went wrong (string, views.SyncProblemText)
	KeySynced      = "azure.synced"        // billing profiles, new transactions, new credits (ints)
	KeyPastEnd     = "benefits.past_end"   // the page, the benefits (ints)
	KeyPageOf      = "benefits.page_of"    // the first and last rows shown, the benefits (ints)

	KeyParam         = "query.param"           // a query parameter's name (string), what is wrong with it (a message)
	KeyParamTooLong  = "query.too_long"        // the most characters (int)
	KeyCursorTooLong = "query.cursor_too_long" // the most characters (int)

	KeyUploadTooLarge   = "upload.too_large"   // the bound in MiB (int)
	KeyUploadNoFile     = "upload.no_file"     // none
	KeyUploadSynced     = "upload.synced"      // none
	KeyUploadRepeated   = "upload.repeated"    // the file's name (fault.Code)
	KeyUploadNothingNew = "upload.nothing_new" // the file's name (fault.Code)
	KeyUploadImported   = "upload.imported"    // the file's name (fault.Code), charge totals, totals changed (ints)
	KeyUploadLowered    = "upload.lowered"     // day totals lowered (int), by how much in all (fault.Money)
)

// sentences are the words of each message key (fault.Message): {0}, {1}... stand for its
// arguments, which Say formats for the reader. The views own the sentences; the domain and the
// store say only the key and the values. Every key the store's audit entries and refusals use
// (store.AuditKeys, store.RefusalKeys) is here, which a test checks.
var sentences = map[string]string{
	// The portal's own (the Key constants above).
	fault.KeyText:    "{0}",
	KeyPerMonth:      "{0} per month",
	KeyIncluded:      "{0} (included)",
	KeyNamed:         "{0} ({1})",
	KeyNone:          "None",
	KeyAnd:           "{0} {1}",
	KeyActivated:     "Activated {0}: your new Azure subscription is {1}, valid {2}.",
	KeyRenewed:       "Membership renewed on {0}: issued {1} benefits ({2}).",
	KeyInviteNoMail:  "Invitations cannot be sent: this installation has no mail server; an operator passes {0} a link with {1}.",
	KeyInviteFailed:  "The invitation to {0} could not be sent; try Resend invitation later.",
	KeyInviteSent:    "An invitation to choose a password was sent to {0}.",
	KeyInviteRevoked: "The invitation to {0} was revoked: its link no longer works.",

	KeyAssignOnly: "This credit has used all {0} of its {0} reassignments. Only {1}, its most recent user, can be assigned to it again; " +
		"that is not a reassignment. Any other user would be a sixth, which is not possible.",
	KeyRemoveConfirm:     "Remove {0} from {1}? Assigning a different user afterwards uses one of the {2} remaining reassignments; putting {0} back does not.",
	KeyRemoveConfirmOne:  "Remove {0} from {1}? Assigning a different user afterwards uses one of the {2} remaining reassignment; putting {0} back does not.",
	KeyRemoveConfirmLast: "Remove {0} from {1}? All {2} reassignments of this credit are used: after the removal, only {3} can be assigned to it again.",
	KeyHistoryAssigned:   "Assigned to {0}",
	KeyHistoryRemoved:    "Removed {0}",
	KeyHistoryReassigned: "Reassigned from {0} to {1}",

	KeyGranted:     "{0} now holds the {1} role.",
	KeyRoleRemoved: "The role assignment was removed.",
	KeySyncBusy:    "A sync of this connection is already running; its result appears here when it ends.",
	KeySyncFailed:  "The sync failed: {0}",
	KeySynced:      "Synced {0} billing profiles from Azure: {1} new transactions, {2} new credits.",
	KeyPastEnd:     "Page {0} is past the end of the {1} benefits.",
	KeyPageOf:      "{0}-{1} of {2} benefits",

	KeyParam:         "{0}: {1}",
	KeyParamTooLong:  "too long (at most {0} characters)",
	KeyCursorTooLong: "too long (at most {0} characters); start again from the first page",

	KeyUploadTooLarge:   "file: larger than {0} MiB; export one month at a time and upload each file.",
	KeyUploadNoFile:     "file: choose a CSV file to upload.",
	KeyUploadSynced:     "This billing profile is synced from Azure, which keeps its charges: upload them in Azure Cost Management, and the next sync brings Azure's figures here.",
	KeyUploadRepeated:   "{0} was imported before: nothing changed.",
	KeyUploadNothingNew: "{0} holds no charges that are not stored already: nothing changed.",
	KeyUploadImported:   "Imported {0}: {1} charge totals, {2} changed. The estimated balance now includes them.",
	KeyUploadLowered:    "{0} day totals went down, by {1} in all: a file states the whole total of a day and product, so it replaces what an earlier upload said. Upload complete exports, not parts of one.",

	// The benefits rules' refusals (P3-P11, X2).
	benefits.KeyPending:              "This benefit is still being provisioned while the payment is processed; it becomes available on {0}.",
	benefits.KeyAssignedAlready:      "This benefit is already assigned to {0}; only a benefit that is Not redeemed can be assigned.",
	benefits.KeyNoHolder:             "No user is assigned to this benefit; assign one instead.",
	benefits.KeyUnassigned:           "This benefit has no assigned user; a partner admin assigns it first.",
	benefits.KeyRedeemedAlready:      "This benefit is already redeemed; its subscription is {0}.",
	benefits.KeyNotStarted:           "This benefit starts on {0}; it can be redeemed from then.",
	benefits.KeyExpired13Months:      "This monthly credit was valid for 13 months from its activation, until {0}; it is no longer available.",
	benefits.KeyExpiredMembership:    "This monthly credit flowed until its membership ended on {0}, before 13 months from its activation; it is no longer available.",
	benefits.KeyExpired:              "This benefit ended on {0}; it is no longer available.",
	benefits.KeyNotReassignable:      "Reassignment isn't supported for {0}: once it is assigned, its user can change only in the next membership year, after renewal.",
	benefits.KeyLimitReached:         "This credit has used all {0} of its {0} reassignments; no further reassignment is possible, and no exception can be granted.",
	benefits.KeyOnlyLastHolder:       "This credit has used all {0} of its {0} reassignments; only {1}, its most recent user, can be assigned to it again.",
	benefits.KeyHoldsAlready:         "{0} already holds this benefit; choose a different user.",
	benefits.KeySecondBulk:           "{0} already holds the Azure bulk credit {1} ({2} to {3}); a user can hold only one bulk credit at a time, though a monthly credit alongside it is fine.",
	benefits.KeyFreeMail:             "{0} is a free-hosted mail domain; Azure credits can be assigned only to users with a company domain.",
	benefits.KeyFreeMailSubdomain:    "{0} is a subdomain of the free-hosted mail domain {1}; Azure credits can be assigned only to users with a company domain.",
	benefits.KeyForeignDomain:        "{0} is not a domain of this organisation; use an address at {1}.",
	benefits.KeyNotHolder:            "Only the user assigned to this benefit can redeem it.",
	benefits.KeyNotMember:            "{0} is not a member of {1}; search for a member, or add them with Add a new user.",
	benefits.KeyNothingToRenew:       "There is nothing to renew: every membership year that has begun by this date is renewed already.",
	benefits.KeyNoMore:               "This credit has used all {0} of its {0} reassignments, so only its most recent user, {2}, could be assigned to it again; they are no longer a member of {1}, so it cannot be assigned.",
	benefits.KeyMemberAlready:        "{0} is already a member of {1}; find them with the search above.",
	benefits.KeySignInToRedeem:       "Sign in as the assigned user to redeem this benefit.",
	benefits.KeyBadDomain:            "\"{0}\" is not a domain name.",
	benefits.KeyNameRequired:         "Enter the user's name.",
	benefits.KeyNameCharacters:       "The name contains characters that are not allowed.",
	benefits.KeyNameTooLong:          "The name is longer than {0} characters.",
	benefits.KeyEmailRequired:        "Enter an email address.",
	benefits.KeyEmailTooLong:         "The email address is longer than {0} characters.",
	benefits.KeyEmailInvalid:         "\"{0}\" is not a valid email address.",
	benefits.KeyAmountPositive:       "The amount must be greater than zero.",
	benefits.KeyMonthlyAmount:        "The monthly amount must be greater than zero.",
	benefits.KeyCurrency:             "{0}.",
	benefits.KeyDateRequired:         "The date is required.",
	benefits.KeyEndBeforeStart:       "The end date {0} is before the start date {1}.",
	benefits.KeySubscriptionEarly:    "A subscription exists only after redemption.",
	benefits.KeyRedeemerRequired:     "Only an assigned user can redeem a benefit; set assignedTo.",
	benefits.KeyRedeemedEarly:        "The benefit was not provisioned before {0} (P8).",
	benefits.KeyRedeemedBeforeStart:  "The redemption is before the start date.",
	benefits.KeyActivationRequired:   "The first activation must be set and not after the redemption.",
	benefits.KeySubscriptionRequired: "A redeemed benefit needs the subscription id its redemption created (P5).",
	benefits.KeyRenewalRequired:      "Enter the renewal date.",
	benefits.KeyRenewalFormat:        "Enter the renewal date as YYYY-MM-DD.",
	benefits.KeyRenewalInFuture:      "The renewal date cannot be in the future.",
	benefits.KeyRenewalEarly:         "The renewal date {0} is before the purchase date {1} of benefit {2}.",
	benefits.KeyBadFilter:            "\"{0}\" is not a filter; use not-redeemed, redeemed, monthly, bulk or expiring.",
	benefits.KeyBadKind:              "\"{0}\" is not a benefit kind; use one of AzureMonthlyCredit, AzureBulkCredit, CopilotForSecurity, GitHubCopilotEnterprise, GitHubEnterpriseMetered.",
	benefits.KeyNegativeUsage:        "Usage on {0} is negative.",
	benefits.KeyUsageNegative:        "Usage cannot be negative.",

	// The benefits' changes (X1), their validity and status notes (P3, P8, P11).
	benefits.KeyDidAssign:              "Assigned {0} to {1} ({2}).",
	benefits.KeyDidAssignCounted:       "Assigned {0} to {1} ({2}); reassignment {3} of {4} used.",
	benefits.KeyDidReassign:            "Reassigned {0} ({1}) from {2} to {3}; reassignment {4} of {5} used.",
	benefits.KeyDidReassignRedeemed:    "Reassigned {0} ({1}) from {2} to {3}; reassignment {4} of {5} used; subscription {6} of {2} no longer receives this credit.",
	benefits.KeyDidRemove:              "Removed {0} from {1} ({2}); reassignments {3} of {4} used.",
	benefits.KeyDidRemoveRedeemed:      "Removed {0} from {1} ({2}); reassignments {3} of {4} used; subscription {5} no longer receives this credit.",
	benefits.KeyDidRedeem:              "{0} redeemed {1} ({2}): new subscription {3}, valid {4}.",
	benefits.KeyValidUntil:             "until {0} (13 months from activation)",
	benefits.KeyValidThrough:           "through {0} (the last day included)",
	benefits.KeyValidThrough13Months:   "through {0} (the last day included; 13 months from activation)",
	benefits.KeyValidThroughMembership: "through {0} (the last day included; the membership ends before 13 months from activation)",
	benefits.KeyNoteAvailableOn:        "Available on {0}, four days after the purchase while the payment is processed.",
	benefits.KeyNoteValid:              "Valid {0}.",
	benefits.KeyNoteEnded:              "Ended: it was valid {0}.",

	// The store's refusals (store.RefusalKeys: X1, M1, M2, M7, M8, M10, M16) and the Azure
	// connection's (azsync.KeyNotMCA, M6).
	"store.lot_differs":           "lot {0} already exists with other values: a lot cannot be edited; cancel it and add a new one",
	"store.lot_name_used":         "lot name {0} is already used by billing profile {1} of this billing account: lot names are unique within a billing account",
	"store.lot_canceled_already":  "lot {0} is already canceled from {1}",
	"store.lot_expired":           "lot {0} has expired: it cannot be canceled any more",
	"store.cancel_used":           "Credit {0} cannot be canceled: it is used: it has no balance left.",
	"store.cancel_expired":        "Credit {0} cannot be canceled: it has expired, and what it had left leaves as expired credit.",
	"store.cancel_canceled":       "Credit {0} cannot be canceled: it is already canceled.",
	"store.cancel_canceled_from":  "Credit {0} cannot be canceled: it is already canceled from {1}.",
	"store.closed_cancellation":   "the cancellation of lot {0} dated {1} falls in a month already invoiced (the next invoice covers {2}): invoiced data cannot change",
	"store.closed_adjustment":     "an adjustment dated {0} falls in a month already invoiced (the next invoice covers {1}): invoiced data cannot change",
	"store.credit_limit":          "this lot of {0} would take the billing profile's credit to {1} or more: the lots of one profile stay below {1}",
	"store.adjustment_limit":      "this adjustment would take the billing profile's adjustments of {0} to {1} or more: they stay below {1} per month, in absolute value",
	"store.synced_ledger":         "This billing profile is synced from Azure, which keeps its ledger: change it in Azure, and the next sync brings the change here.",
	"store.not_covered_already":   "\"{0}\" is already on the not-covered list as \"{1}\"",
	"store.azure_account_taken":   "Azure billing account {0} is already connected to another CreditDesk billing account.",
	"store.azure_profile_taken":   "Azure billing profile {0} already exists in another CreditDesk billing account.",
	"store.azure_synced_elsewise": "Billing profile {0} is synced by another Azure connection.",
	"store.azure_own_ledger":      "Billing profile {0} already has credits or charges of its own in CreditDesk: Azure cannot take over its ledger.",
	"store.azure_currency":        "Billing profile {0} changed currency in Azure from {1} to {2}.",
	"store.azure_lot_taken":       "Azure lot {0} is already a lot of billing profile {1}.",
	"azure.not_mca":               "Only a Microsoft Customer Agreement billing account has Azure credits to sync.",

	// A cost export's problems (costcsv.Keys, X2) and the store's checks of its lines
	// (store.ChargeProblemKeys: X1, M16).
	"costcsv.at_cell":        "line {0}, column {1}: {2}",
	"costcsv.at_line":        "line {0}: {1}",
	"costcsv.more":           "and {0} more problems",
	"costcsv.empty_file":     "empty file: no header line",
	"costcsv.file_too_large": "larger than {0} MiB: export a shorter period",
	"costcsv.line_too_long":  "line longer than {0} bytes: not a cost export?",
	"costcsv.csv_syntax":     "CSV syntax: {0}; reading stopped here",
	"costcsv.data_lines":     "more than {0} data lines: export a shorter period",
	"costcsv.field_count":    "{0} fields where the header has {1}",
	"costcsv.column_twice":   "column appears twice (fields {0} and {1})",
	"costcsv.missing_column": "missing required column",
	"costcsv.empty":          "empty: a value is required",
	"costcsv.not_number":     "not a number: \"{0}\"",
	"costcsv.cost_too_large": "too large: a line must stay below {0}",
	"costcsv.file_limit":     "the costs of this file add up to {0} or more (in absolute value) by this line: split the export, at most {0} per file",
	"costcsv.not_date":       "not a date: \"{0}\" (want MM/DD/YYYY or YYYY-MM-DD)",
	"costcsv.date_range":     "\"{0}\" is outside the days charges may be dated by, {1} to {2}",
	"costcsv.not_profile":    "not a billing profile name (XXXX-XXXX-XXX-XXX) or id: \"{0}\"",
	"costcsv.not_currency":   "\"{0}\" is not an ISO 4217 currency code, such as USD",
	"costcsv.not_utf8":       "not valid UTF-8",
	"costcsv.product_long":   "longer than {0} characters",
	"costcsv.control":        "control character in \"{0}\"",
	"costcsv.publisher":      "unknown publisher type \"{0}\": want Azure, Microsoft or Marketplace",
	"costcsv.charge_type":    "unknown charge type \"{0}\": want Usage, Purchase, Refund, UnusedReservation, UnusedSavingsPlan or RoundingAdjustment",
	"costcsv.eligible":       "want True or False, not \"{0}\"",
	"costcsv.negative_net":   "{0} nets {1} after refunds ({2}): a refund cannot exceed the charges of its day",
	"costcsv.total":          "{0}'s \"{1}\" ({2}, eligible) on {3}",
	"costcsv.total_not":      "{0}'s \"{1}\" ({2}, not eligible) on {3}",
	"costcsv.one_line":       "line {0}",
	"costcsv.lines":          "lines {0}",
	"costcsv.lines_and_more": "lines {0}, and {1} more",

	"store.charge_other_profile":  "{0} is not this billing profile ({1}): upload each profile's charges on its own page",
	"store.charge_profiles":       "more than {0} billing profiles in one file: import them in several files",
	"store.charge_no_profile":     "no billing profile {0}",
	"store.charge_profile_twice":  "{0} names billing profiles of several accounts",
	"store.charge_not_in_account": "billing account {1} has no billing profile {0}",
	"store.charge_future":         "{0} is after today ({1}): charges are imported once they have happened",
	"store.charge_currency":       "{0}, but billing profile {1} is billed in {2}",
	"store.charge_invoiced":       "a charge for {0} dated {1} falls in a month already invoiced (the next invoice covers {2}): invoiced data cannot change",
	"store.charge_month_limit":    "billing profile {0}'s charges of {1} would total {2}: a profile's charges of one month stay below {3} (M16)",
	"store.charge_month_overflow": "billing profile {0}'s charges of {1} would overflow: a profile's charges of one month stay below {2} (M16)",

	// The ledger's input errors (ledger.Keys: X2, M2, M7, M8, M10, M16).
	"ledger.at_field":             "{0}: {1}",
	"ledger.too_large":            "{0} takes the inputs of this computation to {1} or more: a billing profile holds less than {2} of credit and less than {3} of charges per month (M16)",
	"ledger.outside":              "{0} is outside {1} ({2} to {3})",
	"ledger.currency_differs":     "\"{0}\", profile in \"{1}\"",
	"ledger.lot_currency_differs": "lot in \"{0}\", profile in \"{1}\"",
	"ledger.charge_id":            "a charge needs an id",
	"ledger.adjustment_id":        "an adjustment needs an id",
	"ledger.lot_id":               "a lot needs an id",
	"ledger.invoice_number":       "an invoice needs a number",
	"ledger.duplicate_charge":     "duplicate charge id {0}",
	"ledger.duplicate_adjustment": "duplicate adjustment id {0}",
	"ledger.duplicate_lot":        "duplicate lot id {0}",
	"ledger.negative":             "must not be negative",
	"ledger.publisher":            "unknown publisher type \"{0}\"",
	"ledger.source":               "unknown source \"{0}\"",
	"ledger.state":                "unknown state \"{0}\"",
	"ledger.expires_before_start": "before the start date",
	"ledger.canceled_after":       "after the expiration date: the lot has expired by then",
	"ledger.pending_balance":      "a pending lot's balance is its original amount",
	"ledger.canceled_needs_date":  "a canceled lot needs its cancellation date",
	"ledger.profile_currency":     "\"{0}\" is not an ISO 4217 currency code",
	"ledger.invoice_day":          "{0} is not a day from 1 to 28",
	"ledger.month":                "month {0}",
	"ledger.day":                  "must be a date YYYY-MM-DD",
	"ledger.status":               "use one of {0}",
	"ledger.name_required":        "a product name is required",
	"ledger.name_utf8":            "a product name must be UTF-8 text",
	"ledger.name_long":            "a product name has at most {0} characters",
	"ledger.name_control":         "a product name cannot hold control characters",
	"ledger.name_letter":          "a product name needs a letter or a digit",

	access.KeyLastOwner: "The last owner of a billing scope cannot be removed. Grant the owner role to someone else first.",

	// Alert rules and what their events found (the Alerts page, alert emails).
	"days.one":                    "1 day",
	"days.many":                   "{0} days",
	"alert.rule_expiring":         "A credit expires within {0} days",
	"alert.rule_expiring_amount":  "A credit expires within {0} days with at least {1} left",
	"alert.rule_runway":           "The runway forecast says credit runs out within {0} days",
	"alert.rule_balance_percent":  "The estimated balance falls below {0}% of the credit released this year",
	"alert.rule_balance":          "The estimated balance falls below {0}",
	"alert.rule_unused":           "The forecast says at least {0} will expire unused",
	"alert.rule_failed":           "The processing run failed for the billing profile",
	"alert.rule_benefit_unused":   "A benefit is not assigned or not redeemed {0} before its end",
	"alert.rule_unredeemed":       "A monthly credit's user has not redeemed it {0} after its assignment",
	"alert.rule_membership":       "The membership ends within {0}",
	"alert.resolved":              "Resolved for {0}: no longer true: {1}.",
	"alert.event_expiring":        "Credit {0} of {1} expires on {2} (in {3}) with {4} left. Use it or ask for an extension before then.",
	"alert.event_runway":          "At the recent burn of {0} a day, the credit of {1} runs out on {2} (in {3}).",
	"alert.event_balance_percent": "The estimated balance of {0} is {1}, below {2}% of the {3} of credit released this year.",
	"alert.event_balance":         "The estimated balance of {0} is {1}, below {2}.",
	"alert.event_unused":          "At the recent burn rate, {0} of the credit of {1} will expire unused.",
	"alert.event_failed":          "The processing run failed for {0}: new credit, expiries and invoices are not up to date until it succeeds.",
	"alert.event_benefit_held":    "Benefit {0} ({1}) of {2} is assigned to {3}, who has not redeemed it; it ends on {4} (in {5}).",
	"alert.event_benefit_free":    "Benefit {0} ({1}) of {2} is not assigned to anyone; it ends on {3} (in {4}). Assign it before then.",
	"alert.event_unredeemed":      "Monthly credit {0} of {1} was assigned to {2} on {3}, {4} ago, and is not redeemed yet.",
	"alert.event_membership":      "The membership of {0} ends on {1} (in {2}). Renew it to get the next year's benefits.",

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
