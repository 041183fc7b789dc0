// Package benefits holds the rules of the partner Benefits workspace (DOMAIN.md P2-P12): the
// Azure credit benefits of a partner organisation, their status, assignment, reassignment,
// removal, redemption, monthly lapse, renewal and quick filters.
//
// The package is pure: no I/O and no clock. The store loads a benefit and the rows a decision
// needs (its history, the user's other holdings) inside a transaction with row locks, calls a
// decision with those values and now, and writes the returned Change (new state, history
// event, audit summary) with an audit entry (X1). A refusal is a *RuleError naming the rule,
// the form field and what to show as a fault.Message (a Key constant and its values, which
// the views word for the reader); it matches fault.ErrConflict (fault.ErrInvalid for
// malformed input, rule X2). Summaries, Validity and StatusNote are messages too. Times are
// normalised to UTC (X3).
//
// # API
//
//   - Kind, Status, Filter: typed strings with Label; StatusOf, AvailableAt, ExpiresAt.
//   - Benefit.Validate: field checks for loaders. NewUser, ValidateEmail, Policy: users (P10).
//   - Assign, Reassign, Remove (P4, P6, P9, P10, P12), Redeem and NewSubscriptionID (P5, P11):
//     decisions returning a Change. Allowed: which actions the state offers, for templates,
//     with the one user left at the reassignment limit (AssignOnly, RemoveLeavesOnly).
//   - CheckBulkLimit (P9), Reassignments and CountReassignments (P12), MonthlyHistory (P3),
//     Renew (P6), RuleErrors (one message per form field).
//
// # Decisions
//
// Provisioning (P8) is date-based: a benefit is Pending provisioning until 00:00 UTC on the
// fourth civil day after its purchase day (bought 1 February, available 5 February), so the
// page can name the date.
//
// Status precedence: Expired, then Pending provisioning, then Redeemed (the holder redeemed),
// Assigned (a holder who has not redeemed), Not redeemed (no holder).
//
// Expiry: a benefit expires at the end of its end date (inclusive). An activated monthly credit
// expires at the earlier of that and exactly 13 calendar months after its first activation
// (P11, ratified), at the same time of day, a day past the target month's end clamped to it
// (31 January to 28 February); at that instant it is Expired. A reassignment never restarts
// the 13 months.
//
// Reassignment (P6, P12): only the Azure monthly credit allows it, five times per credit.
// Setting a user counts as a reassignment when somebody held the credit before (now, or
// earlier in its history) and the new user is not that most recent holder. So the initial
// assignment does not count; a direct swap counts once; a removal counts nothing, and the
// assignment after it counts once if it names a different user, nothing if it puts back the
// user just removed. The sixth is refused, without exception. The count is the number of
// history events flagged Reassignment, shown as "2 of 5 used". So a credit at 5 of 5 whose
// holder is removed can go back only to that holder: Allowed names them in AssignOnly (the
// page offers them alone) and, before the removal, in RemoveLeavesOnly (the page warns).
//
// Yearly benefits: the Azure bulk credit and the three P7 benefits (Copilot for Security,
// GitHub Copilot Enterprise, GitHub Enterprise Metered) follow the bulk process: once assigned,
// no removal and no reassignment in that membership year; the user can change only on the
// next year's benefit issued by Renew.
//
// One bulk credit per user (P9) concerns the Azure bulk credit only: a user may hold it
// alongside monthly credits and P7 benefits, but not two bulk credits whose periods overlap
// (so next year's bulk credit, starting after this one ends, is fine). Monthly credits and
// P7 benefits have no per-user limit.
//
// Users (P10): an email is refused if its domain is, or is a subdomain of, a free-hosted
// domain (DefaultFreeMailDomains plus Policy.ExtraFreeMailDomains; case-insensitive, so
// Gmail.com and mail.gmail.com are refused), or if the organisation lists company domains
// and it is none of them nor a subdomain of one. Emails are stored lower-case, must be
// dot-atom addresses with an ASCII domain, at most 254 characters; names are 1-100
// characters.
//
// Redemption (P5): only the holder redeems; it always creates a new subscription whose GUID is
// generated from a random source, and it can begin on the start date. A reassigned credit
// returns to Assigned and its new holder redeems into a new subscription.
//
// Monthly lapse (P3): credit months are anchored at activation (13 of them, the last cut short
// when the end date comes first); each grants the monthly amount; usage is covered up to it
// (the rest is Uncovered, paid in full); what is left when the month ends lapses. Usage
// outside those months, or dated after now, is ignored.
//
// Renewal: each benefit is renewed as a fresh one starting the day after it ends (or, when
// renewed late, four days after the renewal day) and lasting one year.
//
// Quick filters (P2): Not redeemed and Redeemed match those statuses; Monthly and Bulk match
// the kind (Bulk: the Azure bulk credit only); Expiring matches a benefit not yet expired
// whose expiry is within 30 days.
package benefits
