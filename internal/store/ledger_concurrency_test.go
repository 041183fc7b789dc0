package store_test

import (
	"context"
	"sync"
	"testing"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestConcurrentProcessingRunsIssueEachInvoiceOnce: several instances running the periodic work
// at once against one database leave exactly the ledger one run leaves (M9, M13): no duplicate
// invoice, no duplicate or missing event.
func TestConcurrentProcessingRunsIssueEachInvoiceOnce(t *testing.T) {
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		url := storetest.MigratedURL(t, d)
		open := func() *store.Store {
			s, err := store.Open(ctx, url, clock.Real())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = s.Close() })
			return s
		}
		first := open()
		loadLedger(t, first)
		today := ledger.MustDate("2026-07-10")
		const instances = 4
		var wg sync.WaitGroup
		results := make([]store.ProcessResult, instances)
		errs := make([]error, instances)
		for i := 0; i < instances; i++ {
			s := open() // one connection pool per "instance"
			wg.Go(func() {
				results[i], errs[i] = s.ProcessAll(ctx, today)
			})
		}
		wg.Wait()
		invoices, events := 0, 0
		for i := range results {
			if errs[i] != nil {
				t.Errorf("instance %d: %v", i, errs[i])
			}
			invoices += results[i].Invoices
			events += results[i].EventsStored
		}
		if invoices != 3 || events != 7 {
			t.Errorf("the instances issued %d invoices and %d events in all, want 3 and 7", invoices, events)
		}
		p := profileOf(t, first)
		invs, _ := first.Invoices(ctx, p.ID)
		rows, _, _ := first.EventsPage(ctx, store.EventQuery{ProfileIDs: []int64{p.ID}, Newest: true, Limit: 100})
		if len(invs) != 3 || len(rows) != 7 || p.CurrentBalance.String() != "825.00" {
			t.Errorf("stored %d invoices, %d events, balance %s; want 3, 7, 825.00", len(invs), len(rows), p.CurrentBalance.String())
		}
	})
}
