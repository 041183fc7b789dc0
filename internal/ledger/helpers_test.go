package ledger

import (
	"fmt"
	"testing"

	"github.com/creditdesk/creditdesk/internal/money"
)

// Builders that keep the tables short. Every fixture is in USD unless a test says otherwise.

func amt(s string) money.Amount { return money.MustParse(s) }

func day(s string) Date { return MustDate(s) }

func newLot(id, amount, start, expiration string) Lot {
	l, err := NewLot(id, SourcePromotional, "USD", amt(amount), day(start), day(expiration))
	if err != nil {
		panic(err)
	}
	return l
}

func usage(id, date, amount string) Charge {
	return Charge{ID: id, Date: day(date), Amount: amt(amount), Currency: "USD",
		Product: "Virtual Machines", Publisher: PublisherAzure, Eligible: true}
}

func marketplace(id, date, amount string) Charge {
	return Charge{ID: id, Date: day(date), Amount: amt(amount), Currency: "USD",
		Product: "Contoso Firewall", Publisher: PublisherMarketplace, Eligible: false}
}

func refund(id, date, amount string) Adjustment {
	return Adjustment{ID: id, Date: day(date), Amount: amt(amount), Currency: "USD", Description: "Refund"}
}

func mustProfile(t testing.TB, first string) Profile {
	t.Helper()
	per, err := ParsePeriod(first)
	if err != nil {
		t.Fatal(err)
	}
	p, err := NewProfile("USD", 5, per)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// book plays the store: it keeps the state IssueInvoice returns and hands each call only what
// the store would (the live lots, the items of one month or the pending ones).
type book struct {
	p        Profile
	lots     []Lot
	charges  []Charge
	adjs     []Adjustment
	invoices []Invoice
	events   []Event // settled events, in append order
}

func (b *book) inPeriod(per Period) ([]Charge, []Adjustment) {
	var cs []Charge
	var as []Adjustment
	for _, c := range b.charges {
		if per.Contains(c.Date) {
			cs = append(cs, c)
		}
	}
	for _, a := range b.adjs {
		if per.Contains(a.Date) {
			as = append(as, a)
		}
	}
	return cs, as
}

func (b *book) pending() ([]Charge, []Adjustment) {
	var cs []Charge
	var as []Adjustment
	first := b.p.NextPeriod.First()
	for _, c := range b.charges {
		if !c.Date.Before(first) {
			cs = append(cs, c)
		}
	}
	for _, a := range b.adjs {
		if !a.Date.Before(first) {
			as = append(as, a)
		}
	}
	return cs, as
}

func (b *book) live() []Lot {
	var out []Lot
	for _, l := range b.lots {
		if l.live() {
			out = append(out, l)
		}
	}
	return out
}

// issueDue issues every invoice due by now, as a processing run does.
func (b *book) issueDue(t testing.TB, now Date) {
	t.Helper()
	if err := b.process(now); err != nil {
		t.Fatal(err)
	}
}

// process is issueDue returning its error.
func (b *book) process(now Date) error {
	for b.p.Due(now) {
		cs, as := b.inPeriod(b.p.NextPeriod)
		res, err := IssueInvoice(InvoiceInput{Profile: b.p, Number: "INV-" + b.p.NextPeriod.String(),
			Lots: b.live(), Charges: cs, Adjustments: as})
		if err != nil {
			return fmt.Errorf("IssueInvoice %s: %w", b.p.NextPeriod, err)
		}
		b.p = res.Profile
		for _, changed := range res.Lots {
			for i := range b.lots {
				if b.lots[i].ID == changed.ID {
					b.lots[i] = changed
				}
			}
		}
		b.invoices = append(b.invoices, res.Invoice)
		b.events = append(b.events, res.Events...)
	}
	return nil
}

// cancel cancels a lot from on, as the store does once Lot.Cancelable allows it.
func (b *book) cancel(t testing.TB, id string, on Date) {
	t.Helper()
	for i := range b.lots {
		if b.lots[i].ID == id {
			if why, ok := b.lots[i].Cancelable(on); !ok {
				t.Fatalf("cancel %s on %s: %s", id, on, why)
			}
			b.lots[i].CanceledOn = on
		}
	}
}

func (b *book) summary(t testing.TB, now Date) Summary {
	t.Helper()
	cs, as := b.pending()
	s, err := Summarize(SummaryInput{Profile: b.p, Lots: b.live(), Charges: cs, Adjustments: as, Now: now})
	if err != nil {
		t.Fatalf("Summarize %s: %v", now, err)
	}
	return s
}

func (b *book) lot(id string) Lot {
	for _, l := range b.lots {
		if l.ID == id {
			return l
		}
	}
	panic("no lot " + id)
}

// identity checks the M12 identity and the floor at zero.
func identity(s Summary) error {
	got := s.CurrentBalance.Add(s.PendingCreditAdjustments).Add(s.PendingEligibleCharges).Sub(s.ExpiredCredit)
	if got != s.EstimatedBalance {
		return fmt.Errorf("M12 identity: current %s + adjustments %s + pending charges %s - expired %s = %s, estimated %s",
			s.CurrentBalance, s.PendingCreditAdjustments, s.PendingEligibleCharges, s.ExpiredCredit, got, s.EstimatedBalance)
	}
	if s.EstimatedBalance.IsNegative() || s.PendingEligibleCharges.IsPositive() || s.ExpiredCredit.IsNegative() {
		return fmt.Errorf("M12 signs: estimated %s, pending charges %s, expired %s",
			s.EstimatedBalance, s.PendingEligibleCharges, s.ExpiredCredit)
	}
	return nil
}

// ev is an event reduced to what the tables compare.
type ev struct {
	kind    EventKind
	date    string
	amount  string
	balance string
}

func evs(events []Event) []ev {
	out := make([]ev, len(events))
	for i, e := range events {
		out[i] = ev{e.Kind, e.Date.String(), e.Amount.String(), e.Balance.String()}
	}
	return out
}

// statusLot is the lot the status tests vary, L: 100 usable from 2026-05-01 to 2026-07-31 and
// pending, changed by f (none when nil).
func statusLot(f func(*Lot)) Lot {
	l := newLot("L", "100", "2026-05-01", "2026-07-31")
	if f != nil {
		f(&l)
	}
	return l
}

// statusOpen is statusLot open with the closed balance bal.
func statusOpen(bal string) Lot {
	return statusLot(func(l *Lot) { l.State, l.ClosedBalance = LotOpen, amt(bal) })
}
