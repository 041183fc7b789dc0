package store

import (
	"context"

	"gorm.io/gorm/clause"
)

// benefitVersionRow is an organisation's benefits version (migration 00024).
type benefitVersionRow struct {
	PartnerID int64 `gorm:"primaryKey;autoIncrement:false"`
	Version   int64
}

// TableName maps benefitVersionRow to its table.
func (benefitVersionRow) TableName() string { return "benefit_versions" }

// BenefitsVersion is an organisation's benefits version: it moves with every write of the
// organisation's benefits (touchBenefits), so a value computed from them after reading version
// v is still theirs while the version reads v (0 before the first write). One read by primary
// key: what a portal asks each request before showing totals it keeps (issue 10).
func (s *Store) BenefitsVersion(ctx context.Context, partnerID int64) (int64, error) {
	var vs []int64
	err := s.conn(ctx).Model(&benefitVersionRow{}).Where("partner_id = ?", partnerID).Limit(1).Pluck("version", &vs).Error
	if err != nil || len(vs) == 0 {
		return 0, wrap("benefits version", err)
	}
	return vs[0], nil
}

// touchBenefits moves an organisation's benefits version. Every write of its benefits calls it
// in the write's transaction, after the write: its row is then the transaction's last lock, so
// that a write holding it never waits for a benefit's row another write holds (a renewal locks
// the organisation's row first and shares the rows it renews; an assignment locks the benefit's
// row first).
func (s *Store) touchBenefits(ctx context.Context, partnerID int64) error {
	r := benefitVersionRow{PartnerID: partnerID, Version: 1}
	err := s.conn(ctx).Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "partner_id"}},
		DoUpdates: clause.Set{{Column: clause.Column{Name: "version"}, Value: clause.Expr{SQL: "benefit_versions.version + 1"}}}}).
		Create(&r).Error
	return wrap("move benefits version", err)
}
