package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// allocationKey is where a page of an invoice's allocations ends: the sort key of its last row
// (date, product, lot), sealed in the cursor's value; the row's id breaks ties.
type allocationKey struct {
	Date, Product, Lot string
}

// InvoiceAllocationsPage returns at most limit of an invoice's allocations by date, product, lot
// and id, after the cursor (from the first when ""), with their lots' sources, and the cursor of
// the next page ("" on the last). A page is read by the sort key in the database (keyset), so a
// late page of an invoice of thousands of charges costs what the first does.
func (s *Store) InvoiceAllocationsPage(ctx context.Context, profileID int64, inv InvoiceRow, after string, limit int) ([]InvoiceAllocation, string, error) {
	q := s.conn(ctx).Table("invoice_allocations AS a").Select("a.*, COALESCE(l.source, '') AS lot_source").
		Joins("LEFT JOIN lots AS l ON l.billing_profile_id = ? AND l.name = a.lot_name", profileID).
		Where("a.invoice_id = ?", inv.ID)
	if after != "" {
		k, id, err := s.decodeAllocationCursor(after)
		if err != nil {
			return nil, "", err
		}
		q = q.Where("(a.date, a.product, a.lot_name, a.id) > (?, ?, ?, ?)", k.Date, k.Product, k.Lot, id)
	}
	var rows []InvoiceAllocation
	if err := q.Order("a.date, a.product, a.lot_name, a.id").Limit(limit + 1).Scan(&rows).Error; err != nil {
		return nil, "", wrap("invoice allocations", err)
	}
	if len(rows) <= limit {
		return rows, "", nil
	}
	rows = rows[:limit]
	last := rows[limit-1]
	key, err := json.Marshal(allocationKey{Date: last.Date.String(), Product: last.Product, Lot: last.LotName})
	if err != nil {
		return nil, "", fmt.Errorf("store: allocation cursor: %w", err)
	}
	return rows, s.encodeCursor(string(key), last.ID), nil
}

// CheckAllocationCursor checks that c is a cursor InvoiceAllocationsPage gave out, so that a bad
// one in a URL is refused before anything is read; the error names the "after" parameter.
func (s *Store) CheckAllocationCursor(c string) error {
	_, _, err := s.decodeAllocationCursor(c)
	return err
}

// decodeAllocationCursor reads a cursor of InvoiceAllocationsPage.
func (s *Store) decodeAllocationCursor(c string) (allocationKey, int64, error) {
	var k allocationKey
	value, id, err := s.decodeCursor(c)
	if err != nil {
		return k, 0, err
	}
	if json.Unmarshal([]byte(value), &k) != nil || k.Date == "" {
		return k, 0, fmt.Errorf("store: allocation cursor: %w", fault.Field("after", "not a cursor this list gave out; start again from the first page"))
	}
	return k, id, nil
}
