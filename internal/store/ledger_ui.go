package store

import (
	"context"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// Lot returns the stored lot as the ledger sees it, for its status and days to expiry (M8).
func (r LotRow) Lot() ledger.Lot { return toLedgerLot(r) }

// LotsByName returns the named lots of a profile, in no particular order; names it does not
// have are left out. Pages use it to describe the few lots they name (allocations, runway).
func (s *Store) LotsByName(ctx context.Context, profileID int64, names []string) ([]LotRow, error) {
	if len(names) == 0 {
		return nil, nil
	}
	var rows []LotRow
	err := s.conn(ctx).Where("billing_profile_id = ? AND name IN ?", profileID, names).Find(&rows).Error
	return rows, wrap("lots by name", err)
}
