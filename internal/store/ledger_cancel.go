package store

import (
	"cmp"
	"context"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
)

// CancelLot cancels a lot of a profile from today, for an owner or contributor (M3, M13, X1): the
// lot pays no charge dated today or later, and what it has left leaves the balance as canceled
// credit dated today. The estimate and its pending transactions show it at once (M12); the
// invoice covering yesterday settles it, like an expiry. A lot that does not exist is
// fault.ErrNotFound; one that ledger.Lot.Cancelable forbids (M8) is a refusal saying why, and so
// is any lot of a profile whose ledger Azure keeps (X1: it changes in Azure). The lock, the
// checks, the update and the audit entry are one transaction.
func (s *Store) CancelLot(ctx context.Context, actor User, sc Scope, lotName string, today ledger.Date) error {
	return s.Tx(ctx, func(tx *Store) error {
		if _, err := tx.lockProfile(ctx, sc.Profile.ID); err != nil {
			return err
		}
		if synced, err := tx.syncedFromAzure(ctx, sc.Profile.ID); err != nil || synced {
			return cmp.Or(err, errSyncedLedger)
		}
		if err := tx.touchLedger(ctx, sc.Profile.ID); err != nil {
			return err
		}
		var row LotRow
		if err := tx.conn(ctx).Where("billing_profile_id = ? AND name = ?", sc.Profile.ID, lotName).Take(&row).Error; err != nil {
			return wrap("lot to cancel", err)
		}
		l := toLedgerLot(row)
		if why, ok := l.Cancelable(today); !ok {
			return cancelRefusal(lotName, l, why)
		}
		if err := tx.conn(ctx).Model(&LotRow{}).Where("id = ?", row.ID).Update("canceled_on", today.String()).Error; err != nil {
			return wrap("cancel lot", err)
		}
		return tx.audit(ctx, actor, AuditEntry{Action: AuditLotCanceled, Scope: sc.ID(), Target: idOf(lotName),
			Before: textOf(string(l.Status(today, 0))), After: fault.Say(KeyAuditCanceledFrom, today)})
	})
}
