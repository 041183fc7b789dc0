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

// DigestSubscribers lists the users who asked for the weekly digest.
func (s *Store) DigestSubscribers(ctx context.Context) ([]User, error) {
	var users []User
	err := s.conn(ctx).Where("id IN (?)", s.conn(ctx).Model(&DigestSubscriber{}).Select("user_id")).Order("id").Find(&users).Error
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
