package store

import (
	"context"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// InsertLotRows stores lots exactly as given, whatever their ledger state, so that a test can
// draw states no processing run would reach in a few steps.
func (s *Store) InsertLotRows(ctx context.Context, lots []LotRow) error {
	for _, l := range lots {
		if err := s.touchLedger(ctx, l.BillingProfileID); err != nil {
			return err
		}
	}
	return wrap("insert lot rows", s.conn(ctx).Create(&lots).Error)
}

// ComputedSummary is ProfileSummary computed afresh from the live lots and the unbilled days,
// neither reading nor writing the kept section: what a kept section must equal.
func (s *Store) ComputedSummary(ctx context.Context, p BillingProfile, today ledger.Date) (ledger.Summary, error) {
	secs, err := s.computeSummaries(ctx, []BillingProfile{p}, today, true)
	return secs[p.ID].Summary, err
}
