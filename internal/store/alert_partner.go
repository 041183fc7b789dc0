package store

import (
	"context"
	"time"
)

// PartnerByID returns a partner organisation by its row id, for the evaluation of its rules.
func (s *Store) PartnerByID(ctx context.Context, id int64) (Partner, error) {
	var p Partner
	err := s.conn(ctx).Where("id = ?", id).Take(&p).Error
	return p, wrap("partner", err)
}

// LiveBenefitsOfPartner lists an organisation's benefits not expired at now, with their
// history: what its alert rules check (the same rows and states the Benefits workspace shows).
func (s *Store) LiveBenefitsOfPartner(ctx context.Context, partnerID int64, now time.Time) ([]BenefitDetail, error) {
	vs, err := scanBenefits(s.benefitSelect(ctx).Where("b.partner_id = ? AND b.expires_at > ?", partnerID, now.UTC()).
		Order("b.end_date, b.external_id"), "live benefits of partner")
	if err != nil || len(vs) == 0 {
		return nil, err
	}
	return s.details(ctx, vs)
}
