package store_test

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestInvoiceAllocationsPagesAreTheWhole (M9): an invoice of random charges paid by several lots
// (so that one charge is often paid by two, and many share a date and a product), read page by
// page at random page sizes, gives every allocation once, in the order of the one-page read, which
// is by date, product, lot and id; a cursor of another list, or a forged one, names "after".
func TestInvoiceAllocationsPagesAreTheWhole(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		rng := rand.New(rand.NewPCG(9, uint64(len(t.Name()))))
		lot := func(name, units, expiration string) store.LotRow {
			return store.LotRow{Name: name, Source: ledger.SourcePromotional, Currency: "USD", OriginalAmount: money.MustParse(units),
				StartDate: ledger.MustDate("2026-01-01"), ExpirationDate: ledger.MustDate(expiration), PurchasedDate: ledger.MustDate("2026-01-01")}
		}
		c := cadenceCase{invoiceDay: 1, end: ledger.MustDate("2026-04-01"),
			lots: []store.LotRow{lot("K1", "7", "2026-03-10"), lot("K2", "9", "2026-03-20"), lot("K3", "10000", "2027-12-31")}}
		products := []string{"app service", "storage", "virtual machines", strings.Repeat("😀", 200)} // the longest name (costcsv)
		for range 60 {
			c.charges = append(c.charges, store.ChargeTotal{Date: fmt.Sprintf("2026-03-%02d", 1+rng.IntN(31)),
				Product: products[rng.IntN(len(products))], PublisherType: "Azure", Eligible: true, Amount: int64(1+rng.IntN(5)) * 1_000000})
		}
		pl := &cadencePlayer{s: s}
		p, err := pl.load(ctx, c)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.ProcessProfile(ctx, p.ID, c.end); err != nil {
			t.Fatal(err)
		}
		inv, err := s.InvoiceByNumber(ctx, p.ID, fmt.Sprintf("INV-202603-%06d", p.ID))
		if err != nil {
			t.Fatal(err)
		}
		whole, next, err := s.InvoiceAllocationsPage(ctx, p.ID, inv, "", 1000)
		charges := map[string]bool{} // a day's charges of one product are one total
		for _, ch := range c.charges {
			charges[ch.Date+ch.Product] = true
		}
		if err != nil || next != "" || len(whole) <= len(charges) {
			t.Fatalf("one page: %d allocations, next %q, %v; want more than the %d charges (some paid by two lots)", len(whole), next, err, len(charges))
		}
		key := func(a store.InvoiceAllocation) string {
			return fmt.Sprintf("%s|%s|%s|%09d", a.Date, a.Product, a.LotName, a.ID)
		}
		if !slices.IsSortedFunc(whole, func(a, b store.InvoiceAllocation) int { return strings.Compare(key(a), key(b)) }) {
			t.Errorf("one page is not by date, product, lot and id")
		}
		for range 20 {
			size := 1 + rng.IntN(len(whole)+2)
			var paged []store.InvoiceAllocation
			after := ""
			for pages := 0; ; pages++ {
				page, next, err := s.InvoiceAllocationsPage(ctx, p.ID, inv, after, size)
				if err != nil || pages > len(whole) {
					t.Fatalf("page %d of %d: %v", pages, size, err)
				}
				paged = append(paged, page...)
				if next == "" {
					break
				}
				after = next
			}
			if !slices.EqualFunc(paged, whole, func(a, b store.InvoiceAllocation) bool { return a.ID == b.ID && a.LotSource == b.LotSource }) {
				t.Fatalf("pages of %d differ from the one page", size)
			}
		}
		_, next, err = s.InvoiceAllocationsPage(ctx, p.ID, inv, "", 1)
		if err != nil || next == "" {
			t.Fatalf("a first page of one: next %q, %v", next, err)
		}
		other := inv
		other.ID++ // a cursor of another invoice
		for _, bad := range []string{"x", s.EncodeLotCursor(store.LotQuery{}, store.LotCursor{Value: "2026-03-01", ID: 5})} {
			if _, _, err := s.InvoiceAllocationsPage(ctx, p.ID, inv, bad, 10); !errors.Is(err, fault.ErrInvalid) || s.CheckAllocationCursor(bad, inv) == nil {
				t.Errorf("cursor %q: %v; want an invalid after", bad, err)
			}
		}
		if _, _, err := s.InvoiceAllocationsPage(ctx, p.ID, other, next, 10); !errors.Is(err, fault.ErrInvalid) || s.CheckAllocationCursor(next, other) == nil {
			t.Errorf("a cursor of another invoice: %v; want an invalid after", err)
		}
	})
}

// allAllocations reads an invoice's allocations through InvoiceAllocationsPage, three at a time,
// so that every test that reads them also pages through them.
func allAllocations(ctx context.Context, s *store.Store, profileID int64, inv store.InvoiceRow) ([]store.InvoiceAllocation, error) {
	var all []store.InvoiceAllocation
	after := ""
	for {
		page, next, err := s.InvoiceAllocationsPage(ctx, profileID, inv, after, 3)
		if err != nil {
			return nil, err
		}
		all = append(all, page...)
		if next == "" {
			return all, nil
		}
		after = next
	}
}
