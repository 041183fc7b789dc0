// Package ledger is the Azure credit ledger of a Microsoft Customer Agreement billing profile
// (DOMAIN M7-M16, X1-X3) as pure functions: no I/O, no clock (callers pass Now and dates), no
// floating point (amounts are money.Amount micro-units). It imports only the standard library
// and internal/money.
//
// # State and flow
//
// The store keeps, per profile, a Profile (currency, invoice day, the next period to invoice,
// the current balance) and, per lot, a Lot with its ledger fields (State, ClosedBalance,
// ExpiredAmount). Every function works on that current state plus new inputs, never on the
// whole history, so its cost does not grow with the number of past events:
//
//   - NewProfile, NewLot: initial states (a new lot is LotPending).
//   - Eligible, NotCovered: whether a charge is credit-eligible (M10), from the stored list.
//   - IssueInvoice: while Profile.Due(now), issue the next month's invoice from the live lots
//     and that month's charges and adjustments; store the returned profile, changed lots,
//     invoice (with allocations) and events in one transaction (M9, M11, M13).
//   - Summarize: the balance section, from the live lots and everything not invoiced yet (M12).
//   - Forecast: the runway from Summary.Lots and daily eligible charge totals.
//   - Lot.Cancelable: whether a lot may be canceled today; the caller then sets its CanceledOn.
//   - Lot.Status, Lot.DaysToExpiry, Status.API: what the credits list shows (M8).
//
// Errors: bad input is an *InputError naming the field ("charges[3].currency") and matching
// ErrInvalid or ErrCurrency, inputs adding up past InputLimit included (bounds.go: no sum can
// overflow); a stored state that contradicts itself is ErrInconsistent.
//
// # Decisions (Microsoft leaves these open; the README and the page state them)
//
// Burn order (M9): lots are consumed soonest expiration first, then earliest start date, then
// lowest lot id (byte order). Only lots valid on a charge's date pay it: from the start of the
// start date to the end of the expiration date, and only before the cancellation date.
//
// Processing order: an invoice processes its month by date; on one date adjustments come
// first, then charges by charge id. Charges are never negative: a money refund lowers the
// charges of its day before they reach the ledger.
//
// New credit (M12, M12a): a lot enters the closed ledger with the first invoice issued on or
// after its start date; its new-credit event is dated its start date. Between its start and
// that invoice it is pending new credit, counted in PendingCreditAdjustments.
//
// Expiry (M11): a lot may still pay charges dated up to its expiration date, and those are
// invoiced the month after, so its expiry settles with the invoice of the month containing the
// expiration date, as an expired-credit event dated the expiration date. Between its
// expiration and that invoice, the estimate shows what it will lose as ExpiredCredit. Expired
// credit is never applied afterwards.
//
// Adjustments (M12): an adjustment (for example a refund of usage that credit paid) is pending
// until the invoice of its month settles it; the estimate already counts it in
// PendingCreditAdjustments. A positive adjustment adds credit to the lot valid on its date that
// burns last (the longest-lived one), so refunded credit is not lost to an early expiry; a
// negative one removes credit from the valid lots in burn order. What no lot can take (no lot
// valid that day, or not enough credit) cannot become or remove credit: it is reported as the
// invoice's UnappliedAdjustments for billing to settle with money, and is not in the balance.
//
// Cancellation (M11, M13): a lot canceled from day C (Lot.CanceledOn) pays only charges dated
// before C, whenever they are invoiced, so the result does not depend on when processing runs.
// It ends like an expiring lot whose last day is C-1: the invoice of the month containing C-1
// settles what it has left as a canceled-credit event dated C, and until then the estimate
// shows that credit as CanceledCredit (a pending canceled-credit event), so a cancellation
// shows at once. A lot canceled on or before its start date is void: it never brings credit.
// A lot is either canceled or expires, never both (CanceledOn is never after ExpirationDate).
//
// Events (M13): only changes are events, so a zero amount yields none; an invoice that used
// no credit has no settled-charges event. Settled events are appended, in the order
// IssueInvoice returns them (date, then new credit, adjustment, cancellation, expiry, settled
// charges), each with the current balance after it, so the settled events of a profile sum to
// its CurrentBalance. An invoice's events may be dated before the previous invoice's settled
// charges (a refund, expiry or cancellation early in its month); lists show events by date, so
// the store gives each the running balance in that order. Settled charges and settled
// adjustments carry the invoice number.
// Pending events are recomputed by Summarize and never stored as settled; current balance plus
// the pending events gives the estimated balance.
//
// Estimate (M12): Summarize simulates the invoice that would be issued today. When pending
// eligible charges exceed the credit valid on their dates, the excess is due in full
// (UncoveredCharges) and PendingEligibleCharges reports only what credit covers, so the M12
// identity holds exactly and the estimate never drops below zero. Canceled credit is counted
// in PendingCreditAdjustments (as a negative amount), the API's place for it, and given on its
// own line as CanceledCredit.
//
// Status (M8): expiring means expiring in 0 to window days (DefaultExpiryWindow is 30) and
// used reads the closed balance.
//
// Eligibility (M10): Marketplace charges are never eligible; other products match the
// installation's not-covered list (data the store keeps) as the whole name or as its leading
// words, without regard to case, spacing or regular plurals.
//
// Runway: the burn rate is the mean daily eligible charge over the last 90 days (today
// excluded; days without charges count as zero; fewer than MinHistoryDays = 14 days of data is
// "not enough history"). The projection starts tomorrow, consumes the rate daily in burn order
// from the estimated lot balances, and reports the first day credit cannot cover the whole
// burn, plus what each lot will lose to expiry.
//
// Currency (M2, M16): a profile has one currency; a lot, charge or adjustment in another is
// refused with ErrCurrency (codes compare case-insensitively).
package ledger
