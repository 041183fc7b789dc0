package store

import (
	"context"
	"time"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// BenefitTotals is what the Benefits workspace's charts show of an organisation's benefits,
// whatever the list's filter (issue 11): how many benefits have each status, and the amounts
// not redeemed yet by end date.
type BenefitTotals struct {
	ByStatus   map[benefits.Status]int
	Unredeemed []UnredeemedTotal // by end date, then currency
}

// UnredeemedTotal is the amount of the live benefits nobody has redeemed yet (pending
// provisioning, not redeemed, assigned) that end on one day, in one currency. A monthly credit
// counts its monthly amount (P3).
type UnredeemedTotal struct {
	EndDate  ledger.Date
	Currency string
	Amount   money.Amount
	Count    int
}

// statusCase is the SQL of benefits.StatusOf at one instant (two parameters, both now): the
// same precedence, expired first, then pending provisioning (P8).
var statusCase = statusCaseOf(func(s benefits.Status) string { return "'" + string(s) + "'" })

// unredeemed are the statuses of a live benefit nobody has redeemed yet.
var unredeemed = []string{string(benefits.StatusPendingProvisioning), string(benefits.StatusNotRedeemed), string(benefits.StatusAssigned)}

// BenefitTotalsOf sums an organisation's benefits at now, in two grouped queries.
func (s *Store) BenefitTotalsOf(ctx context.Context, partnerID int64, now time.Time) (BenefitTotals, error) {
	now = now.UTC()
	var counts []struct {
		Status string
		N      int
	}
	err := s.conn(ctx).Table("benefits AS b").Select(statusCase+" AS status, COUNT(*) AS n", now, now).
		Where("b.partner_id = ?", partnerID).Group("status").Scan(&counts).Error
	if err != nil {
		return BenefitTotals{}, wrap("benefit totals", err)
	}
	t := BenefitTotals{ByStatus: map[benefits.Status]int{}}
	for _, c := range counts {
		t.ByStatus[benefits.Status(c.Status)] = c.N
	}
	var sums []struct {
		EndDate  string
		Currency string
		Amount   int64
		N        int
	}
	err = s.conn(ctx).Table("benefits AS b").Select("b.end_date, b.currency, SUM(b.amount) AS amount, COUNT(*) AS n").
		Where("b.partner_id = ? AND "+statusCase+" IN ?", partnerID, now, now, unredeemed).
		Group("b.end_date, b.currency").Order("b.end_date, b.currency").Scan(&sums).Error
	if err != nil {
		return BenefitTotals{}, wrap("unredeemed benefit totals", err)
	}
	for _, r := range sums {
		d, err := ledger.ParseDate(r.EndDate)
		if err != nil {
			return BenefitTotals{}, wrap("unredeemed benefit totals", err)
		}
		t.Unredeemed = append(t.Unredeemed, UnredeemedTotal{EndDate: d, Currency: r.Currency, Amount: money.FromMicros(r.Amount), Count: r.N})
	}
	return t, nil
}
