package store

import (
	"context"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// applyCancellations takes out the credit of the profile's live lots whose requested
// cancellation day has come (M13 canceled credit), after the run's invoices: credit already
// applied to an invoice stays applied. It updates lp and returns the lots canceled and the
// events appended.
func (s *Store) applyCancellations(ctx context.Context, p BillingProfile, lp *ledger.Profile, today ledger.Date) (int, int, error) {
	var rows []LotRow
	err := s.conn(ctx).Where("billing_profile_id = ? AND cancel_on <> '' AND cancel_on <= ? AND state IN ?",
		p.ID, today.String(), []string{"Pending", "Open"}).Order("cancel_on, name").Find(&rows).Error
	if err != nil {
		return 0, 0, wrap("due cancellations", err)
	}
	seq, stored := p.EventSeq, 0
	for _, r := range rows {
		next, lot, events, err := ledger.Cancel(*lp, toLedgerLot(r), mustDate(r.CancelOn))
		if err != nil {
			return 0, 0, err
		}
		if err := s.saveLotStates(ctx, p.ID, []ledger.Lot{lot}); err != nil {
			return 0, 0, err
		}
		if err := s.appendEvents(ctx, p.ID, seq, events); err != nil {
			return 0, 0, err
		}
		*lp, seq, stored = next, seq+int64(len(events)), stored+len(events)
	}
	return len(rows), stored, nil
}
