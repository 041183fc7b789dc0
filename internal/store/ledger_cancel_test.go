package store_test

import (
	"context"
	"errors"
	"testing"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestScenarioCancellation: a lot canceled from 07-12 by a scenario still pays the 07-03 charge,
// shows as canceled from that day with its credit leaving the estimate at once (M8, M12), and
// the July invoice settles one canceled-credit event dated 07-12 before its settled charges
// (M11, M13). A cancellation in an invoiced month is refused (X1).
func TestScenarioCancellation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p, _ := processedLedger(t, s)
		prepaid := store.LotRow{BillingProfileID: p.ID, Name: "prepaid", Source: "PurchasedCredit",
			Currency: "USD", OriginalAmount: money.MustParse("2000"), StartDate: ledger.MustDate("2026-04-20"), ExpirationDate: ledger.MustDate("2027-04-19"),
			PurchasedDate: ledger.MustDate("2026-04-20"), CanceledOn: ledger.MustDate("2026-07-12")}
		if change, err := s.SaveLot(ctx, tester, prepaid); err != nil || change != store.Updated {
			t.Fatalf("adding the cancellation: %v, %v", change, err)
		}
		if change, err := s.SaveLot(ctx, tester, prepaid); err != nil || change != store.Unchanged {
			t.Fatalf("the same cancellation again: %v, %v", change, err)
		}
		p = profileOf(t, s)
		for day, want := range map[string]string{"2026-07-11": "0.00", "2026-07-12": "625.00"} {
			sum, err := s.ProfileSummary(ctx, p, ledger.MustDate(day))
			if err != nil || amt(sum.CanceledCredit.Micros()) != want {
				t.Errorf("%s: canceled credit %s (%v), want %s", day, sum.CanceledCredit, err, want)
			}
			canceled, _, _ := s.LotsPage(ctx, store.LotQuery{ProfileIDs: []int64{p.ID}, Statuses: []ledger.Status{ledger.StatusCanceled}, Limit: 10, Today: ledger.MustDate(day), Window: 30})
			if (len(canceled) == 1) != (want != "0.00") {
				t.Errorf("%s: canceled lots %v", day, canceled)
			}
		}
		if _, err := s.ProcessAll(ctx, ledger.MustDate("2026-08-05")); err != nil {
			t.Fatal(err)
		}
		p = profileOf(t, s)
		events, _, _ := s.EventsPage(ctx, store.EventQuery{ProfileIDs: []int64{p.ID}, Newest: true, Limit: 2})
		if p.CurrentBalance.String() != "0.00" || len(events) != 2 ||
			events[1].Kind != "CanceledCredit" || events[1].Date.String() != "2026-07-12" || events[1].Amount.String() != "-625.00" || events[1].Balance.String() != "200.00" ||
			events[0].Kind != "SettledCharges" || events[0].Amount.String() != "-200.00" || events[0].Balance.String() != "0.00" {
			t.Errorf("balance %s, newest events %+v", p.CurrentBalance.String(), events)
		}
		late := prepaid
		late.Name, late.CanceledOn = "late", ledger.MustDate("2026-07-20")
		if _, err := s.SaveLot(ctx, tester, late); !errors.Is(err, fault.ErrConflict) {
			t.Errorf("a cancellation in an invoiced month: %v", err)
		}
	})
}

// TestCancelLotRefusals: an expired lot (settled or not), a used one and a canceled one cannot
// be canceled: a refusal saying why as a message, its key and the lot's name and cancellation
// date as values (M8), and nothing changes.
func TestCancelLotRefusals(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p := loadLedger(t, s)
		// tiny is used up by the 04-10 charge: it expires first (M9).
		if _, err := s.SaveLot(ctx, tester, store.LotRow{BillingProfileID: p.ID, Name: "tiny", Source: "PromotionalCredit",
			Currency: "USD", OriginalAmount: money.MustParse("10"), StartDate: ledger.MustDate("2026-04-01"), ExpirationDate: ledger.MustDate("2026-05-10"), PurchasedDate: ledger.MustDate("2026-04-01")}); err != nil {
			t.Fatal(err)
		}
		owner, err := s.UserByEmail(ctx, "ana@northwind.example")
		if err != nil {
			t.Fatal(err)
		}
		account, err := s.AccountByName(ctx, "5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31")
		if err != nil {
			t.Fatal(err)
		}
		sc := store.Scope{Account: account, Profile: &p}
		cancel := func(day, lot string) error {
			if _, err := s.ProcessAll(ctx, ledger.MustDate(day)); err != nil {
				t.Fatal(err)
			}
			return s.CancelLot(ctx, owner, sc, lot, ledger.MustDate(day))
		}
		said := func(key, lot string, args ...any) fault.Message {
			return fault.Say(key, append([]any{fault.ID(lot)}, args...)...)
		}
		tests := []struct {
			day, lot string
			want     fault.Message
		}{
			{"2026-05-20", "promo", said(store.KeyCancelExpired, "promo")}, // expired 05-15, not settled
			{"2026-05-20", "tiny", said(store.KeyCancelUsed, "tiny")},
			{"2026-06-10", "promo", said(store.KeyCancelExpired, "promo")}, // settled by the May invoice
			{"2026-06-10", "prepaid", fault.Message{}},
			{"2026-06-11", "prepaid", said(store.KeyCancelCanceledFrom, "prepaid", ledger.MustDate("2026-06-10"))},
		}
		for _, tt := range tests {
			err := cancel(tt.day, tt.lot)
			if tt.want.IsZero() {
				if err != nil {
					t.Errorf("%s %s: %v", tt.day, tt.lot, err)
				}
				continue
			}
			var r fault.Refusal
			if !errors.Is(err, fault.ErrConflict) || !errors.As(err, &r) || r.Rule != "M8" || r.Said.String() != tt.want.String() {
				t.Errorf("%s %s: got %v, want an M8 refusal saying %v", tt.day, tt.lot, err, tt.want)
			}
		}
		if err := cancel("2026-06-11", "no-such-lot"); !errors.Is(err, fault.ErrNotFound) {
			t.Errorf("a lot that does not exist: %v", err)
		}
	})
}
