// Package costcsv reads the "cost and usage details" CSV that Azure Cost Management exports for a
// Microsoft Customer Agreement, line by line in constant memory, and hands over each good line
// with its charge Key: billing profile, day, product, publisher type and eligibility
// (scenario-format.md, "Charges from real cost exports"). It is pure: no I/O beyond the reader
// it is given, no clock, no database. Summing the lines per Key (which needs room for as many
// keys as the file has: 700,000 products are no exception), storing the totals, and making a
// second import of the same file add nothing, is the store's job; NegativeNet words the one
// problem of a key's total.
//
// Decisions, beyond what the spec fixes:
//
//   - Columns are found by header name, case-insensitively and with surrounding spaces ignored,
//     in any order; a UTF-8 byte-order mark is skipped. A column the parser uses that appears
//     twice is a problem (which one is meant is a guess). Problems name columns by their
//     canonical spelling (costInBillingCurrency), whatever case the file uses.
//   - Cells are trimmed of surrounding spaces. Every used cell must be filled, except
//     publisherType and chargeType, whose empty value means Azure and Usage.
//   - billingProfileId is a profile name or any ARM id containing /billingProfiles/NAME; the
//     name is upper-cased and must look like XXXX-XXXX-XXX-XXX (A-Z, 0-9), as in scenario files.
//     billingCurrency is upper-cased and must be three letters; the store compares it with the
//     profile's currency on every line. productName is at most 200 characters without control characters.
//   - date is MM/DD/YYYY (one-digit month and day allowed) or YYYY-MM-DD; an RFC 3339 instant is
//     also accepted and its UTC date taken, as ledger.ParseDate does.
//   - costInBillingCurrency is a decimal with an optional sign and exponent ("12.5", "-3",
//     "1.5E-05"). Each line is rounded half-even to 6 decimal places with math/big (never a
//     float64) before it is summed, so a line is off by at most half a micro-unit; NaN, Inf,
//     thousands separators and currency symbols are refused. A line of 100 billion or more is
//     a problem (money.Limit), and so is the line that takes the file's absolute costs to
//     FileLimit (one trillion): that line and the later ones are left out, so that any sum of a
//     file's lines fits in an int64. The store bounds a profile's month (ledger.MonthLimit).
//   - publisherType: Azure, Microsoft or empty mean Azure; Marketplace means Marketplace; any
//     other value (AWS, a typo) is a problem. Matching ignores case.
//   - chargeType: Usage, Purchase, UnusedReservation, UnusedSavingsPlan and RoundingAdjustment
//     are charges, summed with the sign the export writes (a negative correction lowers its
//     day). Refund lowers its day by the absolute value of its cost, so an export that already
//     writes refunds as negative numbers is not negated twice. Anything else (Tax, a typo) is a
//     problem rather than a guess. No column means every line is Usage.
//   - isAzureCreditEligible, when the column exists, decides eligibility from True or False
//     (any case); any other value, empty included, is a problem. Without the column, rule M10
//     decides: ledger.Eligible with the not-covered list the caller passes.
//   - Eligibility is part of the key, so one product on one day may have an eligible and a
//     non-eligible total. A key whose lines sum to exactly zero is still a total (nothing is
//     lost); a key whose net is negative is a problem naming its lines (NegativeNet).
//   - Defending memory and time: more than MaxDataLines data lines, more than MaxBytes bytes or
//     a physical line longer than MaxLineBytes stops reading with one problem. A Collector
//     keeps at most MaxProblems problems, the first found, sorted by line, then one "and N more
//     problems". A CSV syntax error (a stray quote) stops reading too: what follows it cannot
//     be trusted. A line with the wrong number of fields is a problem and reading goes on. An
//     I/O error of the reader is returned wrapped, not as a Problem: it is no fault of the file.
package costcsv
