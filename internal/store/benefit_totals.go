package store

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// BenefitTotals is what the Benefits workspace's charts show of an organisation's benefits,
// whatever the list's filter (issue 11): how many benefits have each status, and the amounts
// not redeemed yet by the month they end in.
type BenefitTotals struct {
	ByStatus   map[benefits.Status]int
	Unredeemed []UnredeemedTotal // by end month, then currency
	// Until is the first instant after the totals' now at which one of the benefits changes
	// status, reaching its available (P8) or expiry instant (P3, P11): the totals hold from now
	// until then, while no benefit is written (Store.BenefitsVersion). Zero when none will.
	Until time.Time
}

// UnredeemedTotal is the amount of the live benefits nobody has redeemed yet (pending
// provisioning, not redeemed, assigned) that end in one month, in one currency. A monthly
// credit counts its monthly amount (P3). A month, not a day: an organisation with benefits
// ending on hundreds of days gets a chart of a dozen bars.
type UnredeemedTotal struct {
	EndMonth ledger.Period
	Currency string
	Amount   money.Amount
	Count    int
}

// statusCase is the SQL of benefits.StatusOf at one instant (two parameters, both now): the
// same precedence, expired first, then pending provisioning (P8).
var statusCase = statusCaseOf(func(s benefits.Status) string { return "'" + string(s) + "'" })

// settled is true at an instant (two parameters, both now) when a benefit is not among the
// unredeemed (live benefits nobody has redeemed yet: pending provisioning, not redeemed,
// assigned): expired, or live, available, assigned and redeemed (statusSteps).
const settled = "b.expires_at <= ? OR (b.available_at <= ? AND b.assigned_user_id IS NOT NULL AND b.redeemed_at IS NOT NULL)"

// BenefitTotalsOf sums an organisation's benefits at now in one grouped query, which reads the
// benefits once: by status, and for the unredeemed also by end month and currency (the others
// under no month, so that the rows returned do not grow with the expired history). The month is
// the stored end date's first seven characters (YYYY-MM), so the database returns a row per
// month and status, not per day: a dozen or so rows for a thousand benefits, not hundreds. It
// also finds until when the totals hold (Until), so that a portal may keep them.
func (s *Store) BenefitTotalsOf(ctx context.Context, partnerID int64, now time.Time) (BenefitTotals, error) {
	now = now.UTC()
	var rows []struct {
		Status, EndMonth, Cur string // Cur, not Currency: GROUP BY would read the column of that name
		Amount                int64
		N                     int
	}
	err := s.conn(ctx).Table("benefits AS b").
		Select(statusCase+" AS status, CASE WHEN "+settled+" THEN '' ELSE substr(b.end_date, 1, 7) END AS end_month, CASE WHEN "+settled+
			" THEN '' ELSE b.currency END AS cur, SUM(b.amount) AS amount, COUNT(*) AS n", now, now, now, now, now, now).
		Where("b.partner_id = ?", partnerID).Group("end_month, cur, status").Order("end_month, cur").Scan(&rows).Error
	if err != nil {
		return BenefitTotals{}, wrap("benefit totals", err)
	}
	t := BenefitTotals{ByStatus: map[benefits.Status]int{}}
	for _, r := range rows {
		t.ByStatus[benefits.Status(r.Status)] += r.N
		if r.EndMonth == "" {
			continue
		}
		m, err := ledger.ParsePeriod(r.EndMonth)
		if err != nil {
			return BenefitTotals{}, wrap("unredeemed benefit totals", err)
		}
		if i := slices.IndexFunc(t.Unredeemed, func(u UnredeemedTotal) bool { return u.EndMonth == m && u.Currency == r.Cur }); i >= 0 {
			u := &t.Unredeemed[i]
			u.Amount, u.Count = u.Amount.Add(money.FromMicros(r.Amount)), u.Count+r.N
			continue
		}
		t.Unredeemed = append(t.Unredeemed, UnredeemedTotal{EndMonth: m, Currency: r.Cur, Amount: money.FromMicros(r.Amount), Count: r.N})
	}
	slices.SortStableFunc(t.Unredeemed, func(a, b UnredeemedTotal) int {
		return cmp.Or(a.EndMonth.Compare(b.EndMonth), cmp.Compare(a.Currency, b.Currency))
	})
	t.Until, err = s.nextStatusChange(ctx, partnerID, now)
	return t, err
}

// nextStatusChange is the first available or expiry instant of an organisation's benefits
// after now (zero when there is none): until then, every benefit keeps its status at now.
func (s *Store) nextStatusChange(ctx context.Context, partnerID int64, now time.Time) (time.Time, error) {
	var next time.Time
	for _, col := range []string{"available_at", "expires_at"} {
		var at []time.Time
		err := s.conn(ctx).Table("benefits").Where("partner_id = ? AND "+col+" > ?", partnerID, now).
			Order(col).Limit(1).Pluck(col, &at).Error
		if err != nil {
			return time.Time{}, wrap("next benefit status change", err)
		}
		if len(at) > 0 && (next.IsZero() || at[0].Before(next)) {
			next = at[0].UTC()
		}
	}
	return next, nil
}
