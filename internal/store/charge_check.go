package store

import (
	"context"

	"github.com/creditdesk/creditdesk/internal/costcsv"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// The columns the checks of staged totals name: a change to an invoiced month is the line's date
// at fault, a total or a month past its limit its cost.
const (
	colInvoiced = "date"
	colAmount   = "costInBillingCurrency"
)

// The keys of what the store says about the lines of a cost export or the totals of a
// scenario (costcsv.Problem.Said), which the views word (views/sentences.go); the comment of
// each lists its arguments. Every key is in ChargeProblemKeys, which a test holds against the
// views' sentences.
const (
	KeyChargeOtherProfile  = "store.charge_other_profile"  // the profile the line names, the page's profile (IDs)
	KeyChargeProfiles      = "store.charge_profiles"       // the most profiles one file may name (int)
	KeyChargeNoProfile     = "store.charge_no_profile"     // the profile the line names (ID)
	KeyChargeProfileTwice  = "store.charge_profile_twice"  // the profile the line names (ID)
	KeyChargeNotInAccount  = "store.charge_not_in_account" // the profile and the account the line names (IDs)
	KeyChargeFuture        = "store.charge_future"         // the line's date, today (ledger.Date)
	KeyChargeCurrency      = "store.charge_currency"       // the line's currency, the profile (ID), its currency
	KeyChargeInvoiced      = "store.charge_invoiced"       // X1: the product, the date, the next invoice's period (ledger.Period)
	KeyChargeMonthLimit    = "store.charge_month_limit"    // M16: the profile (ID), the month (ledger.Period), its new total, the limit (money.Amount)
	KeyChargeMonthOverflow = "store.charge_month_overflow" // M16: the profile (ID), the month (ledger.Period), the limit (money.Amount)
)

// ChargeProblemKeys are every message key the store's checks of charge lines say.
var ChargeProblemKeys = []string{KeyChargeOtherProfile, KeyChargeProfiles, KeyChargeNoProfile, KeyChargeProfileTwice,
	KeyChargeNotInAccount, KeyChargeFuture, KeyChargeCurrency, KeyChargeInvoiced, KeyChargeMonthLimit, KeyChargeMonthOverflow}

// checkStaged reports to probs every staged charge total that cannot be set, each at a line of
// the import: a total whose lines net below zero, a change to a month already invoiced (X1),
// and a month whose charges would reach ledger.MonthLimit (M16). It reads rows one at a time:
// past the problems a Collector keeps, a problem only counts.
func (s *Store) checkStaged(ctx context.Context, probs *costcsv.Collector) error {
	if err := s.checkNegativeNets(ctx, probs); err != nil {
		return err
	}
	if err := s.checkInvoicedMonths(ctx, probs); err != nil {
		return err
	}
	return s.checkMonthLimits(ctx, probs)
}

// stagedKey is a row of charge_keys with its profile's name.
type stagedKey struct {
	Name          string
	Date, Product string
	PublisherType string
	Eligible      bool
	Total         int64
	Lines         int
	LastLine      int
}

func (k stagedKey) key() costcsv.Key {
	return costcsv.Key{Profile: k.Name, Date: mustDate(k.Date), Product: k.Product,
		Publisher: ledger.PublisherType(k.PublisherType), Eligible: k.Eligible}
}

// checkNegativeNets reports the totals whose refunds exceed their charges, at their last line,
// listing their first lines (one query for all the problems kept).
func (s *Store) checkNegativeNets(ctx context.Context, probs *costcsv.Collector) error {
	rows, err := s.conn(ctx).Raw(`SELECT p.name, k.date, k.product, k.publisher_type, k.eligible, k.total, k.lines, k.last_line
		FROM charge_keys k JOIN billing_profiles p ON p.id = k.billing_profile_id WHERE k.total < 0 ORDER BY k.last_line`).Rows()
	if err != nil {
		return wrap("negative charge totals", err)
	}
	var kept []stagedKey
	room, skipped := probs.Room(), 0
	for rows.Next() {
		var k stagedKey
		if err := rows.Scan(&k.Name, &k.Date, &k.Product, &k.PublisherType, &k.Eligible, &k.Total, &k.Lines, &k.LastLine); err != nil {
			rows.Close()
			return wrap("negative charge totals", err)
		}
		if len(kept) < room {
			kept = append(kept, k)
		} else {
			skipped++
		}
	}
	if err := rows.Close(); err != nil {
		return wrap("negative charge totals", err)
	}
	defer probs.Skip(skipped) // after the kept ones, which fill the Collector
	if len(kept) == 0 {
		return nil
	}
	first, err := s.firstLines(ctx, kept[len(kept)-1].LastLine)
	if err != nil {
		return err
	}
	for _, k := range kept {
		p := costcsv.NegativeNet(k.key(), money.FromMicros(k.Total), first[k.key()], k.Lines, k.LastLine)
		probs.Add(p.Line, p.Column, p.Said.Key, p.Said.Args...)
	}
	return nil
}

// firstLines returns the first costcsv.MaxListedLines line numbers of every negative total
// whose last line is at most upTo, in one pass over the staged lines.
func (s *Store) firstLines(ctx context.Context, upTo int) (map[costcsv.Key][]int, error) {
	rows, err := s.conn(ctx).Raw(`SELECT name, date, product, publisher_type, eligible, line FROM (
			SELECT p.name, l.date, l.product, l.publisher_type, l.eligible, l.line, ROW_NUMBER() OVER (
				PARTITION BY l.billing_profile_id, l.date, l.product, l.publisher_type, l.eligible ORDER BY l.line) AS n
			FROM charge_lines l
			JOIN charge_keys k ON k.billing_profile_id = l.billing_profile_id AND k.date = l.date AND k.product = l.product
				AND k.publisher_type = l.publisher_type AND k.eligible = l.eligible
			JOIN billing_profiles p ON p.id = l.billing_profile_id
			WHERE k.total < 0 AND k.last_line <= ?) AS numbered
		WHERE n <= ? ORDER BY line`, upTo, costcsv.MaxListedLines).Rows()
	if err != nil {
		return nil, wrap("lines of negative totals", err)
	}
	defer rows.Close()
	out := map[costcsv.Key][]int{}
	for rows.Next() {
		var k stagedKey
		var line int
		if err := rows.Scan(&k.Name, &k.Date, &k.Product, &k.PublisherType, &k.Eligible, &line); err != nil {
			return nil, wrap("lines of negative totals", err)
		}
		out[k.key()] = append(out[k.key()], line)
	}
	return out, wrap("lines of negative totals", rows.Err())
}

// checkInvoicedMonths reports every total dated in a month already invoiced that the import
// would change, at its first line (X1: invoiced data cannot change).
func (s *Store) checkInvoicedMonths(ctx context.Context, probs *costcsv.Collector) error {
	rows, err := s.conn(ctx).Raw(`SELECT k.date, k.product, k.first_line, p.next_period
		FROM charge_keys k JOIN billing_profiles p ON p.id = k.billing_profile_id
		WHERE k.total <> k.stored AND p.next_period <> '' AND k.date < p.next_period || '-01'
		ORDER BY k.first_line`).Rows()
	if err != nil {
		return wrap("charges in invoiced months", err)
	}
	defer rows.Close()
	for rows.Next() {
		var date ledger.Date
		var product, next string
		var line int
		if err := rows.Scan(&date, &product, &line, &next); err != nil {
			return wrap("charges in invoiced months", err)
		}
		if probs.Room() == 0 {
			probs.Skip(1)
			continue
		}
		nextPeriod, _ := ledger.ParsePeriod(next) // the store writes it; a bad one shows as the zero month
		probs.Add(line, colInvoiced, KeyChargeInvoiced, product, date, nextPeriod)
	}
	return wrap("charges in invoiced months", rows.Err())
}

// checkMonthLimits reports every profile and month whose charges would reach ledger.MonthLimit
// with the import, at the month's first line in it. The month's stored total is read from the
// daily totals (at most 62 rows, each bounded) and added in Go, checked.
func (s *Store) checkMonthLimits(ctx context.Context, probs *costcsv.Collector) error {
	type month struct {
		ProfileID int64
		Name      string
		Month     string
		Delta     int64
		FirstLine int
		Stored    int64
	}
	var months []month
	err := s.conn(ctx).Raw(`SELECT g.profile_id, p.name, g.month, g.delta, g.first_line,
			COALESCE((SELECT SUM(d.amount) FROM charge_days d WHERE d.billing_profile_id = g.profile_id
				AND d.date >= g.month || '-01' AND d.date <= g.month || '-31'), 0) AS stored
		FROM (SELECT billing_profile_id AS profile_id, substr(date, 1, 7) AS month, SUM(total - stored) AS delta,
				MIN(first_line) AS first_line
			FROM charge_keys GROUP BY billing_profile_id, substr(date, 1, 7)) AS g
		JOIN billing_profiles p ON p.id = g.profile_id ORDER BY g.first_line`).Scan(&months).Error
	if err != nil {
		return wrap("monthly charge totals", err)
	}
	for _, m := range months {
		total, err := money.FromMicros(m.Stored).AddChecked(money.FromMicros(m.Delta))
		if err == nil && total.Cmp(ledger.MonthLimitAmount) < 0 {
			continue
		}
		month, _ := ledger.ParsePeriod(m.Month) // substr of a date the store wrote
		if err != nil {
			probs.Add(m.FirstLine, colAmount, KeyChargeMonthOverflow, fault.ID(m.Name), month, ledger.MonthLimitAmount)
			continue
		}
		probs.Add(m.FirstLine, colAmount, KeyChargeMonthLimit, fault.ID(m.Name), month, total, ledger.MonthLimitAmount)
	}
	return nil
}
