package ledger

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/creditdesk/creditdesk/internal/money"
)

// benchData is one month of a large profile: 10,000 open lots (some expiring during the month,
// some starting during it) and 100,000 charges, a tenth of them Marketplace.
func benchData(b *testing.B) (Profile, []Lot, []Charge) {
	b.Helper()
	r := rand.New(rand.NewPCG(7, 7))
	p := mustProfile(b, "2026-05")
	per := p.NextPeriod
	lots := make([]Lot, 10_000)
	for i := range lots {
		start := per.First().AddDays(-300 + r.IntN(320))
		l, err := NewLot(fmt.Sprintf("lot-%05d", i), SourcePurchased, "USD", money.FromUnits(100+r.Int64N(1900)),
			start, start.AddDays(300+r.IntN(200)))
		if err != nil {
			b.Fatal(err)
		}
		if !start.After(per.First()) {
			l.State = LotOpen
			p.CurrentBalance = p.CurrentBalance.Add(l.ClosedBalance)
		}
		lots[i] = l
	}
	charges := make([]Charge, 100_000)
	for i := range charges {
		charges[i] = usage(fmt.Sprintf("ch-%06d", i), per.First().AddDays(r.IntN(31)).String(), "0")
		charges[i].Amount = money.FromMicros(r.Int64N(200_000_000))
		if i%10 == 0 {
			charges[i].Publisher, charges[i].Eligible = PublisherMarketplace, false
		}
	}
	return p, lots, charges
}

// BenchmarkIssueInvoice applies one month of 100,000 charges to 10,000 lots (M9), given in
// random order and in the (date, id) order a store's ORDER BY returns.
func BenchmarkIssueInvoice(b *testing.B) {
	p, lots, charges := benchData(b)
	sorted := slices.Clone(charges)
	slices.SortFunc(sorted, func(x, y Charge) int { return cmp.Or(x.Date.Compare(y.Date), cmp.Compare(x.ID, y.ID)) })
	for _, bb := range []struct {
		name    string
		charges []Charge
	}{{"unsorted", charges}, {"sorted", sorted}} {
		b.Run(bb.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				res, err := IssueInvoice(InvoiceInput{Profile: p, Number: "INV-1", Lots: lots, Charges: bb.charges})
				if err != nil || len(res.Invoice.Allocations) < len(charges)/2 {
					b.Fatal(err, len(res.Invoice.Allocations))
				}
			}
		})
	}
}

// BenchmarkSummarize computes the balance section over the same month still pending (M12).
func BenchmarkSummarize(b *testing.B) {
	p, lots, charges := benchData(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Summarize(SummaryInput{Profile: p, Lots: lots, Charges: charges, Now: p.NextPeriod.Last()}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkForecast projects 10,000 lot balances with 90 days of history.
func BenchmarkForecast(b *testing.B) {
	p, lots, charges := benchData(b)
	s, err := Summarize(SummaryInput{Profile: p, Lots: lots, Charges: charges, Now: p.NextPeriod.Last()})
	if err != nil {
		b.Fatal(err)
	}
	hist := flat(p.NextPeriod.Last().String(), 90, "300000")
	b.ReportAllocs()
	for b.Loop() {
		Forecast(RunwayInput{Lots: s.Lots, History: hist, Now: p.NextPeriod.Last()})
	}
}
