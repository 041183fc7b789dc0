package store

import (
	"context"
	"fmt"
)

// benefitVersionRow is an organisation's benefits version (migration 00024).
type benefitVersionRow struct {
	PartnerID int64 `gorm:"primaryKey;autoIncrement:false"`
	Version   int64
}

// TableName maps benefitVersionRow to its table.
func (benefitVersionRow) TableName() string { return "benefit_versions" }

// BenefitsVersion is an organisation's benefits version: it moves with every write of what its
// Benefits workspace shows of its benefits (touchBenefits): the benefits, their history, their
// holders' names and the organisation's name. A value computed from them after reading version v
// is still theirs while the version reads v (0 before the first write). One read by primary key:
// what a portal asks each request before showing what it keeps (issue 10).
func (s *Store) BenefitsVersion(ctx context.Context, partnerID int64) (int64, error) {
	var vs []int64
	err := s.conn(ctx).Model(&benefitVersionRow{}).Where("partner_id = ?", partnerID).Limit(1).Pluck("version", &vs).Error
	if err != nil || len(vs) == 0 {
		return 0, wrap("benefits version", err)
	}
	return vs[0], nil
}

// moveVersions adds one to the benefits version of the organisations the SELECT names (a
// partner id and 1 per row, with a WHERE clause as SQLite's upsert needs), creating it at 1.
const moveVersions = "INSERT INTO benefit_versions (partner_id, version) %s " +
	"ON CONFLICT (partner_id) DO UPDATE SET version = benefit_versions.version + 1"

// touchBenefits moves an organisation's benefits version. Every write of its benefits calls it
// in the write's transaction, after the write: its row is then the transaction's last lock, so
// that a write holding it never waits for a benefit's row another write holds (a renewal locks
// the organisation's row first and shares the rows it renews; an assignment locks the benefit's
// row first).
func (s *Store) touchBenefits(ctx context.Context, partnerID int64) error {
	err := s.conn(ctx).Exec(fmt.Sprintf(moveVersions, "SELECT CAST(? AS BIGINT), 1 WHERE 1 = 1"), partnerID).Error
	return wrap("move benefits version", err)
}

// touchHolderBenefits moves the benefits version of every organisation with a benefit held by
// the user, whose name its workspace shows, after the user's row is written, in id order.
func (s *Store) touchHolderBenefits(ctx context.Context, userID int64) error {
	sel := "SELECT DISTINCT partner_id, 1 FROM benefits WHERE assigned_user_id = ? ORDER BY partner_id"
	return wrap("move benefits versions", s.conn(ctx).Exec(fmt.Sprintf(moveVersions, sel), userID).Error)
}
