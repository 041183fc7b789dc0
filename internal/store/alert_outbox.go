package store

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// The statuses of a delivery.
const (
	DeliveryPending = "pending" // not delivered yet; tried again at NextAttemptAt
	DeliverySent    = "sent"
	DeliveryFailed  = "failed" // given up at GiveUpAt
	// DeliveryDropped: not sent, because by the time it was due nothing of it was its
	// recipient's to see any more (a weekly digest whose user lost every role).
	DeliveryDropped = "dropped"
)

// AlertState is whether a rule's condition holds for a subject, and how often it became true.
type AlertState struct {
	RuleID     int64  `gorm:"primaryKey;autoIncrement:false"`
	Subject    string `gorm:"primaryKey"`
	Active     bool
	Crossing   int
	FiredAt    *time.Time
	ResolvedAt *time.Time
}

// AlertDelivery is a message of the outbox: one firing or resolution for one recipient (a
// webhook or a user's email), unique by DedupeKey and Target. Event is the CloudEvents JSON.
type AlertDelivery struct {
	ID            int64
	RuleID        *int64 // nil for a message of no rule (a weekly digest)
	DedupeKey     string
	Target        string // "webhook:<id>" or "email:<user id>"
	WebhookID     *int64
	UserID        *int64
	EventType     string
	Subject       string
	Event         string
	Status        string
	Attempts      int
	NextAttemptAt time.Time
	GiveUpAt      time.Time
	LastCode      int
	LastError     string
	CreatedAt     time.Time
	SentAt        *time.Time
}

// AlertAttempt is one try of a delivery: the delivery log.
type AlertAttempt struct {
	ID         int64
	DeliveryID int64
	At         time.Time
	OK         bool `gorm:"column:ok"`
	Code       int
	Error      string
}

// AlertStatesOf returns the states of the rules.
func (s *Store) AlertStatesOf(ctx context.Context, ruleIDs []int64) ([]AlertState, error) {
	if len(ruleIDs) == 0 {
		return nil, nil
	}
	var rows []AlertState
	err := s.conn(ctx).Where("rule_id IN ?", ruleIDs).Order("rule_id, subject").Find(&rows).Error
	return rows, wrap("alert states", err)
}

// TransitionAlert records that a rule's condition became true (fire) or false for a subject,
// and queues the messages build returns for the crossing, in one transaction. It does nothing
// and returns false when the state already was so: of two evaluators at once, one moves the
// state and queues, the other finds it moved (the conditional UPDATE waits for the first's
// row lock on PostgreSQL; SQLite runs one writer at a time). build must not use the store.
func (s *Store) TransitionAlert(ctx context.Context, ruleID int64, subject string, fire bool, at time.Time,
	build func(crossing int) ([]AlertDelivery, error)) (bool, error) {
	moved := false
	err := s.Tx(ctx, func(tx *Store) error {
		db := tx.conn(ctx)
		if fire {
			err := db.Clauses(clause.OnConflict{DoNothing: true}).Create(&AlertState{RuleID: ruleID, Subject: subject}).Error
			if err != nil {
				return wrap("alert state", err)
			}
		}
		set := map[string]any{"active": fire}
		if fire {
			set["crossing"], set["fired_at"] = gorm.Expr("crossing + 1"), at
		} else {
			set["resolved_at"] = at
		}
		res := db.Model(&AlertState{}).Where("rule_id = ? AND subject = ? AND active = ?", ruleID, subject, !fire).Updates(set)
		if res.Error != nil {
			return wrap("move alert state", res.Error)
		}
		if res.RowsAffected == 0 {
			return nil
		}
		moved = true
		var st AlertState
		if err := db.Where("rule_id = ? AND subject = ?", ruleID, subject).Take(&st).Error; err != nil {
			return wrap("alert state", err)
		}
		out, err := build(st.Crossing)
		if err != nil || len(out) == 0 {
			return err
		}
		err = db.Clauses(clause.OnConflict{DoNothing: true}).Create(&out).Error
		return wrap("queue alert messages", err)
	})
	return moved, err
}

// ClaimAlertDeliveries takes up to limit due deliveries for this deliverer: each is moved past
// the lease and its attempt counted in the claiming transaction, so that another deliverer does
// not take it (PostgreSQL skips the rows a concurrent claim has locked, FOR UPDATE SKIP
// LOCKED). A deliverer that dies leaves its claims to be retried when the lease ends.
func (s *Store) ClaimAlertDeliveries(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]AlertDelivery, error) {
	var out []AlertDelivery
	err := s.Tx(ctx, func(tx *Store) error {
		q := tx.conn(ctx).Where("status = ? AND next_attempt_at <= ?", DeliveryPending, now).Order("next_attempt_at, id").Limit(limit)
		if s.dialect == Postgres {
			q = q.Clauses(clause.Locking{Strength: "UPDATE", Options: "SKIP LOCKED"})
		}
		if err := q.Find(&out).Error; err != nil {
			return wrap("claim alert deliveries", err)
		}
		if len(out) == 0 {
			return nil
		}
		ids := make([]int64, len(out))
		for i := range out {
			ids[i] = out[i].ID
			out[i].Attempts++
		}
		err := tx.conn(ctx).Model(&AlertDelivery{}).Where("id IN ?", ids).
			Updates(map[string]any{"next_attempt_at": now.Add(lease), "attempts": gorm.Expr("attempts + 1")}).Error
		return wrap("claim alert deliveries", err)
	})
	return out, err
}

// RecordAlertAttempt logs an attempt of a claimed delivery and settles it: sent, tried again
// at next, or failed for good when next is past its GiveUpAt.
func (s *Store) RecordAlertAttempt(ctx context.Context, d AlertDelivery, a AlertAttempt, next time.Time) error {
	return s.Tx(ctx, func(tx *Store) error {
		a.DeliveryID = d.ID
		if err := tx.conn(ctx).Create(&a).Error; err != nil {
			return wrap("record alert attempt", err)
		}
		set := map[string]any{"last_code": a.Code, "last_error": a.Error}
		switch {
		case a.OK:
			set["status"], set["sent_at"] = DeliverySent, a.At
		case next.After(d.GiveUpAt):
			set["status"] = DeliveryFailed
		default:
			set["next_attempt_at"] = next
		}
		return wrap("settle alert delivery", tx.conn(ctx).Model(&AlertDelivery{}).Where("id = ?", d.ID).Updates(set).Error)
	})
}

// DropAlertDelivery logs an attempt of a claimed delivery that sent nothing, with why in its
// error, and settles it as dropped: it is not tried again.
func (s *Store) DropAlertDelivery(ctx context.Context, d AlertDelivery, a AlertAttempt) error {
	return s.Tx(ctx, func(tx *Store) error {
		a.DeliveryID, a.OK = d.ID, false
		if err := tx.conn(ctx).Create(&a).Error; err != nil {
			return wrap("record alert attempt", err)
		}
		err := tx.conn(ctx).Model(&AlertDelivery{}).Where("id = ?", d.ID).
			Updates(map[string]any{"status": DeliveryDropped, "last_code": 0, "last_error": a.Error}).Error
		return wrap("drop alert delivery", err)
	})
}

// AlertLogEntry is one attempt of the delivery log, with its delivery.
type AlertLogEntry struct {
	AlertAttempt
	RuleID    *int64
	Target    string
	EventType string
	Subject   string
	Status    string
}

// AlertLogOf lists the newest attempts of the deliveries of the scope's rules, at most limit.
func (s *Store) AlertLogOf(ctx context.Context, sc AlertScope, limit int) ([]AlertLogEntry, error) {
	where, args := sc.alertWhere()
	var rows []AlertLogEntry
	err := s.conn(ctx).Table("alert_attempts").
		Select("alert_attempts.*, alert_deliveries.rule_id, alert_deliveries.target, alert_deliveries.event_type, "+
			"alert_deliveries.subject, alert_deliveries.status").
		Joins("JOIN alert_deliveries ON alert_deliveries.id = alert_attempts.delivery_id").
		Where("alert_deliveries.rule_id IN (?)", s.conn(ctx).Model(&AlertRule{}).Select("id").Where(where, args...)).
		Order("alert_attempts.id DESC").Limit(limit).Scan(&rows).Error
	return rows, wrap("alert log", err)
}

// PendingAlertDeliveries lists the scope's deliveries not settled yet, oldest first, at most
// limit: the page shows when each is tried next.
func (s *Store) PendingAlertDeliveries(ctx context.Context, sc AlertScope, limit int) ([]AlertDelivery, error) {
	where, args := sc.alertWhere()
	var rows []AlertDelivery
	err := s.conn(ctx).Where("status = ? AND rule_id IN (?)", DeliveryPending, s.conn(ctx).Model(&AlertRule{}).Select("id").Where(where, args...)).
		Order("id").Limit(limit).Find(&rows).Error
	return rows, wrap("pending alert deliveries", err)
}
