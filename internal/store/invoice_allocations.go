package store

import (
	"context"
	"fmt"
	"strconv"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// InvoiceAllocationsPage returns at most limit (at least one) of an invoice's allocations by
// date, product, lot and id, after the cursor (from the first when ""), with their lots'
// sources, and the cursor of the next page ("" on the last). A page is read by its sort key from
// the index invoice_allocations_order (keyset, migration 00025), whatever the page's depth. The
// cursor names the invoice and the last allocation given, whose sort key the database reads
// again, so that it stays short whatever the product's name; a cursor of another invoice or
// list is a fault.Field naming "after".
func (s *Store) InvoiceAllocationsPage(ctx context.Context, profileID int64, inv InvoiceRow, after string, limit int) ([]InvoiceAllocation, string, error) {
	limit = max(limit, 1)
	q := s.conn(ctx).Table("invoice_allocations AS a").Select("a.*, COALESCE(l.source, '') AS lot_source").
		Joins("LEFT JOIN lots AS l ON l.billing_profile_id = ? AND l.name = a.lot_name", profileID).
		Where("a.invoice_id = ?", inv.ID)
	if after != "" {
		last, err := s.allocationCursor(after, inv)
		if err != nil {
			return nil, "", err
		}
		q = q.Where("(a.date, a.product, a.lot_name, a.id) > (SELECT k.date, k.product, k.lot_name, k.id "+
			"FROM invoice_allocations AS k WHERE k.id = ? AND k.invoice_id = ?)", last, inv.ID)
	}
	var rows []InvoiceAllocation
	if err := q.Order("a.date, a.product, a.lot_name, a.id").Limit(limit + 1).Scan(&rows).Error; err != nil {
		return nil, "", wrap("invoice allocations", err)
	}
	if len(rows) <= limit {
		return rows, "", nil
	}
	rows = rows[:limit]
	return rows, s.encodeCursor("", strconv.FormatInt(inv.ID, 10), rows[limit-1].ID), nil
}

// CheckAllocationCursor checks that c is a cursor InvoiceAllocationsPage gave out for inv, so
// that a bad one in a URL is refused before anything is read; the error names "after".
func (s *Store) CheckAllocationCursor(c string, inv InvoiceRow) error {
	_, err := s.allocationCursor(c, inv)
	return err
}

// allocationCursor is the id of the last allocation a cursor of inv's allocations names.
func (s *Store) allocationCursor(c string, inv InvoiceRow) (int64, error) {
	invoice, id, err := s.decodeCursor("", c)
	if err != nil {
		return 0, err
	}
	if invoice != strconv.FormatInt(inv.ID, 10) {
		return 0, fmt.Errorf("store: allocation cursor: %w", fault.Field("after", "not a cursor this list gave out; start again from the first page"))
	}
	return id, nil
}
