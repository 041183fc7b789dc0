package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// Cadence independence through the real store (issue 8, M11, M12, M13): a random scenario is
// loaded into three fresh profiles of one database, processed once at the end, every day, and at
// random instants; they must end with the same invoices, allocations, events (with their
// balances after) and lots, and show the same balance summary whenever two of them processed.

// cadenceCase is one random scenario: what a load stores, and when processing runs.
type cadenceCase struct {
	invoiceDay int
	lots       []store.LotRow
	charges    []store.ChargeTotal
	adjs       []store.AdjustmentRow
	instants   []ledger.Date // the random processing days, sorted
	checks     []ledger.Date // more days to compare the balance summaries on
	end        ledger.Date   // every cadence processes on this last day
}

// cadenceLoad is the day the scenarios are loaded and daily processing starts.
var cadenceLoad = ledger.MustDate("2026-01-02")

// genCadenceCase draws a scenario of about five weeks around January, so that December's and
// January's invoices settle it: lots with random starts, expiries and cancellations (some on or
// before their start), eligible and ineligible charges and adjustments of either sign on random
// dates, a random invoice day.
func genCadenceCase(r *rand.Rand) cadenceCase {
	c := cadenceCase{invoiceDay: 1 + r.IntN(28)}
	day := func(from, span int) ledger.Date { return cadenceLoad.AddDays(from + r.IntN(span)) }
	micros := func(units int64) int64 {
		if r.IntN(8) == 0 {
			return 1 + r.Int64N(9999) // sub-cent amounts (M16)
		}
		return r.Int64N(units * 1_000_000)
	}
	for i := range 1 + r.IntN(5) {
		start := day(-12, 36)
		exp := start.AddDays([]int{0, 8, 20, 35, 400}[r.IntN(5)])
		l := store.LotRow{Name: fmt.Sprintf("lot-%d", i), Source: "PromotionalCredit", Currency: "USD",
			OriginalAmount: money.FromMicros(1 + micros(400)), StartDate: start, ExpirationDate: exp, PurchasedDate: start}
		if canceled := start.AddDays(r.IntN(28) - 3); r.IntN(3) == 0 && !canceled.After(exp) {
			l.CanceledOn = canceled
		}
		c.lots = append(c.lots, l)
	}
	for i := range r.IntN(14) {
		ch := store.ChargeTotal{Date: day(-8, 38).String(), Product: fmt.Sprintf("Product %d", i), PublisherType: "Azure",
			Eligible: true, Amount: micros(150)}
		if r.IntN(5) == 0 {
			ch.PublisherType, ch.Eligible = "Marketplace", false
		}
		c.charges = append(c.charges, ch)
	}
	for i := range r.IntN(4) {
		a := store.AdjustmentRow{Date: day(-8, 38), Amount: money.FromMicros(1 + micros(80)), Description: fmt.Sprintf("Adjustment %d", i)}
		if r.IntN(2) == 0 {
			a.Amount = a.Amount.Neg()
		}
		c.adjs = append(c.adjs, a)
	}
	// January's invoice, the last with data, is issued by the end.
	c.end = ledger.PeriodOf(cadenceLoad).IssueDate(c.invoiceDay)
	for range 1 + r.IntN(4) {
		c.instants = append(c.instants, cadenceLoad.AddDays(r.IntN(c.end.DaysSince(cadenceLoad))))
	}
	slices.SortFunc(c.instants, ledger.Date.Compare)
	c.instants = slices.Compact(c.instants)
	for range 2 {
		c.checks = append(c.checks, cadenceLoad.AddDays(r.IntN(c.end.DaysSince(cadenceLoad))))
	}
	return c
}

// String writes a case as a counterexample to read and turn into a regression test.
func (c cadenceCase) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "invoice day %d, loaded %s, processed at %v and %s, compared on %v\n", c.invoiceDay, cadenceLoad,
		c.instants, c.end, c.checks)
	for _, l := range c.lots {
		fmt.Fprintf(&b, "lot %s %s %s..%s canceledOn %q\n", l.Name, l.OriginalAmount.String(), l.StartDate, l.ExpirationDate, l.CanceledOn)
	}
	for _, ch := range c.charges {
		fmt.Fprintf(&b, "charge %s %s eligible=%t\n", ch.Date, amt(ch.Amount), ch.Eligible)
	}
	for _, a := range c.adjs {
		fmt.Fprintf(&b, "adjustment %s %s\n", a.Date, a.Amount)
	}
	return b.String()
}

// cadenceShards splits the cases of TestLedgerCadenceProperty among parallel subtests, each on a
// database of its own, so that the cases keep every core busy: shard i plays seeds i, i+4, ...
const cadenceShards = 4

// TestLedgerCadenceProperty: 200 random cases on SQLite and 20 on PostgreSQL, whose commits are
// slower (1,000 and 40 with CREDITDESK_TEST_LONG=1, a tenth with -short: storetest.Cases), each
// in three fresh profiles of one database; the ledger's TestPropertyCadence plays 3,000 cases of
// the same rules without a database. A failure names its seed and prints the shrunk
// counterexample.
func TestLedgerCadenceProperty(t *testing.T) {
	for _, d := range storetest.Dialects(t) {
		n := map[store.Dialect]uint64{store.SQLite: storetest.Cases(200, 1000), store.Postgres: storetest.Cases(20, 40)}[d]
		for shard := range uint64(cadenceShards) {
			t.Run(fmt.Sprintf("%s/shard-%d", d, shard), func(t *testing.T) {
				t.Parallel()
				ctx := context.Background()
				pl := &cadencePlayer{s: storetest.Open(t, d, clock.Real())}
				for seed := shard; seed < n; seed += cadenceShards {
					c := genCadenceCase(rand.New(rand.NewPCG(seed, 0xcade0ce)))
					if err := pl.mismatch(ctx, c); err != nil {
						c, err = pl.shrink(ctx, c, err)
						t.Fatalf("seed %d: %v\nshrunk counterexample:\n%s", seed, err, c)
					}
				}
			})
		}
	}
}

// TestIssue8CanceledLotProcessedLate is issue 8's first finding through the store: K1 canceled
// from 2026-03-15 must not pay the 100.00 charge of 03-20, whether the profile is processed on
// 02-01, 03-01, 03-16 and 04-03 or only on 04-03 (M11, M13): the current balance is 445 either
// way, with the same events, the canceled credit before the 04-01 settled charges.
func TestIssue8CanceledLotProcessedLate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		lot := func(name string, units string, expiration, canceled string) store.LotRow {
			l := store.LotRow{Name: name, Source: ledger.SourcePromotional, Currency: "USD", OriginalAmount: money.MustParse(units),
				StartDate: ledger.MustDate("2026-01-01"), ExpirationDate: ledger.MustDate(expiration), PurchasedDate: ledger.MustDate("2026-01-01")}
			if canceled != "" {
				l.CanceledOn = ledger.MustDate(canceled)
			}
			return l
		}
		c := cadenceCase{invoiceDay: 1, end: ledger.MustDate("2026-04-03"),
			lots: []store.LotRow{lot("K1", "200", "2026-12-31", "2026-03-15"), lot("K2", "500", "2027-12-31", ""),
				lot("K4", "40", "2026-04-20", ""), lot("K7", "5", "2026-05-03", "")},
			charges:  []store.ChargeTotal{{Date: "2026-03-20", Product: "Virtual Machines", PublisherType: "Azure", Eligible: true, Amount: 100_000000}},
			instants: []ledger.Date{ledger.MustDate("2026-02-01"), ledger.MustDate("2026-03-01"), ledger.MustDate("2026-03-16")}}
		pl := &cadencePlayer{s: s}
		if err := pl.mismatch(ctx, c); err != nil {
			t.Fatal(err)
		}
		// The third profile is the one processed on the four days; the first, only on 04-03.
		for i := 1; i <= 3; i += 2 {
			_, p := storetest.Profile(t, s, fmt.Sprintf("cadence-%d", i), fmt.Sprintf("CADE-%04d-000-000", i))
			events, _, _ := s.EventsPage(ctx, store.EventQuery{ProfileIDs: []int64{p.ID}, Newest: true, Limit: 2})
			if p.CurrentBalance.String() != "445.00" || len(events) != 2 ||
				events[1].Kind != "CanceledCredit" || events[1].Date.String() != "2026-03-15" || events[1].Balance.String() != "545.00" ||
				events[0].Kind != "SettledCharges" || events[0].Date.String() != "2026-04-01" || events[0].Balance.String() != "445.00" {
				t.Errorf("profile %d: balance %s, newest events %+v", i, p.CurrentBalance.String(), events)
			}
			inv, err := s.InvoiceByNumber(ctx, p.ID, fmt.Sprintf("INV-202603-%06d", p.ID))
			if err != nil {
				t.Fatal(err)
			}
			allocs, err := allAllocations(ctx, s, p.ID, inv)
			var paid []string
			for _, a := range allocs {
				paid = append(paid, a.LotName+" "+a.Amount.String())
			}
			if err != nil || inv.CanceledCredit.String() != "200.00" || !slices.Equal(paid, []string{"K2 55.00", "K4 40.00", "K7 5.00"}) {
				t.Errorf("profile %d: March invoice %+v paid by %v (%v)", i, inv, paid, err)
			}
		}
	})
}
