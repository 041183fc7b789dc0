package store

import (
	"context"
	"time"

	"gorm.io/gorm/clause"
)

// DigestSubscriber is a user who asked for the weekly digest email (issue 12).
type DigestSubscriber struct {
	UserID    int64 `gorm:"primaryKey;autoIncrement:false"`
	CreatedAt time.Time
}

// SetDigest turns the user's weekly digest on or off.
func (s *Store) SetDigest(ctx context.Context, userID int64, on bool) error {
	if !on {
		return wrap("digest off", s.conn(ctx).Where("user_id = ?", userID).Delete(&DigestSubscriber{}).Error)
	}
	err := s.conn(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&DigestSubscriber{UserID: userID, CreatedAt: s.wall()}).Error
	return wrap("digest on", err)
}

// WantsDigest reports whether the user asked for the weekly digest.
func (s *Store) WantsDigest(ctx context.Context, userID int64) (bool, error) {
	var n int64
	err := s.conn(ctx).Model(&DigestSubscriber{}).Where("user_id = ?", userID).Count(&n).Error
	return n > 0, wrap("digest", err)
}

// DigestSubscribers lists the users who asked for the weekly digest and may have something in
// it, in one statement: those who hold a role on a billing account of the agreement given (the
// one with Azure credits, M6) or on one of its profiles, or a role in a partner organisation
// (P1). The others (a role on other agreements only, a partner member without a role, no role
// at all) are left out before anything is read for them, run after run; the caller decides
// what those listed see.
func (s *Store) DigestSubscribers(ctx context.Context, agreement string) ([]User, error) {
	var users []User
	db := s.conn(ctx)
	billing := db.Table("role_assignments AS r").Select("1").
		Joins("JOIN billing_accounts AS a ON a.id = r.billing_account_id").
		Where("r.user_id = users.id AND a.agreement_type = ?", agreement)
	partner := db.Table("partner_members AS m").Select("1").
		Joins("JOIN partner_roles AS pr ON pr.member_id = m.id").Where("m.user_id = users.id")
	err := db.Where("id IN (?)", db.Model(&DigestSubscriber{}).Select("user_id")).
		Where("EXISTS (?) OR EXISTS (?)", billing, partner).Order("id").Find(&users).Error
	return users, wrap("digest subscribers", err)
}

// DigestQueued reports whether a message with the dedupe key is in the outbox already (of
// any status): the week's digest of a user is built only once.
func (s *Store) DigestQueued(ctx context.Context, dedupeKey string) (bool, error) {
	var n int64
	err := s.conn(ctx).Model(&AlertDelivery{}).Where("dedupe_key = ?", dedupeKey).Count(&n).Error
	return n > 0, wrap("digest queued", err)
}

// QueueMessage puts a message of no rule (a digest) in the outbox unless one with its dedupe
// key and target is there already, as two instances queueing at once may; it reports whether
// this call queued it.
func (s *Store) QueueMessage(ctx context.Context, d AlertDelivery) (bool, error) {
	res := s.conn(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&d)
	return res.RowsAffected > 0, wrap("queue message", res.Error)
}
