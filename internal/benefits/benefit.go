package benefits

import (
	"errors"
	"time"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// Benefit is one credit benefit of a partner organisation, as stored. Dates are civil days
// (UTC, time of day ignored); ActivatedAt and RedeemedAt are instants. The zero time means
// "not set". Decisions never modify a Benefit in place: they return a new value in a Change.
type Benefit struct {
	ID         string // stable id, for example "b-001"; empty on a renewal not yet stored
	PreviousID string // the benefit of the previous membership year this one renews, or ""
	PartnerID  string // the owning partner organisation; carried over, never interpreted here
	Kind       Kind
	// Amount is the monthly allotment for AzureMonthlyCredit (P3) and the whole year's amount
	// for every other kind.
	Amount       money.Amount
	Currency     string    // ISO 4217 code, for example "USD"
	PurchaseDate time.Time // membership purchase day; provisioning counts from it (P8)
	StartDate    time.Time // first day the credit can be used
	EndDate      time.Time // last day the credit can be used (inclusive)
	// AssignedTo is the lower-case email of the user holding the benefit, or "".
	AssignedTo string
	// ActivatedAt is the first redemption. It starts a monthly credit's 13 months (P11) and is
	// kept through reassignments, so that reassigning never restarts the validity.
	ActivatedAt time.Time
	// RedeemedAt is when the current holder redeemed; zero while the holder has not.
	RedeemedAt time.Time
	// SubscriptionID is the Azure subscription the current holder's redemption created (P5).
	SubscriptionID string
}

// Status is what the page shows for a benefit (issue 5). The string values are stable
// identifiers for URLs, JSON and data-testid attributes; Label is for people.
type Status string

// The statuses, in lifecycle order.
const (
	StatusPendingProvisioning Status = "PendingProvisioning" // before purchase day + 4 days (P8)
	StatusNotRedeemed         Status = "NotRedeemed"         // available, no user assigned (P4)
	StatusAssigned            Status = "Assigned"            // a user is assigned, not yet redeemed
	StatusRedeemed            Status = "Redeemed"            // the holder redeemed: active (P5)
	StatusExpired             Status = "Expired"             // past its end (P3) or its 13 months (P11)
)

// Statuses lists every status, in lifecycle order.
func Statuses() []Status {
	return []Status{StatusPendingProvisioning, StatusNotRedeemed, StatusAssigned, StatusRedeemed, StatusExpired}
}

// Label is the status as the page shows it.
func (s Status) Label() string {
	switch s {
	case StatusPendingProvisioning:
		return "Pending provisioning"
	case StatusNotRedeemed:
		return "Not redeemed"
	case StatusAssigned:
		return "Assigned"
	case StatusRedeemed:
		return "Redeemed"
	case StatusExpired:
		return "Expired"
	}
	return string(s)
}

// ActionRank orders the statuses by what needs action first, as the list sorts them by
// default (issue 11): Not redeemed (a partner admin assigns it), Assigned (its holder redeems
// it), Pending provisioning (available in a few days), Redeemed (in use), Expired (nothing left
// to do).
func (s Status) ActionRank() int {
	switch s {
	case StatusNotRedeemed:
		return 0
	case StatusAssigned:
		return 1
	case StatusPendingProvisioning:
		return 2
	case StatusRedeemed:
		return 3
	}
	return 4
}

// AvailableAt is when the benefit stops being pending provisioning (P8): 00:00 UTC on the
// fourth civil day after the purchase day. A purchase on 1 February is available from
// 5 February 00:00 UTC, whatever the time of the purchase, so the page can name one date.
func AvailableAt(b Benefit) time.Time {
	return civilDay(b.PurchaseDate).AddDate(0, 0, ProvisioningDays)
}

// ExpiresAt is the first instant at which the benefit is expired: the end of EndDate (00:00
// UTC the next day), because EndDate is the last usable day (P3). An activated monthly credit
// expires at the earlier of that and exactly 13 calendar months after ActivatedAt (P11,
// ratified; a day past the target month's end is clamped to that end): it flows every month
// until the membership ends, for 13 months at most.
func ExpiresAt(b Benefit) time.Time {
	if ExpiresBy13Months(b) {
		return addMonths(b.ActivatedAt, MonthlyValidityMonths)
	}
	return civilDay(b.EndDate).AddDate(0, 0, 1)
}

// ExpiresBy13Months reports whether the benefit is an activated monthly credit whose 13 months
// from activation end no later than its end date (P11), so that the 13 months decide its expiry.
func ExpiresBy13Months(b Benefit) bool {
	return b.Kind.Monthly() && !b.ActivatedAt.IsZero() &&
		!civilDay(b.EndDate).AddDate(0, 0, 1).Before(addMonths(b.ActivatedAt, MonthlyValidityMonths))
}

// StatusOf returns the benefit's status at now. Expired wins over everything, then pending
// provisioning; then the holder's progress decides.
func StatusOf(b Benefit, now time.Time) Status {
	switch {
	case !now.Before(ExpiresAt(b)):
		return StatusExpired
	case now.Before(AvailableAt(b)):
		return StatusPendingProvisioning
	case b.AssignedTo != "" && !b.RedeemedAt.IsZero():
		return StatusRedeemed
	case b.AssignedTo != "":
		return StatusAssigned
	}
	return StatusNotRedeemed
}

// Validate checks a benefit as a loader or the store receives it (X2). Every problem is
// reported, joined, with Field set to the scenario file's JSON key, so a loader can prefix
// its JSON path. Organisation-dependent rules (P9, P10) need more context: a loader checks the
// holder with ValidateEmail and CheckBulkLimit.
func (b Benefit) Validate() error {
	var errs []error
	add := func(field, key string, args ...any) {
		errs = append(errs, refuse(RuleInput, field, key, args...))
	}
	if !b.Kind.Valid() {
		_, err := ParseKind(string(b.Kind))
		errs = append(errs, err)
	}
	if !b.Amount.IsPositive() {
		add(FieldAmount, KeyAmountPositive)
	}
	if err := money.CheckCurrency(b.Currency); err != nil {
		add(FieldCurrency, KeyCurrency, err.Error())
	}
	for _, d := range []struct {
		field string
		t     time.Time
	}{{"purchaseDate", b.PurchaseDate}, {"startDate", b.StartDate}, {"endDate", b.EndDate}} {
		if d.t.IsZero() {
			add(d.field, KeyDateRequired)
		}
	}
	if !b.StartDate.IsZero() && !b.EndDate.IsZero() && civilDay(b.EndDate).Before(civilDay(b.StartDate)) {
		add("endDate", KeyEndBeforeStart, ledger.DateOf(b.EndDate), ledger.DateOf(b.StartDate))
	}
	if b.AssignedTo != "" {
		if err := checkEmailSyntax("assignedTo", b.AssignedTo); err != nil {
			errs = append(errs, err)
		}
	}
	errs = append(errs, b.validateRedemption()...)
	return errors.Join(errs...)
}

// validateRedemption checks the redemption fields against each other and the dates (P5, P8).
func (b Benefit) validateRedemption() []error {
	var errs []error
	add := func(field, key string, args ...any) {
		errs = append(errs, refuse(RuleInput, field, key, args...))
	}
	if b.RedeemedAt.IsZero() {
		if b.SubscriptionID != "" {
			add("subscriptionId", KeySubscriptionEarly)
		}
		return errs
	}
	if b.AssignedTo == "" {
		add("redeemedAt", KeyRedeemerRequired)
	}
	if b.RedeemedAt.Before(AvailableAt(b)) {
		add("redeemedAt", KeyRedeemedEarly, ledger.DateOf(AvailableAt(b)))
	}
	if b.RedeemedAt.Before(civilDay(b.StartDate)) {
		add("redeemedAt", KeyRedeemedBeforeStart)
	}
	if b.ActivatedAt.IsZero() || b.ActivatedAt.After(b.RedeemedAt) {
		add("activatedAt", KeyActivationRequired)
	}
	if !validGUID(b.SubscriptionID) {
		add("subscriptionId", KeySubscriptionRequired)
	}
	return errs
}
