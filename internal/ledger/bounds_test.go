package ledger

import (
	"errors"
	"fmt"
	"testing"

	"github.com/creditdesk/creditdesk/internal/money"
)

// maxLine is the largest amount one line of a file may hold (money.Limit, M16).
const maxLine = "99999999999.999999"

// boundedBook is ten lots and n charges of maxLine each in May 2026, pending and not invoiced:
// the inputs of one computation hold 2 × 10 + n amounts of maxLine (a pending lot counts its
// original amount and its balance).
func boundedBook(n int) ([]Lot, []Charge) {
	lots := make([]Lot, 10)
	for i := range lots {
		lots[i] = newLot(fmt.Sprintf("L%02d", i), maxLine, "2026-05-01", "2027-12-31")
	}
	charges := make([]Charge, n)
	for i := range charges {
		charges[i] = usage(fmt.Sprintf("c%03d", i), "2026-05-10", maxLine)
	}
	return lots, charges
}

// TestBoundsRefuseInputsPastTheLimit: M16, X2: a computation whose inputs add up past
// InputLimit is an *InputError naming the input that took it there, never a wrapped sum. 46
// amounts of maxLine stay below 2^62 micro-units; 47 do not.
func TestBoundsRefuseInputsPastTheLimit(t *testing.T) {
	p := mustProfile(t, "2026-05")
	lots, charges := boundedBook(27)
	_, err := Summarize(SummaryInput{Profile: p, Lots: lots, Charges: charges, Now: day("2026-05-20")})
	var ie *InputError
	if !errors.As(err, &ie) || !errors.Is(err, ErrInvalid) || ie.Field != "charges[26].amount" {
		t.Fatalf("Summarize with 47 maximal amounts: %v, want an InputError at charges[26].amount", err)
	}
	_, err = IssueInvoice(InvoiceInput{Profile: p, Number: "INV-1", Lots: lots, Charges: charges})
	if !errors.As(err, &ie) || ie.Field != "charges[26].amount" {
		t.Fatalf("IssueInvoice with 47 maximal amounts: %v", err)
	}
	refunds := []Adjustment{refund("r1", "2026-05-11", "-"+maxLine)}
	_, err = IssueInvoice(InvoiceInput{Profile: p, Number: "INV-1", Lots: lots, Charges: charges[:26], Adjustments: refunds})
	if !errors.As(err, &ie) || ie.Field != "adjustments[0].amount" {
		t.Fatalf("a negative adjustment counts by its absolute value: %v", err)
	}
	many, _ := boundedBook(0)
	for i := range 37 {
		many = append(many, newLot(fmt.Sprintf("M%02d", i), maxLine, "2026-05-01", "2027-12-31"))
	}
	_, err = Summarize(SummaryInput{Profile: p, Lots: many, Now: day("2026-05-20")})
	if !errors.As(err, &ie) || ie.Field != "lots[23].originalAmount" {
		t.Fatalf("47 lots: %v, want an InputError at lots[23].originalAmount, the 47th amount", err)
	}
}

// TestBoundsKeepTheEngineExact: the largest inputs the bound lets through (46 amounts of
// maxLine) run through the invoice and the estimate without overflow, and the M12 identity and
// the invoice totals hold to the micro-unit.
func TestBoundsKeepTheEngineExact(t *testing.T) {
	p := mustProfile(t, "2026-05")
	lots, charges := boundedBook(26)
	s, err := Summarize(SummaryInput{Profile: p, Lots: lots, Charges: charges, Now: day("2026-05-20")})
	if err != nil {
		t.Fatal(err)
	}
	want := amt(maxLine)
	for range 9 {
		want = want.Add(amt(maxLine))
	}
	if s.PendingNewCredit != want || s.PendingEligibleCharges != want.Neg() || s.EstimatedBalance.IsPositive() {
		t.Errorf("estimate: new credit %s, pending eligible %s, estimated %s; want %s, -%s, 0",
			s.PendingNewCredit, s.PendingEligibleCharges, s.EstimatedBalance, want, want)
	}
	if got := s.CurrentBalance.Add(s.PendingCreditAdjustments).Add(s.PendingEligibleCharges).Sub(s.ExpiredCredit); got != s.EstimatedBalance {
		t.Errorf("M12 identity: %s, estimated %s", got, s.EstimatedBalance)
	}
	june := p
	june.InvoiceDay = 1
	r, err := IssueInvoice(InvoiceInput{Profile: june, Number: "INV-1", Lots: lots, Charges: charges})
	if err != nil {
		t.Fatal(err)
	}
	total := money26()
	if r.Invoice.TotalCharges != total || r.Invoice.CreditsApplied != want || r.Invoice.AmountDue != total.Sub(want) {
		t.Errorf("invoice: total %s, applied %s, due %s", r.Invoice.TotalCharges, r.Invoice.CreditsApplied, r.Invoice.AmountDue)
	}
}

// money26 is 26 × maxLine.
func money26() (sum money.Amount) {
	for range 26 {
		sum = sum.Add(amt(maxLine))
	}
	return sum
}
