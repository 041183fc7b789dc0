package benefits

import (
	"time"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
)

// The keys of what the benefits rules say (fault.Message): refusals, change summaries and a
// benefit's validity. The views word each key (views/sentences.go); the comment of each lists
// its arguments.
const (
	// Refusals by a rule.
	KeyPending              = "benefits.pending"               // P8: the date it becomes available
	KeyAssignedAlready      = "benefits.assigned_already"      // P4: the holder's email
	KeyNoHolder             = "benefits.no_holder"             // P6
	KeyUnassigned           = "benefits.unassigned"            // P4
	KeyRedeemedAlready      = "benefits.redeemed_already"      // P5: the subscription id
	KeyNotStarted           = "benefits.not_started"           // P3: the start date
	KeyExpired13Months      = "benefits.expired_13_months"     // P11: the instant it expired (Minute)
	KeyExpiredMembership    = "benefits.expired_membership"    // P11: the end date
	KeyExpired              = "benefits.expired"               // P3: the end date
	KeyNotReassignable      = "benefits.not_reassignable"      // P6: the kind with its article ("a GitHub ... benefit")
	KeyLimitReached         = "benefits.limit_reached"         // P6: the limit
	KeyOnlyLastHolder       = "benefits.only_last_holder"      // P6: the limit, the most recent holder's email
	KeyHoldsAlready         = "benefits.holds_already"         // P6: the user's email
	KeySecondBulk           = "benefits.second_bulk"           // P9: email, bulk credit id, its start and end dates
	KeyFreeMail             = "benefits.free_mail"             // P10: the domain
	KeyFreeMailSubdomain    = "benefits.free_mail_subdomain"   // P10: the domain, the free-mail domain
	KeyForeignDomain        = "benefits.foreign_domain"        // P10: the domain, the organisation's domains
	KeyNotHolder            = "benefits.not_holder"            // P5
	KeyNotMember            = "benefits.not_member"            // P4: the user's email, the organisation's name
	KeyNothingToRenew       = "benefits.nothing_to_renew"      // P6
	KeyNoMore               = "benefits.no_more"               // P6: the limit, the organisation's name, the holder's email
	KeyMemberAlready        = "benefits.member_already"        // X2: the user's email, the organisation's name
	KeySignInToRedeem       = "benefits.sign_in_to_redeem"     // X2
	KeyBadDomain            = "benefits.bad_domain"            // X2: the configured text
	KeyNameRequired         = "benefits.name_required"         // X2
	KeyNameCharacters       = "benefits.name_characters"       // X2
	KeyNameTooLong          = "benefits.name_too_long"         // X2: the limit
	KeyEmailRequired        = "benefits.email_required"        // X2
	KeyEmailTooLong         = "benefits.email_too_long"        // X2: the limit
	KeyEmailInvalid         = "benefits.email_invalid"         // X2: the text given
	KeyAmountPositive       = "benefits.amount_positive"       // X2
	KeyMonthlyAmount        = "benefits.monthly_amount"        // X2
	KeyCurrency             = "benefits.currency"              // X2: what is wrong with it
	KeyDateRequired         = "benefits.date_required"         // X2
	KeyEndBeforeStart       = "benefits.end_before_start"      // X2: the end and start dates
	KeySubscriptionEarly    = "benefits.subscription_early"    // X2
	KeyRedeemerRequired     = "benefits.redeemer_required"     // X2
	KeyRedeemedEarly        = "benefits.redeemed_early"        // X2, P8: the date it became available
	KeyRedeemedBeforeStart  = "benefits.redeemed_before_start" // X2
	KeyActivationRequired   = "benefits.activation_required"   // X2
	KeySubscriptionRequired = "benefits.subscription_required" // X2, P5
	KeyRenewalRequired      = "benefits.renewal_required"      // X2
	KeyRenewalFormat        = "benefits.renewal_format"        // X2
	KeyRenewalInFuture      = "benefits.renewal_in_future"     // X2
	KeyRenewalEarly         = "benefits.renewal_early"         // X2: renewal date, purchase date, benefit id
	KeyBadFilter            = "benefits.bad_filter"            // X2: the text given
	KeyBadKind              = "benefits.bad_kind"              // X2: the text given
	KeyNegativeUsage        = "benefits.negative_usage"        // X2: the day of the usage
	KeyUsageNegative        = "benefits.usage_negative"        // X2

	// Changes, for the audit log and the page that made them (X1).
	KeyDidAssign           = "benefits.did_assign"            // holder, benefit id, kind
	KeyDidAssignCounted    = "benefits.did_assign_counted"    // holder, benefit id, kind, used, limit
	KeyDidReassign         = "benefits.did_reassign"          // benefit id, kind, old holder, new holder, used, limit
	KeyDidReassignRedeemed = "benefits.did_reassign_redeemed" // as KeyDidReassign, then the old subscription
	KeyDidRemove           = "benefits.did_remove"            // old holder, benefit id, kind, used, limit
	KeyDidRemoveRedeemed   = "benefits.did_remove_redeemed"   // as KeyDidRemove, then the old subscription
	KeyDidRedeem           = "benefits.did_redeem"            // holder, benefit id, kind, subscription, validity

	// Validity and status notes (P3, P8, P11).
	KeyValidUntil             = "benefits.valid_until"              // the instant it ends (Minute)
	KeyValidThrough           = "benefits.valid_through"            // its last day
	KeyValidThrough13Months   = "benefits.valid_through_13_months"  // its last day
	KeyValidThroughMembership = "benefits.valid_through_membership" // its last day
	KeyNoteAvailableOn        = "benefits.note_available_on"        // P8: the date it becomes available
	KeyNoteValid              = "benefits.note_valid"               // its validity (a Message)
	KeyNoteEnded              = "benefits.note_ended"               // its validity (a Message)
)

// Keys are every key the benefits rules and the store's benefit changes say, for a test that
// the views word each one.
var Keys = []string{
	KeyPending, KeyAssignedAlready, KeyNoHolder, KeyUnassigned, KeyRedeemedAlready, KeyNotStarted, KeyExpired13Months,
	KeyExpiredMembership, KeyExpired, KeyNotReassignable, KeyLimitReached, KeyOnlyLastHolder, KeyHoldsAlready,
	KeySecondBulk, KeyFreeMail, KeyFreeMailSubdomain, KeyForeignDomain, KeyNotHolder, KeyNotMember, KeyNothingToRenew,
	KeyNoMore, KeyMemberAlready, KeySignInToRedeem, KeyBadDomain, KeyNameRequired, KeyNameCharacters, KeyNameTooLong,
	KeyEmailRequired, KeyEmailTooLong, KeyEmailInvalid, KeyAmountPositive, KeyMonthlyAmount, KeyCurrency,
	KeyDateRequired, KeyEndBeforeStart, KeySubscriptionEarly, KeyRedeemerRequired, KeyRedeemedEarly,
	KeyRedeemedBeforeStart, KeyActivationRequired, KeySubscriptionRequired, KeyRenewalRequired, KeyRenewalFormat,
	KeyRenewalInFuture, KeyRenewalEarly, KeyBadFilter, KeyBadKind, KeyNegativeUsage, KeyUsageNegative,
	KeyDidAssign, KeyDidAssignCounted, KeyDidReassign, KeyDidReassignRedeemed, KeyDidRemove, KeyDidRemoveRedeemed,
	KeyDidRedeem, KeyValidUntil, KeyValidThrough, KeyValidThrough13Months, KeyValidThroughMembership,
	KeyNoteAvailableOn, KeyNoteValid, KeyNoteEnded,
}

// Validity says until when a benefit can be used, in one wording everywhere (the list, the
// pane, Benefits assigned to me, the redemption message). A benefit ends with its end date,
// which is included (P3): "through 2027-02-04 (the last day included)". An activated monthly
// credit ends at the earlier of that and 13 months after its activation (P11), at that
// instant: "until 2027-07-15 10:00 UTC (13 months from activation)", or when that instant is a
// midnight, through the day before; when its end date comes first, the text says so.
func Validity(b Benefit) fault.Message {
	end := ExpiresAt(b).UTC()
	byMonths := ExpiresBy13Months(b)
	if byMonths && !end.Equal(end.Truncate(24*time.Hour)) {
		return fault.Say(KeyValidUntil, fault.Minute(end))
	}
	last := ledger.DateOf(end.AddDate(0, 0, -1))
	switch {
	case byMonths:
		return fault.Say(KeyValidThrough13Months, last)
	case b.Kind.Monthly() && !b.ActivatedAt.IsZero():
		return fault.Say(KeyValidThroughMembership, last)
	}
	return fault.Say(KeyValidThrough, last)
}

// StatusNote explains a status with its date: when a pending benefit becomes available (P8),
// until when a live one can be used (P3, P11), until when an expired one could.
func StatusNote(b Benefit, st Status) fault.Message {
	switch st {
	case StatusPendingProvisioning:
		return fault.Say(KeyNoteAvailableOn, ledger.DateOf(AvailableAt(b)))
	case StatusExpired:
		return fault.Say(KeyNoteEnded, Validity(b))
	}
	return fault.Say(KeyNoteValid, Validity(b))
}
