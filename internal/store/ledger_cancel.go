package store

import (
	"context"
	"fmt"

	"github.com/creditdesk/creditdesk/internal/fault"
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

// CancelLot cancels a live lot of a profile today, for an owner or contributor: the request is
// recorded and the profile processed at once, in one transaction, so the canceled-credit event
// and the new balance are there when the page reloads (M13, X1). A lot that does not exist, or
// is no longer live, is fault.ErrNotFound or a refusal.
func (s *Store) CancelLot(ctx context.Context, actor User, sc Scope, lotName string, today ledger.Date) error {
	err := s.Tx(ctx, func(tx *Store) error {
		if _, err := tx.lockProfile(ctx, sc.Profile.ID); err != nil {
			return err
		}
		var lot LotRow
		if err := tx.conn(ctx).Where("billing_profile_id = ? AND name = ?", sc.Profile.ID, lotName).Take(&lot).Error; err != nil {
			return wrap("lot to cancel", err)
		}
		if lot.CancelOn != "" || (lot.State != "Pending" && lot.State != "Open") {
			return fault.Refusal{Rule: "M8", Message: fmt.Sprintf("Credit %s is already canceled, expired or about to be canceled.", lotName)}
		}
		if err := tx.conn(ctx).Model(&LotRow{}).Where("id = ?", lot.ID).Update("cancel_on", today.String()).Error; err != nil {
			return wrap("request lot cancellation", err)
		}
		return tx.RecordAudit(ctx, actor, "lot.canceled", sc.ID(), lotName, lot.State, "Canceled on "+today.String())
	})
	if err != nil {
		return err
	}
	_, err = s.ProcessProfile(ctx, sc.Profile.ID, today)
	return err
}
