package benefits

import (
	"time"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
)

// ParseRenewal reads the renewal date as typed in the Renew form: exactly YYYY-MM-DD (X2),
// as the start of that day in UTC.
func ParseRenewal(s string) (time.Time, error) {
	day, err := ledger.ParseDay(FieldRenewal, s)
	if err != nil {
		return time.Time{}, Input(FieldRenewal, KeyRenewalFormat)
	}
	return day.Time(), nil
}

// Renew issues the next membership year's benefits when the membership is renewed on the day
// of renewal (P6): one new benefit per current one, same kind, amount and currency, with no
// user, no history and no activation, so each can be assigned to anybody, including a user
// who could not get this year's credit. Its PurchaseDate is the renewal day; it starts the
// day after the current benefit ends, or, for a renewal after that day, when it is provisioned
// (renewal day + 4 days, P8); it ends one year later, the day before the anniversary. ID is
// left empty for the store to fill; PreviousID links it to the benefit it renews.
// Refused: a zero renewal date, or one before a current benefit's purchase date (X2).
func Renew(current []Benefit, renewal time.Time) ([]Benefit, error) {
	if renewal.IsZero() {
		return nil, refuse(RuleInput, FieldRenewal, KeyRenewalRequired)
	}
	day := civilDay(renewal)
	next := make([]Benefit, 0, len(current))
	for _, b := range current {
		if day.Before(civilDay(b.PurchaseDate)) {
			return nil, refuse(RuleInput, FieldRenewal, KeyRenewalEarly, ledger.DateOf(day), ledger.DateOf(b.PurchaseDate),
				fault.ID(b.ID))
		}
		start := civilDay(b.EndDate).AddDate(0, 0, 1)
		if provisioned := day.AddDate(0, 0, ProvisioningDays); provisioned.After(start) {
			start = provisioned // a late renewal: the new year begins once provisioned
		}
		next = append(next, Benefit{
			PreviousID:   b.ID,
			PartnerID:    b.PartnerID,
			Kind:         b.Kind,
			Amount:       b.Amount,
			Currency:     b.Currency,
			PurchaseDate: day,
			StartDate:    start,
			// AddDate normalises 29 February + 1 year - 1 day to 28 February: still a year.
			EndDate: start.AddDate(1, 0, -1),
		})
	}
	return next, nil
}
