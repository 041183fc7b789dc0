package web_test

import (
	"context"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/scenario"
	"github.com/creditdesk/creditdesk/internal/store"
)

// TestDemoEveryStatusOnAnyDate (issue 11): the demo is moved to the day it is loaded, so on
// dates years apart it has credits in every status (M8) and benefits in every status (P8, P4,
// P5, P3), after the processing run of that day.
func TestDemoEveryStatusOnAnyDate(t *testing.T) {
	t.Parallel()
	for _, at := range []time.Time{scenario.DemoWrittenFor.Add(9 * time.Hour),
		time.Date(2029, 6, 15, 14, 0, 0, 0, time.UTC), time.Date(2034, 2, 3, 8, 0, 0, 0, time.UTC)} {
		t.Run(at.Format(time.DateOnly), func(t *testing.T) {
			t.Parallel()
			h := demoHarnessAt(t, at)
			ctx := context.Background()
			today := ledger.DateOf(at)
			lots := demoLots(t, h)
			for _, st := range ledger.Statuses {
				if len(lots[st]) == 0 {
					t.Errorf("no %s credit in the demo on %s: %v", st, today, lots)
				}
			}
			partner, err := h.store.PartnerByExternalID(ctx, "7012345")
			if err != nil {
				t.Fatal(err)
			}
			page, err := h.store.BenefitsOfPartner(ctx, partner.ID, store.BenefitQuery{Now: at, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			seen := map[benefits.Status]int{}
			for _, r := range page.Rows {
				seen[benefits.StatusOf(r.Benefit, at)]++
			}
			for _, st := range []benefits.Status{benefits.StatusPendingProvisioning, benefits.StatusNotRedeemed,
				benefits.StatusAssigned, benefits.StatusRedeemed, benefits.StatusExpired} {
				if seen[st] == 0 {
					t.Errorf("no %s benefit in the demo on %s: %v", st, today, seen)
				}
			}
		})
	}
}
