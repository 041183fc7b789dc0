package store

import (
	"sync/atomic"

	"gorm.io/gorm"
)

// CountStatements adds one to n for every statement the store sends to the database from now
// on, through this handle and its transactions: the measure of a request's queries in tests and
// benchmarks (a page's cost must not grow with the rows it shows, no query per row).
func (s *Store) CountStatements(n *atomic.Int64) error {
	count := func(*gorm.DB) { n.Add(1) }
	cb := s.db.Callback()
	for _, err := range []error{
		cb.Query().After("gorm:query").Register("creditdesk:count_query", count),
		cb.Row().After("gorm:row").Register("creditdesk:count_row", count),
		cb.Raw().After("gorm:raw").Register("creditdesk:count_raw", count),
		cb.Create().After("gorm:create").Register("creditdesk:count_create", count),
		cb.Update().After("gorm:update").Register("creditdesk:count_update", count),
		cb.Delete().After("gorm:delete").Register("creditdesk:count_delete", count),
	} {
		if err != nil {
			return wrap("count statements", err)
		}
	}
	return nil
}
