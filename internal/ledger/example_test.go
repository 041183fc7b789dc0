package ledger_test

import (
	"fmt"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// The worked example of the README (issue 3): a USD profile with invoice day 5, two lots, three
// months of charges with one Marketplace charge and one refund, and a lot that expires with
// credit left. It prints the tables the README copies; `go test` checks every number.
//
//	Lots:        promo    PromotionalCredit 1500.00  2026-04-01 .. 2026-05-15
//	             prepaid  PurchasedCredit   2000.00  2026-04-20 .. 2027-04-19
//	Charges:     04-10 VM 300, 04-25 Storage 500, 04-28 Contoso Firewall (Marketplace) 40,
//	             05-10 VM 350, 05-20 VM 400, 06-08 VM 300, 06-20 VM 500, 07-03 VM 200
//	Adjustment:  06-12 refund +25.00
//
// April: promo pays both Azure charges (it expires first, M9; prepaid has not even started on
// 04-10) and the Marketplace charge is due in full (M10). May: promo pays 05-10; on 05-20 it has
// expired, so prepaid pays, and promo's last 350.00 expires (M11). June: the refund goes to
// prepaid, the only valid lot (M12). On 2026-05-20 the estimate already shows May's charges and
// promo's expiry; on 2026-07-10 it shows July's pending charge.
func Example_workedExample() {
	must := func(err error) {
		if err != nil {
			panic(err)
		}
	}
	amt, day := money.MustParse, ledger.MustDate
	p, err := ledger.NewProfile("USD", 5, ledger.Period{Year: 2026, Month: 4})
	must(err)
	promo, err := ledger.NewLot("promo", ledger.SourcePromotional, "USD", amt("1500"), day("2026-04-01"), day("2026-05-15"))
	must(err)
	prepaid, err := ledger.NewLot("prepaid", ledger.SourcePurchased, "USD", amt("2000"), day("2026-04-20"), day("2027-04-19"))
	must(err)
	lots := []ledger.Lot{promo, prepaid}

	// The installation's not-covered list (M10) comes from the store; this example needs one entry.
	notCovered := ledger.NewNotCovered([]string{"Azure support plans"})
	var charges []ledger.Charge
	for i, c := range [][3]string{{"2026-04-10", "300", "Virtual Machines"}, {"2026-04-25", "500", "Storage"},
		{"2026-04-28", "40", "Contoso Firewall"}, {"2026-05-10", "350", "Virtual Machines"},
		{"2026-05-20", "400", "Virtual Machines"}, {"2026-06-08", "300", "Virtual Machines"},
		{"2026-06-20", "500", "Virtual Machines"}, {"2026-07-03", "200", "Virtual Machines"}} {
		pub := ledger.PublisherAzure
		if c[2] == "Contoso Firewall" {
			pub = ledger.PublisherMarketplace
		}
		charges = append(charges, ledger.Charge{ID: fmt.Sprintf("c%d", i+1), Date: day(c[0]), Amount: amt(c[1]),
			Currency: "USD", Product: c[2], Publisher: pub, Eligible: ledger.Eligible(pub, c[2], notCovered)})
	}
	adjs := []ledger.Adjustment{{ID: "r1", Date: day("2026-06-12"), Amount: amt("25"), Currency: "USD",
		Description: "Refund for outage"}}

	// What a store hands over: the month's items for an invoice, everything not invoiced for a summary.
	from := func(first, last ledger.Date) ([]ledger.Charge, []ledger.Adjustment) {
		var cs []ledger.Charge
		var as []ledger.Adjustment
		for _, c := range charges {
			if !c.Date.Before(first) && !c.Date.After(last) {
				cs = append(cs, c)
			}
		}
		for _, a := range adjs {
			if !a.Date.Before(first) && !a.Date.After(last) {
				as = append(as, a)
			}
		}
		return cs, as
	}
	var events []ledger.Event
	var invoiceRows, summaryRows []string
	summary := func(now ledger.Date) string {
		cs, as := from(p.NextPeriod.First(), now)
		s, err := ledger.Summarize(ledger.SummaryInput{Profile: p, Lots: lots, Charges: cs, Adjustments: as, Now: now})
		must(err)
		return fmt.Sprintf("| %s | %s | %s | %s | %s | %s |", now, s.CurrentBalance, s.PendingEligibleCharges,
			s.PendingCreditAdjustments, s.ExpiredCredit, s.EstimatedBalance)
	}
	issue := func() string {
		cs, as := from(p.NextPeriod.First(), p.NextPeriod.Last())
		res, err := ledger.IssueInvoice(ledger.InvoiceInput{Profile: p, Number: "INV-" + p.NextPeriod.String(),
			Lots: lots, Charges: cs, Adjustments: as})
		must(err)
		p, events = res.Profile, append(events, res.Events...)
		for _, changed := range res.Lots {
			for i := range lots {
				if lots[i].ID == changed.ID {
					lots[i] = changed
				}
			}
		}
		inv := res.Invoice
		return fmt.Sprintf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |", inv.Number, inv.IssueDate,
			inv.TotalCharges, inv.IneligibleCharges, inv.CreditsApplied, inv.AmountDue, inv.Adjustments,
			inv.ExpiredCredit, p.CurrentBalance, allocations(inv))
	}
	// A processing run on each of two days: issue what is due, then show the balance section.
	for _, now := range []ledger.Date{day("2026-05-20"), day("2026-07-10")} {
		for p.Due(now) {
			invoiceRows = append(invoiceRows, issue())
		}
		summaryRows = append(summaryRows, summary(now))
	}

	fmt.Println("| Invoice | Issued | Charges | Ineligible | Credits applied | Amount due | Adjustments | Expired | Balance after | Paid by |")
	fmt.Println("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
	for _, r := range invoiceRows {
		fmt.Println(r)
	}
	fmt.Println()
	fmt.Println("| Date | Transaction | Amount | Balance |")
	fmt.Println("|---|---|---:|---:|")
	for _, e := range events {
		fmt.Printf("| %s | %s | %s | %s |\n", e.Date, e.Description, e.Amount, e.Balance)
	}
	fmt.Println()
	fmt.Println("| Now | Current | Pending eligible charges | Pending credit adjustments | Expired credit | Estimated |")
	fmt.Println("|---|---:|---:|---:|---:|---:|")
	for _, r := range summaryRows {
		fmt.Println(r)
	}
	for _, l := range lots {
		fmt.Printf("lot %s: balance %s, status %s\n", l.ID, l.ClosedBalance, l.Status(day("2026-07-10"), ledger.DefaultExpiryWindow))
	}

	// Output:
	// | Invoice | Issued | Charges | Ineligible | Credits applied | Amount due | Adjustments | Expired | Balance after | Paid by |
	// |---|---|---:|---:|---:|---:|---:|---:|---:|---|
	// | INV-2026-04 | 2026-05-05 | 840.00 | 40.00 | 800.00 | 40.00 | 0.00 | 0.00 | 2700.00 | c1 promo 300.00; c2 promo 500.00 |
	// | INV-2026-05 | 2026-06-05 | 750.00 | 0.00 | 750.00 | 0.00 | 0.00 | 350.00 | 1600.00 | c4 promo 350.00; c5 prepaid 400.00 |
	// | INV-2026-06 | 2026-07-05 | 800.00 | 0.00 | 800.00 | 0.00 | 25.00 | 0.00 | 825.00 | c6 prepaid 300.00; c7 prepaid 500.00 |
	//
	// | Date | Transaction | Amount | Balance |
	// |---|---|---:|---:|
	// | 2026-04-01 | New credit (PromotionalCredit) | 1500.00 | 1500.00 |
	// | 2026-04-20 | New credit (PurchasedCredit) | 2000.00 | 3500.00 |
	// | 2026-05-05 | Settled charges (invoice INV-2026-04) | -800.00 | 2700.00 |
	// | 2026-05-15 | Expired credit (PromotionalCredit) | -350.00 | 2350.00 |
	// | 2026-06-05 | Settled charges (invoice INV-2026-05) | -750.00 | 1600.00 |
	// | 2026-06-12 | Refund for outage | 25.00 | 1625.00 |
	// | 2026-07-05 | Settled charges (invoice INV-2026-06) | -800.00 | 825.00 |
	//
	// | Now | Current | Pending eligible charges | Pending credit adjustments | Expired credit | Estimated |
	// |---|---:|---:|---:|---:|---:|
	// | 2026-05-20 | 2700.00 | -750.00 | 0.00 | 350.00 | 1600.00 |
	// | 2026-07-10 | 825.00 | -200.00 | 0.00 | 0.00 | 625.00 |
	// lot promo: balance 0.00, status expired
	// lot prepaid: balance 825.00, status active
}

// allocations renders an invoice's detail lines compactly.
func allocations(inv ledger.Invoice) string {
	s := ""
	for i, a := range inv.Allocations {
		if i > 0 {
			s += "; "
		}
		s += a.ChargeID + " " + a.LotID + " " + a.Amount.String()
	}
	return s
}
