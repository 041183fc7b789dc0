package ledger

import (
	"reflect"
	"slices"
	"testing"
)

// issue8Item1 is issue 8's first finding: K1 is canceled from 2026-03-15, a 100.00 charge comes
// on 2026-03-20, invoice day 1, everything known from 2026-01-02.
func issue8Item1() *book {
	k1 := newLot("K1", "200", "2026-01-01", "2026-12-31")
	k1.CanceledOn = day("2026-03-15")
	lots := []Lot{k1, newLot("K2", "500", "2026-01-01", "2027-12-31"), newLot("K4", "40", "2026-01-01", "2026-04-20"),
		newLot("K7", "5", "2026-01-01", "2026-05-03")}
	p, err := NewProfile("USD", 1, Period{2026, 1})
	if err != nil {
		panic(err)
	}
	return &book{p: p, lots: lots, charges: []Charge{usage("c1", "2026-03-20", "100")}}
}

// TestIssue8CanceledLotProcessedLate: processing on 02-01, 03-01, 03-16 and 04-03 or once on
// 04-03 gives the same ledger (M11, M13): K1 pays nothing of the charge dated after its
// cancellation, K4, K7 and K2 pay it in burn order, the current balance is 445, and the
// canceled-credit event sits at 03-15, before the 04-01 settled charges, with the right balances.
func TestIssue8CanceledLotProcessedLate(t *testing.T) {
	often, late := issue8Item1(), issue8Item1()
	for _, d := range []string{"2026-02-01", "2026-03-01", "2026-03-16", "2026-04-03"} {
		often.issueDue(t, day(d))
	}
	late.issueDue(t, day("2026-04-03"))
	want := []ev{
		{EventNewCredit, "2026-01-01", "200.00", "200.00"},
		{EventNewCredit, "2026-01-01", "500.00", "700.00"},
		{EventNewCredit, "2026-01-01", "40.00", "740.00"},
		{EventNewCredit, "2026-01-01", "5.00", "745.00"},
		{EventCanceledCredit, "2026-03-15", "-200.00", "545.00"},
		{EventSettledCharges, "2026-04-01", "-100.00", "445.00"},
	}
	wantAllocs := []Allocation{{"c1", "K4", amt("40")}, {"c1", "K7", amt("5")}, {"c1", "K2", amt("55")}}
	for name, b := range map[string]*book{"processed four times": often, "processed once": late} {
		if got := evs(b.events); !slices.Equal(got, want) {
			t.Errorf("%s: events\n got %v\nwant %v", name, got, want)
		}
		if b.p.CurrentBalance != amt("445") {
			t.Errorf("%s: current balance %s, want 445", name, b.p.CurrentBalance)
		}
		if inv := b.invoices[len(b.invoices)-1]; !slices.Equal(inv.Allocations, wantAllocs) || inv.CanceledCredit != amt("200") {
			t.Errorf("%s: March invoice %+v", name, inv)
		}
	}
	if !reflect.DeepEqual(often.lots, late.lots) || !reflect.DeepEqual(often.invoices, late.invoices) {
		t.Errorf("lots or invoices differ:\n%+v\n%+v", often.lots, late.lots)
	}
}

// TestCancellationSettlesLikeExpiry: a canceled lot pays the charges dated before its
// cancellation, whenever they are invoiced; the estimate shows its credit leaving at once (a
// pending canceled-credit event, counted in the pending adjustments); the invoice of the month
// containing the day before settles it (M11, M12, M13).
func TestCancellationSettlesLikeExpiry(t *testing.T) {
	b := &book{p: mustProfile(t, "2026-05"),
		lots: []Lot{newLot("A", "100", "2026-05-01", "2026-12-31"), newLot("B", "50", "2026-05-01", "2027-06-30")},
		charges: []Charge{usage("c1", "2026-05-10", "30"), usage("c2", "2026-06-05", "20"), usage("c3", "2026-06-12", "10"),
			usage("c4", "2026-06-12", "5")}}
	b.issueDue(t, day("2026-06-05")) // May: A pays 30
	b.cancel(t, "A", day("2026-06-11"))
	if why, ok := b.lot("A").Cancelable(day("2026-06-11")); ok || why != StatusCanceled {
		t.Errorf("canceling twice: got %q, %v", why, ok)
	}
	if st := b.lot("A").Status(day("2026-06-10"), 30); st != StatusActive {
		t.Errorf("status the day before the cancellation: %s", st)
	}
	if st := b.lot("A").Status(day("2026-06-11"), 30); st != StatusCanceled {
		t.Errorf("status from the cancellation: %s", st)
	}
	s := b.summary(t, day("2026-06-15"))
	if s.CanceledCredit != amt("50") || s.PendingCreditAdjustments != amt("-50") || s.EstimatedBalance != amt("35") {
		t.Errorf("estimate: canceled %s, adjustments %s, estimated %s", s.CanceledCredit, s.PendingCreditAdjustments, s.EstimatedBalance)
	}
	if err := identity(s); err != nil {
		t.Error(err)
	}
	wantPending := []ev{
		{EventCanceledCredit, "2026-06-11", "-50.00", "70.00"},
		{EventPendingCharges, "2026-06-15", "-35.00", "35.00"},
	}
	if got := evs(s.Events); !slices.Equal(got, wantPending) {
		t.Errorf("pending events\n got %v\nwant %v", got, wantPending)
	}
	if want := []LotBalance{{ID: "B", StartDate: day("2026-05-01"), ExpirationDate: day("2027-06-30"), Balance: amt("35")}}; !slices.Equal(s.Lots, want) {
		t.Errorf("lot estimates %v, want %v", s.Lots, want)
	}
	b.issueDue(t, day("2026-07-05"))
	inv := b.invoices[len(b.invoices)-1]
	wantAllocs := []Allocation{{"c2", "A", amt("20")}, {"c3", "B", amt("10")}, {"c4", "B", amt("5")}}
	if !slices.Equal(inv.Allocations, wantAllocs) || inv.CanceledCredit != amt("50") || inv.ExpiredCredit != amt("0") {
		t.Errorf("June invoice %+v", inv)
	}
	if a := b.lot("A"); a.State != LotCanceled || !a.ClosedBalance.IsZero() || !a.ExpiredAmount.IsZero() {
		t.Errorf("lot A after June: %+v", a)
	}
	if got, want := evs(b.events[len(b.events)-2:]), []ev{
		{EventCanceledCredit, "2026-06-11", "-50.00", "70.00"},
		{EventSettledCharges, "2026-07-05", "-35.00", "35.00"},
	}; !slices.Equal(got, want) {
		t.Errorf("June events\n got %v\nwant %v", got, want)
	}
}

// TestVoidLot: a lot canceled on or before its start date never brings credit: no new-credit
// event, no pending new credit, no canceled credit; an invoice closes it.
func TestVoidLot(t *testing.T) {
	b := &book{p: mustProfile(t, "2026-05"), lots: []Lot{newLot("A", "100", "2026-05-01", "2026-12-31"),
		newLot("B", "40", "2026-06-20", "2026-12-31")}, charges: []Charge{usage("c1", "2026-06-25", "10")}}
	b.cancel(t, "B", day("2026-06-10"))
	s := b.summary(t, day("2026-06-30"))
	if s.PendingNewCredit != amt("100") || !s.CanceledCredit.IsZero() || s.EstimatedBalance != amt("90") || len(s.Lots) != 1 {
		t.Errorf("estimate with a void lot: %+v", s)
	}
	b.issueDue(t, day("2026-07-05"))
	if l := b.lot("B"); l.State != LotCanceled || !l.ClosedBalance.IsZero() {
		t.Errorf("void lot after the June invoice: %+v", l)
	}
	for _, e := range b.events {
		if e.LotID == "B" {
			t.Errorf("void lot has event %+v", e)
		}
	}
}

// TestCancelable: only an active, expiring or not started lot may be canceled; a canceled (or
// to be canceled), used or expired one may not, so a lot never has both an expiry and a
// cancellation (M8, M13).
func TestCancelable(t *testing.T) {
	tests := []struct {
		name string
		lot  Lot
		now  string
		want Status // "" when it may be canceled
	}{
		{"active", statusOpen("40"), "2026-05-20", ""},
		{"expiring on its last day", statusOpen("40"), "2026-07-31", ""},
		{"not started", statusLot(nil), "2026-04-20", ""},
		{"open with an estimate of 0 but a closed balance", statusOpen("1"), "2026-06-01", ""},
		{"expired, not settled yet", statusOpen("40"), "2026-08-01", StatusExpired},
		{"expired and settled", statusLot(func(l *Lot) { l.State, l.ClosedBalance, l.ExpiredAmount = LotExpired, amt("0"), amt("75.50") }), "2026-09-01", StatusExpired},
		{"used", statusOpen("0"), "2026-06-01", StatusUsed},
		{"canceled and settled", statusLot(func(l *Lot) { l.State, l.ClosedBalance, l.CanceledOn = LotCanceled, amt("0"), day("2026-06-01") }), "2026-07-01", StatusCanceled},
		{"to be canceled on a later day", statusLot(func(l *Lot) { l.CanceledOn = day("2026-07-01") }), "2026-06-01", StatusCanceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			why, ok := tt.lot.Cancelable(day(tt.now))
			if ok != (tt.want == "") || why != tt.want {
				t.Errorf("got %q, %v; want %q", why, ok, tt.want)
			}
		})
	}
}
