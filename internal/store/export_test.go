package store

import "context"

// InsertLotRows stores lots exactly as given, whatever their ledger state, so that a test can
// draw states no processing run would reach in a few steps.
func (s *Store) InsertLotRows(ctx context.Context, lots []LotRow) error {
	return wrap("insert lot rows", s.conn(ctx).Create(&lots).Error)
}
