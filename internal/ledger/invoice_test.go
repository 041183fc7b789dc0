package ledger

import (
	"maps"
	"slices"
	"testing"
)

// The acceptance cases of issue 3, each issuing the May 2026 invoice (issued 2026-06-05, the
// profile's invoice day 5) from fresh lots.
func TestIssueInvoiceAcceptance(t *testing.T) {
	alloc := func(charge, lot, amount string) Allocation {
		return Allocation{ChargeID: charge, LotID: lot, Amount: amt(amount)}
	}
	tests := []struct {
		name          string
		lots          []Lot
		charges       []Charge
		adjs          []Adjustment
		wantAllocs    []Allocation
		wantCredits   string // credits applied
		wantIneligib  string
		wantDue       string
		wantUnapplied string
		wantBalances  map[string]string // closed balance after the invoice
		wantStates    map[string]LotState
		wantEvents    []ev
	}{{
		name:        "M9 a charge spanning two lots",
		lots:        []Lot{newLot("A", "100", "2026-05-01", "2026-06-30"), newLot("B", "500", "2026-05-01", "2026-12-31")},
		charges:     []Charge{usage("c1", "2026-05-10", "250")},
		wantAllocs:  []Allocation{alloc("c1", "A", "100"), alloc("c1", "B", "150")},
		wantCredits: "250", wantIneligib: "0", wantDue: "0", wantUnapplied: "0",
		wantBalances: map[string]string{"A": "0", "B": "350"},
		wantStates:   map[string]LotState{"A": LotOpen, "B": LotOpen},
		wantEvents: []ev{{EventNewCredit, "2026-05-01", "100.00", "100.00"}, {EventNewCredit, "2026-05-01", "500.00", "600.00"},
			{EventSettledCharges, "2026-06-05", "-250.00", "350.00"}},
	}, {
		name:        "M11 a lot expiring mid-month with charges before and after",
		lots:        []Lot{newLot("A", "300", "2026-05-01", "2026-05-15"), newLot("B", "1000", "2026-05-01", "2026-12-31")},
		charges:     []Charge{usage("c1", "2026-05-10", "100"), usage("c2", "2026-05-20", "100")},
		wantAllocs:  []Allocation{alloc("c1", "A", "100"), alloc("c2", "B", "100")},
		wantCredits: "200", wantIneligib: "0", wantDue: "0", wantUnapplied: "0",
		wantBalances: map[string]string{"A": "0", "B": "900"},
		wantStates:   map[string]LotState{"A": LotExpired, "B": LotOpen},
		wantEvents: []ev{{EventNewCredit, "2026-05-01", "300.00", "300.00"}, {EventNewCredit, "2026-05-01", "1000.00", "1300.00"},
			{EventExpiredCredit, "2026-05-15", "-200.00", "1100.00"}, {EventSettledCharges, "2026-06-05", "-200.00", "900.00"}},
	}, {
		name:        "M10 an ineligible Marketplace charge with credit left",
		lots:        []Lot{newLot("A", "1000", "2026-05-01", "2026-12-31")},
		charges:     []Charge{usage("c1", "2026-05-10", "100"), marketplace("m1", "2026-05-11", "40")},
		wantAllocs:  []Allocation{alloc("c1", "A", "100")},
		wantCredits: "100", wantIneligib: "40", wantDue: "40", wantUnapplied: "0",
		wantBalances: map[string]string{"A": "900"},
		wantStates:   map[string]LotState{"A": LotOpen},
		wantEvents:   []ev{{EventNewCredit, "2026-05-01", "1000.00", "1000.00"}, {EventSettledCharges, "2026-06-05", "-100.00", "900.00"}},
	}, {
		name: "M9 credit exhausted mid-invoice",
		lots: []Lot{newLot("A", "150", "2026-05-01", "2026-12-31")},
		charges: []Charge{usage("c3", "2026-05-03", "100"), usage("c1", "2026-05-01", "100"),
			usage("c2", "2026-05-02", "100")},
		wantAllocs:  []Allocation{alloc("c1", "A", "100"), alloc("c2", "A", "50")},
		wantCredits: "150", wantIneligib: "0", wantDue: "150", wantUnapplied: "0",
		wantBalances: map[string]string{"A": "0"},
		wantStates:   map[string]LotState{"A": LotOpen},
		wantEvents:   []ev{{EventNewCredit, "2026-05-01", "150.00", "150.00"}, {EventSettledCharges, "2026-06-05", "-150.00", "0.00"}},
	}, {
		name:        "M12 a refund settles with the invoice and pays later charges",
		lots:        []Lot{newLot("A", "100", "2026-05-01", "2026-12-31")},
		charges:     []Charge{usage("c1", "2026-05-05", "100"), usage("c2", "2026-05-20", "50")},
		adjs:        []Adjustment{refund("r1", "2026-05-10", "30")},
		wantAllocs:  []Allocation{alloc("c1", "A", "100"), alloc("c2", "A", "30")},
		wantCredits: "130", wantIneligib: "0", wantDue: "20", wantUnapplied: "0",
		wantBalances: map[string]string{"A": "0"},
		wantStates:   map[string]LotState{"A": LotOpen},
		wantEvents: []ev{{EventNewCredit, "2026-05-01", "100.00", "100.00"}, {EventAdjustment, "2026-05-10", "30.00", "130.00"},
			{EventSettledCharges, "2026-06-05", "-130.00", "0.00"}},
	}, {
		name:        "M12 a refund goes to the valid lot that burns last",
		lots:        []Lot{newLot("short", "10", "2026-05-01", "2026-06-30"), newLot("long", "10", "2026-05-01", "2027-04-30")},
		adjs:        []Adjustment{refund("r1", "2026-05-10", "5")},
		wantCredits: "0", wantIneligib: "0", wantDue: "0", wantUnapplied: "0",
		wantBalances: map[string]string{"short": "10", "long": "15"},
		wantStates:   map[string]LotState{"short": LotOpen, "long": LotOpen},
		wantEvents: []ev{{EventNewCredit, "2026-05-01", "10.00", "10.00"}, {EventNewCredit, "2026-05-01", "10.00", "20.00"},
			{EventAdjustment, "2026-05-10", "5.00", "25.00"}},
	}, {
		name:        "M12 adjustments no lot can take are unapplied",
		lots:        []Lot{newLot("A", "10", "2026-05-20", "2026-12-31")},
		adjs:        []Adjustment{refund("r1", "2026-05-10", "30"), refund("r2", "2026-05-25", "-25")},
		wantCredits: "0", wantIneligib: "0", wantDue: "0", wantUnapplied: "15",
		wantBalances: map[string]string{"A": "0"},
		wantStates:   map[string]LotState{"A": LotOpen},
		wantEvents:   []ev{{EventNewCredit, "2026-05-20", "10.00", "10.00"}, {EventAdjustment, "2026-05-25", "-10.00", "0.00"}},
	}, {
		name: "M8 M12a lots not yet started",
		lots: []Lot{newLot("A", "100", "2026-05-15", "2026-12-31"), newLot("B", "50", "2026-06-10", "2026-12-31"),
			newLot("C", "20", "2026-06-03", "2026-12-31")},
		charges:     []Charge{usage("c1", "2026-05-10", "100"), usage("c2", "2026-05-20", "100")},
		wantAllocs:  []Allocation{alloc("c2", "A", "100")},
		wantCredits: "100", wantIneligib: "0", wantDue: "100", wantUnapplied: "0",
		wantBalances: map[string]string{"A": "0", "B": "50", "C": "20"},
		wantStates:   map[string]LotState{"A": LotOpen, "B": LotPending, "C": LotOpen},
		wantEvents: []ev{{EventNewCredit, "2026-05-15", "100.00", "100.00"}, {EventNewCredit, "2026-06-03", "20.00", "120.00"},
			{EventSettledCharges, "2026-06-05", "-100.00", "20.00"}},
	}, {
		name: "M9 lots with equal expiry burn by start date then id",
		lots: []Lot{newLot("b", "100", "2026-04-01", "2026-09-30"), newLot("c", "100", "2026-03-01", "2026-09-30"),
			newLot("a", "100", "2026-03-01", "2026-09-30")},
		charges:     []Charge{usage("c1", "2026-05-10", "250")},
		wantAllocs:  []Allocation{alloc("c1", "a", "100"), alloc("c1", "c", "100"), alloc("c1", "b", "50")},
		wantCredits: "250", wantIneligib: "0", wantDue: "0", wantUnapplied: "0",
		wantBalances: map[string]string{"a": "0", "b": "50", "c": "0"},
		wantStates:   map[string]LotState{"a": LotOpen, "b": LotOpen, "c": LotOpen},
		wantEvents: []ev{{EventNewCredit, "2026-03-01", "100.00", "100.00"}, {EventNewCredit, "2026-03-01", "100.00", "200.00"},
			{EventNewCredit, "2026-04-01", "100.00", "300.00"}, {EventSettledCharges, "2026-06-05", "-250.00", "50.00"}},
	}, {
		name: "M16 zero and sub-cent amounts stay exact",
		lots: []Lot{newLot("A", "0.000003", "2026-05-01", "2026-12-31"), newLot("Z", "0", "2026-05-01", "2026-12-31")},
		charges: []Charge{usage("c1", "2026-05-01", "0.000001"), usage("c2", "2026-05-02", "0"),
			usage("c3", "2026-05-03", "0.000005")},
		wantAllocs:  []Allocation{alloc("c1", "A", "0.000001"), alloc("c3", "A", "0.000002")},
		wantCredits: "0.000003", wantIneligib: "0", wantDue: "0.000003", wantUnapplied: "0",
		wantBalances: map[string]string{"A": "0", "Z": "0"},
		wantStates:   map[string]LotState{"A": LotOpen, "Z": LotOpen},
		wantEvents: []ev{{EventNewCredit, "2026-05-01", "0.000003", "0.000003"},
			{EventSettledCharges, "2026-06-05", "-0.000003", "0.00"}},
	}, {
		name:        "M13 an invoice with no credit used adds no settled-charges event",
		lots:        []Lot{newLot("A", "100", "2026-06-01", "2026-12-31")},
		charges:     []Charge{usage("c1", "2026-05-10", "70"), marketplace("m1", "2026-05-11", "40")},
		wantCredits: "0", wantIneligib: "40", wantDue: "110", wantUnapplied: "0",
		wantBalances: map[string]string{"A": "100"},
		wantStates:   map[string]LotState{"A": LotOpen},
		wantEvents:   []ev{{EventNewCredit, "2026-06-01", "100.00", "100.00"}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := mustProfile(t, "2026-05")
			in := InvoiceInput{Profile: p, Number: "INV-1", Lots: tt.lots, Charges: tt.charges, Adjustments: tt.adjs}
			before := slices.Clone(tt.lots)
			res, err := IssueInvoice(in)
			if err != nil {
				t.Fatal(err)
			}
			inv := res.Invoice
			if !slices.Equal(inv.Allocations, tt.wantAllocs) {
				t.Errorf("allocations: got %v, want %v", inv.Allocations, tt.wantAllocs)
			}
			for name, got := range map[string]string{"credits applied": inv.CreditsApplied.String(),
				"ineligible": inv.IneligibleCharges.String(), "amount due": inv.AmountDue.String(),
				"unapplied adjustments": inv.UnappliedAdjustments.String()} {
				want := map[string]string{"credits applied": tt.wantCredits, "ineligible": tt.wantIneligib,
					"amount due": tt.wantDue, "unapplied adjustments": tt.wantUnapplied}[name]
				if got != amt(want).String() {
					t.Errorf("%s: got %s, want %s", name, got, want)
				}
			}
			if got := inv.TotalCharges.Sub(inv.CreditsApplied); got != inv.AmountDue {
				t.Errorf("amount due %s, want charges - credits = %s", inv.AmountDue, got)
			}
			after := map[string]Lot{}
			for _, l := range tt.lots {
				after[l.ID] = l
			}
			for _, l := range res.Lots {
				after[l.ID] = l
			}
			for id, want := range tt.wantBalances {
				if got := after[id].ClosedBalance; got != amt(want) {
					t.Errorf("lot %s balance: got %s, want %s", id, got, want)
				}
				if got := after[id].State; got != tt.wantStates[id] {
					t.Errorf("lot %s state: got %s, want %s", id, got, tt.wantStates[id])
				}
			}
			if got := evs(res.Events); !slices.Equal(got, tt.wantEvents) {
				t.Errorf("events:\n got %v\nwant %v", got, tt.wantEvents)
			}
			if err := res.Profile.checkOpenSum(slices.Collect(maps.Values(after))); err != nil {
				t.Error(err)
			}
			if res.Profile.NextPeriod.String() != "2026-06" {
				t.Errorf("next period: got %s, want 2026-06", res.Profile.NextPeriod)
			}
			if !slices.Equal(before, tt.lots) {
				t.Error("IssueInvoice changed the caller's lots")
			}
		})
	}
}

func TestIssueInvoiceCatchUp(t *testing.T) {
	// M9: a processing run that was down for months issues every due invoice in order; a lot
	// expiring in June stays open after May's invoice (it may still pay June 1-15) and expires
	// with June's (M11); expired lots passed again are ignored.
	b := &book{p: mustProfile(t, "2026-05"),
		lots: []Lot{newLot("A", "100", "2026-05-01", "2026-06-15"), newLot("B", "100", "2026-05-01", "2026-12-31")},
		charges: []Charge{usage("c1", "2026-05-10", "10"), usage("c2", "2026-06-10", "10"),
			usage("c3", "2026-06-20", "10"), usage("c4", "2026-07-20", "10")}}
	b.issueDue(t, day("2026-06-05"))
	if got := b.lot("A").State; got != LotOpen {
		t.Errorf("after May: lot A is %s, want Open", got)
	}
	b.issueDue(t, day("2026-09-04")) // June, July; August is due on 09-05
	var got []string
	for _, inv := range b.invoices {
		got = append(got, inv.Number+" "+inv.IssueDate.String()+" "+inv.CreditsApplied.String())
	}
	want := []string{"INV-2026-05 2026-06-05 10.00", "INV-2026-06 2026-07-05 20.00", "INV-2026-07 2026-08-05 10.00"}
	if !slices.Equal(got, want) {
		t.Errorf("invoices: got %v, want %v", got, want)
	}
	if a := b.lot("A"); a.State != LotExpired || a.ExpiredAmount != amt("80") {
		t.Errorf("lot A: got %s with %s expired, want Expired with 80", a.State, a.ExpiredAmount)
	}
	if b.p.CurrentBalance != amt("80") || b.p.NextPeriod.String() != "2026-08" {
		t.Errorf("profile: got %s next %s, want 80 next 2026-08", b.p.CurrentBalance, b.p.NextPeriod)
	}
	res, err := IssueInvoice(InvoiceInput{Profile: b.p, Number: "INV-2026-08", Lots: b.lots})
	if err != nil || len(res.Lots) != 0 || len(res.Events) != 0 {
		t.Errorf("an empty month with an expired lot passed in: %+v, %v", res, err)
	}
}
