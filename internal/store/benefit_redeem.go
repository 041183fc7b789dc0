package store

import (
	"context"
	"io"

	"github.com/creditdesk/creditdesk/internal/benefits"
)

// RedeemBenefit activates a benefit for the signed-in user who holds it (P4, P5): a new
// subscription id is drawn from random (crypto/rand.Reader in production) and never an
// existing subscription; a monthly credit's 13 months start at its first activation (P11).
// The row is locked first. A benefit the user does not hold is fault.ErrNotFound, so nobody
// learns about benefits that are not theirs.
func (s *Store) RedeemBenefit(ctx context.Context, user User, benefitID string, random io.Reader) (benefits.Change, error) {
	var (
		ch benefits.Change
		p  Partner
	)
	err := s.Tx(ctx, func(tx *Store) error {
		row, err := tx.lockBenefit(ctx, 0, benefitID, user.ID)
		if err != nil {
			return err
		}
		if err := tx.conn(ctx).Where("id = ?", row.PartnerID).Take(&p).Error; err != nil {
			return wrap("partner of benefit", err)
		}
		v, err := tx.benefitView(ctx, row.ID)
		if err != nil {
			return err
		}
		ch, err = benefits.Redeem(benefits.RedeemRequest{Benefit: v.Benefit, User: user.Email, Now: tx.now().UTC()}, random)
		if err != nil {
			return err
		}
		return tx.applyChange(ctx, user, p, row.ID, row.AssignedUserID, ch)
	})
	if p.ID == 0 {
		return ch, err
	}
	return ch, s.refused(ctx, user, p, benefitID, benefits.ActionRedeem, "", err)
}
