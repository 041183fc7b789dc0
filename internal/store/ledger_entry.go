package store

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
)

// firstOpenDate is the first day that is not invoiced yet: data dated before it belongs to a
// closed invoice and can no longer change (X1).
func firstOpenDate(p BillingProfile) string {
	if p.NextPeriod == "" {
		return ""
	}
	return p.NextPeriod + "-01"
}

// closedRefusal refuses data dated in an invoiced month.
func closedRefusal(what, date string, p BillingProfile) fault.Refusal {
	return fault.Refusal{Rule: "X1", Message: fmt.Sprintf(
		"%s dated %s falls in a month already invoiced (the next invoice covers %s): invoiced data cannot change",
		what, date, p.NextPeriod)}
}

// SaveLot adds a credit lot to a profile, keyed by its name. A lot is a ledger entry: loading it
// again unchanged does nothing, and a lot that differs from the stored one is refused (cancel it
// and add a new lot instead). A new lot is pending until the next processing run (M15). A
// cancellation date (CanceledOn) may be added to a stored lot that is not settled yet; it must
// not fall in a month already invoiced, whose charges it could have changed (X1).
func (s *Store) SaveLot(ctx context.Context, l LotRow) (Change, error) {
	var old LotRow
	err := s.conn(ctx).Where("billing_profile_id = ? AND name = ?", l.BillingProfileID, l.Name).Take(&old).Error
	if err == nil {
		if old.Source == l.Source && old.OriginalAmount == l.OriginalAmount && old.StartDate == l.StartDate &&
			old.ExpirationDate == l.ExpirationDate && old.PurchasedDate == l.PurchasedDate && old.PONumber == l.PONumber {
			return s.addCancellation(ctx, old, l.CanceledOn)
		}
		return Unchanged, fault.Refusal{Rule: "X1", Message: fmt.Sprintf(
			"lot %s already exists with other values: a lot cannot be edited; cancel it and add a new one", l.Name)}
	}
	if !isNotFound(wrap("", err)) {
		return Unchanged, wrap("save lot", err)
	}
	if err := s.checkCancellation(ctx, l); err != nil {
		return Unchanged, err
	}
	var other []string
	err = s.conn(ctx).Table("lots AS l").Select("p.name").Joins("JOIN billing_profiles AS p ON p.id = l.billing_profile_id").
		Where("l.name = ? AND l.billing_profile_id <> ? AND p.billing_account_id = (SELECT billing_account_id FROM billing_profiles WHERE id = ?)",
			l.Name, l.BillingProfileID, l.BillingProfileID).Limit(1).Pluck("p.name", &other).Error
	if err != nil {
		return Unchanged, wrap("save lot: name in account", err)
	}
	if len(other) > 0 {
		return Unchanged, fault.Refusal{Rule: "M7", Message: fmt.Sprintf(
			"lot name %s is already used by billing profile %s of this billing account: lot names are unique within a billing account", l.Name, other[0])}
	}
	l.State, l.ClosedBalance, l.Released, l.CreatedAt = "Pending", l.OriginalAmount, false, s.now().UTC()
	return Created, wrap("create lot", s.conn(ctx).Create(&l).Error)
}

// addCancellation gives a stored lot the cancellation date a scenario states, if it has none:
// a cancellation is not an edit of the ledger, the invoices settle it as an event (M13).
func (s *Store) addCancellation(ctx context.Context, old LotRow, on string) (Change, error) {
	switch {
	case on == "" || old.CanceledOn == on:
		return Unchanged, nil
	case old.CanceledOn != "":
		return Unchanged, fault.Refusal{Rule: "X1", Message: fmt.Sprintf("lot %s is already canceled from %s", old.Name, old.CanceledOn)}
	case old.State != string(ledger.LotPending) && old.State != string(ledger.LotOpen):
		return Unchanged, fault.Refusal{Rule: "M8", Message: fmt.Sprintf("lot %s has expired: it cannot be canceled any more", old.Name)}
	}
	old.CanceledOn = on
	if err := s.checkCancellation(ctx, old); err != nil {
		return Unchanged, err
	}
	err := s.conn(ctx).Model(&LotRow{}).Where("id = ?", old.ID).Update("canceled_on", on).Error
	return Updated, wrap("cancel lot", err)
}

// checkCancellation refuses a cancellation date in a month already invoiced: the lot could have
// paid charges of that month dated from it on, which can no longer change (X1).
func (s *Store) checkCancellation(ctx context.Context, l LotRow) error {
	if l.CanceledOn == "" {
		return nil
	}
	var p BillingProfile
	if err := s.conn(ctx).Where("id = ?", l.BillingProfileID).Take(&p).Error; err != nil {
		return wrap("lot cancellation: billing profile", err)
	}
	if open := firstOpenDate(p); open != "" && l.CanceledOn < open {
		return closedRefusal("the cancellation of lot "+l.Name, l.CanceledOn, p)
	}
	return nil
}

// ChargeTotal is the total of a profile's charges for one day, product, publisher type and
// eligibility, as a source states it.
type ChargeTotal struct {
	Date          string
	Product       string
	PublisherType string
	Eligible      bool
	Amount        int64
}

func (c ChargeTotal) key() string {
	return fmt.Sprintf("%s|%s|%s|%t", c.Date, c.Product, c.PublisherType, c.Eligible)
}

// ChargeRefusals refuses charge totals dated in invoiced months (X1): every one of them, so that a
// caller can name each line at fault. errors.As finds each one's fault.Refusal.
type ChargeRefusals []ChargeRefusal

// ChargeRefusal is one refused total and the reason.
type ChargeRefusal struct {
	Total   ChargeTotal
	Refusal fault.Refusal
}

// Error returns the refusals' messages, one per line.
func (rs ChargeRefusals) Error() string {
	msgs := make([]string, len(rs))
	for i, r := range rs {
		msgs[i] = r.Refusal.Message
	}
	return strings.Join(msgs, "\n")
}

// Unwrap returns each refusal.
func (rs ChargeRefusals) Unwrap() []error {
	errs := make([]error, len(rs))
	for i, r := range rs {
		errs[i] = r.Refusal
	}
	return errs
}

// ChargeChanges counts what SetChargeTotals changed.
type ChargeChanges struct {
	Added     int   // correction entries added (totals that were new or different)
	Lowered   int   // of those, totals that went down: a later source replaced a higher one
	LoweredBy int64 // how much those totals went down in all, in micro-units
}

// SetChargeTotals records that the profile's charges for each key total what totals say. Keys
// already at that total are left alone, so loading or importing the same data twice adds
// nothing; a different total adds a correction entry (X1), and one that went down is counted
// so the caller can say so. A total dated in an invoiced month that differs from what was
// invoiced is refused, as ChargeRefusals naming every such total, and then nothing is written.
func (s *Store) SetChargeTotals(ctx context.Context, p BillingProfile, totals []ChargeTotal, origin string) (ChargeChanges, error) {
	var changes ChargeChanges
	if len(totals) == 0 {
		return changes, nil
	}
	totals = withOtherEligibility(totals)
	sort.Slice(totals, func(i, j int) bool { return totals[i].key() < totals[j].key() })
	from, to := totals[0].Date, totals[0].Date
	for _, t := range totals {
		from, to = min(from, t.Date), max(to, t.Date)
	}
	type sum struct {
		Date, Product, PublisherType string
		Eligible                     bool
		Total                        int64
	}
	var sums []sum
	err := s.conn(ctx).Model(&ChargeRow{}).
		Select("date, product, publisher_type, eligible, SUM(amount) AS total").
		Where("billing_profile_id = ? AND date BETWEEN ? AND ?", p.ID, from, to).
		Group("date, product, publisher_type, eligible").Scan(&sums).Error
	if err != nil {
		return changes, wrap("charge totals", err)
	}
	current := make(map[string]int64, len(sums))
	for _, x := range sums {
		current[ChargeTotal{x.Date, x.Product, x.PublisherType, x.Eligible, 0}.key()] = x.Total
	}
	open := firstOpenDate(p)
	var entries []ChargeRow
	var refused ChargeRefusals
	now := s.now().UTC()
	for _, t := range totals {
		delta := t.Amount - current[t.key()]
		if delta == 0 {
			continue
		}
		if open != "" && t.Date < open {
			refused = append(refused, ChargeRefusal{Total: t, Refusal: closedRefusal("a charge for "+t.Product, t.Date, p)})
			continue
		}
		if delta < 0 {
			changes.Lowered++
			changes.LoweredBy -= delta
		}
		entries = append(entries, ChargeRow{BillingProfileID: p.ID, Date: t.Date, Product: t.Product,
			PublisherType: t.PublisherType, Eligible: t.Eligible, Amount: delta, Origin: origin, CreatedAt: now})
	}
	if len(refused) > 0 {
		return ChargeChanges{}, refused
	}
	changes.Added = len(entries)
	if len(entries) == 0 {
		return changes, nil
	}
	return changes, wrap("add charges", s.conn(ctx).CreateInBatches(entries, 500).Error)
}

// withOtherEligibility adds a zero total for the other eligibility of every day, product and
// publisher type that totals state with one eligibility only. A source states the whole of a
// product's day, so when the not-covered list (M10) changed between two statements of a day,
// the second moves the day's charges to their new eligibility instead of counting them twice.
func withOtherEligibility(totals []ChargeTotal) []ChargeTotal {
	stated := make(map[string]bool, len(totals))
	for _, t := range totals {
		stated[t.key()] = true
	}
	all := slices.Clip(totals)
	for _, t := range totals {
		other := ChargeTotal{Date: t.Date, Product: t.Product, PublisherType: t.PublisherType, Eligible: !t.Eligible}
		if !stated[other.key()] {
			stated[other.key()] = true
			all = append(all, other)
		}
	}
	return all
}

// SaveAdjustment records an adjustment unless the same one (date, amount, description) exists.
func (s *Store) SaveAdjustment(ctx context.Context, p BillingProfile, a AdjustmentRow) (Change, error) {
	var n int64
	err := s.conn(ctx).Model(&AdjustmentRow{}).
		Where("billing_profile_id = ? AND date = ? AND amount = ? AND description = ?", p.ID, a.Date, a.Amount, a.Description).
		Count(&n).Error
	if err != nil {
		return Unchanged, wrap("find adjustment", err)
	}
	if n > 0 {
		return Unchanged, nil
	}
	if open := firstOpenDate(p); open != "" && a.Date < open {
		return Unchanged, closedRefusal("an adjustment", a.Date, p)
	}
	a.BillingProfileID, a.CreatedAt = p.ID, s.now().UTC()
	return Created, wrap("create adjustment", s.conn(ctx).Create(&a).Error)
}
