package ledger

import (
	"slices"
	"testing"
)

func TestSummarize(t *testing.T) {
	tests := []struct {
		name    string
		lots    []Lot
		charges []Charge
		adjs    []Adjustment
		closeAt string // invoices due by then are issued first
		now     string
		// want: current, estimated, pending eligible, pending adjustments, of which new credit,
		// expired, uncovered
		want [7]string
	}{{
		name:    "M12 nothing pending: estimated is current",
		lots:    []Lot{newLot("A", "100", "2026-05-01", "2026-12-31")},
		charges: []Charge{usage("c1", "2026-05-10", "30")},
		closeAt: "2026-06-05", now: "2026-06-05",
		want: [7]string{"70", "70", "0", "0", "0", "0", "0"},
	}, {
		name:    "M12 pending charges beyond the credit: only the covered part, estimate 0",
		lots:    []Lot{newLot("A", "100", "2026-05-01", "2026-12-31")},
		charges: []Charge{usage("c1", "2026-06-10", "80"), usage("c2", "2026-06-12", "50"), marketplace("m1", "2026-06-13", "5")},
		closeAt: "2026-06-05", now: "2026-06-20",
		want: [7]string{"100", "0", "-100", "0", "0", "0", "30"},
	}, {
		name:    "M12 new credit started after the last invoice is a pending adjustment",
		lots:    []Lot{newLot("A", "100", "2026-05-01", "2026-12-31"), newLot("B", "50", "2026-06-10", "2027-06-30")},
		charges: []Charge{usage("c1", "2026-06-12", "20")},
		closeAt: "2026-06-05", now: "2026-06-15",
		want: [7]string{"100", "130", "-20", "50", "50", "0", "0"},
	}, {
		name:    "M11 credit expired since the last invoice, after the charges it could pay",
		lots:    []Lot{newLot("A", "100", "2026-05-01", "2026-06-15"), newLot("B", "100", "2026-05-01", "2026-12-31")},
		charges: []Charge{usage("c1", "2026-06-10", "30"), usage("c2", "2026-06-20", "30")},
		closeAt: "2026-06-05", now: "2026-06-25",
		want: [7]string{"200", "70", "-60", "0", "0", "70", "0"},
	}, {
		name:    "M11 M12 a pending charge before a lot starts cannot use it",
		lots:    []Lot{newLot("A", "100", "2026-06-15", "2026-12-31")},
		charges: []Charge{usage("c1", "2026-06-10", "50"), usage("c2", "2026-06-20", "30")},
		closeAt: "2026-06-05", now: "2026-06-25",
		want: [7]string{"0", "70", "-30", "100", "100", "0", "50"},
	}, {
		name:    "X3 items dated after now have not happened",
		lots:    []Lot{newLot("A", "100", "2026-05-01", "2026-12-31"), newLot("B", "40", "2026-06-25", "2026-12-31")},
		charges: []Charge{usage("c1", "2026-06-10", "10"), usage("c2", "2026-06-30", "99")},
		adjs:    []Adjustment{refund("r1", "2026-06-21", "5")},
		closeAt: "2026-06-05", now: "2026-06-20",
		want: [7]string{"100", "90", "-10", "0", "0", "0", "0"},
	}, {
		name:    "M12 a pending refund",
		lots:    []Lot{newLot("A", "100", "2026-05-01", "2026-12-31")},
		charges: []Charge{usage("c1", "2026-05-10", "100"), usage("c2", "2026-06-12", "10")},
		adjs:    []Adjustment{refund("r1", "2026-06-10", "25")},
		closeAt: "2026-06-05", now: "2026-06-20",
		want: [7]string{"0", "15", "-10", "25", "0", "0", "0"},
	}, {
		name:    "M11 a lot is usable to the end of its expiration date",
		lots:    []Lot{newLot("A", "100", "2026-05-01", "2026-06-20")},
		closeAt: "2026-06-05", now: "2026-06-20",
		want: [7]string{"100", "100", "0", "0", "0", "0", "0"},
	}, {
		name:    "M11 and gone the day after",
		lots:    []Lot{newLot("A", "100", "2026-05-01", "2026-06-20")},
		closeAt: "2026-06-05", now: "2026-06-21",
		want: [7]string{"100", "0", "0", "0", "0", "100", "0"},
	}, {
		name:    "M12 invoices overdue: every pending month is simulated at once",
		lots:    []Lot{newLot("A", "100", "2026-05-01", "2026-05-31")},
		charges: []Charge{usage("c1", "2026-05-10", "30"), usage("c2", "2026-06-10", "30")},
		closeAt: "2026-05-01", now: "2026-07-10",
		want: [7]string{"0", "0", "-30", "100", "100", "70", "30"},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := &book{p: mustProfile(t, "2026-05"), lots: tt.lots, charges: tt.charges, adjs: tt.adjs}
			b.issueDue(t, day(tt.closeAt))
			s := b.summary(t, day(tt.now))
			got := [7]string{s.CurrentBalance.String(), s.EstimatedBalance.String(), s.PendingEligibleCharges.String(),
				s.PendingCreditAdjustments.String(), s.PendingNewCredit.String(), s.ExpiredCredit.String(), s.UncoveredCharges.String()}
			var want [7]string
			for i, w := range tt.want {
				want[i] = amt(w).String()
			}
			if got != want {
				t.Errorf("current, estimated, pending charges, adjustments, new credit, expired, uncovered:\n got %v\nwant %v", got, want)
			}
			if err := identity(s); err != nil {
				t.Error(err)
			}
			// M13: the pending events lead from the current to the estimated balance.
			bal := s.CurrentBalance
			for _, e := range s.Events {
				bal = bal.Add(e.Amount)
				if !e.Pending || e.Balance != bal || e.Amount.IsZero() {
					t.Errorf("pending event %+v: want pending, non-zero, balance %s", e, bal)
				}
			}
			if bal != s.EstimatedBalance {
				t.Errorf("pending events end at %s, estimated %s", bal, s.EstimatedBalance)
			}
		})
	}
}

func TestSummarizeEvents(t *testing.T) {
	// M13: pending events of every kind, in date order, with the running estimate.
	b := &book{p: mustProfile(t, "2026-05"),
		lots:    []Lot{newLot("A", "100", "2026-05-01", "2026-06-15"), newLot("B", "50", "2026-06-10", "2026-12-31")},
		charges: []Charge{usage("c1", "2026-06-08", "30"), usage("c2", "2026-06-20", "20")},
		adjs:    []Adjustment{{ID: "r1", Date: day("2026-06-12"), Amount: amt("5"), Currency: "usd"}}}
	b.lots[1].PONumber = "PO-7731"
	b.issueDue(t, day("2026-06-05"))
	s := b.summary(t, day("2026-06-25"))
	if got := s.Events[0].Description; got != "New credit (PromotionalCredit), PO PO-7731" {
		t.Errorf("new credit description: got %q", got)
	}
	want := []ev{
		{EventNewCredit, "2026-06-10", "50.00", "150.00"},
		{EventAdjustment, "2026-06-12", "5.00", "155.00"}, // to B, the lot that burns last
		{EventExpiredCredit, "2026-06-15", "-70.00", "85.00"},
		{EventPendingCharges, "2026-06-25", "-50.00", "35.00"},
	}
	if got := evs(s.Events); !slices.Equal(got, want) {
		t.Errorf("pending events:\n got %v\nwant %v", got, want)
	}
	if s.Events[1].Description != "Adjustment" || s.Events[1].LotID != "B" {
		t.Errorf("adjustment event: got %+v", s.Events[1])
	}
	wantLots := []LotBalance{{ID: "B", StartDate: day("2026-06-10"), ExpirationDate: day("2026-12-31"), Balance: amt("35")}}
	if !slices.Equal(s.Lots, wantLots) {
		t.Errorf("lot estimates: got %v, want %v", s.Lots, wantLots)
	}
}

func TestSummarizeDailyTotalsGiveTheSameResult(t *testing.T) {
	// The store may pass eligible charges summed per day (summary.go): same estimate.
	lots := []Lot{newLot("A", "60", "2026-06-01", "2026-06-10"), newLot("B", "60", "2026-06-05", "2026-12-31")}
	single := []Charge{usage("a", "2026-06-03", "20"), usage("b", "2026-06-03", "25"), usage("c", "2026-06-08", "10"),
		usage("d", "2026-06-08", "30"), usage("e", "2026-06-12", "7")}
	daily := []Charge{usage("2026-06-03", "2026-06-03", "45"), usage("2026-06-08", "2026-06-08", "40"),
		usage("2026-06-12", "2026-06-12", "7")}
	p := mustProfile(t, "2026-06")
	s1, err1 := Summarize(SummaryInput{Profile: p, Lots: lots, Charges: single, Now: day("2026-06-20")})
	s2, err2 := Summarize(SummaryInput{Profile: p, Lots: lots, Charges: daily, Now: day("2026-06-20")})
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	if s1.EstimatedBalance != s2.EstimatedBalance || s1.ExpiredCredit != s2.ExpiredCredit ||
		s1.PendingEligibleCharges != s2.PendingEligibleCharges || !slices.Equal(s1.Lots, s2.Lots) {
		t.Errorf("per charge %+v\nper day %+v", s1, s2)
	}
}
