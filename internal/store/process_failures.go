package store

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm/clause"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// maxFailureMessage bounds the error text kept for operators.
const maxFailureMessage = 1000

// processFailureRow is a row of process_failures: the last run that could not process a
// billing profile.
type processFailureRow struct {
	BillingProfileID int64 `gorm:"primaryKey;autoIncrement:false"`
	Since            string
	FailedOn         string
	Message          string
	FailedAt         time.Time
}

func (processFailureRow) TableName() string { return "process_failures" }

// ProcessFailed is what a page may say about a profile the processing runs cannot process: since
// which run, and the last one. The error itself is for operators (the log, creditdesk process).
type ProcessFailed struct {
	Since    ledger.Date // the first run of the streak that failed
	FailedOn ledger.Date // the last run that failed
	Message  string      // the error, for operators only
}

// ProcessFailureOf returns the stored failure of a profile's processing, false when its last
// processing run succeeded.
func (s *Store) ProcessFailureOf(ctx context.Context, profileID int64) (ProcessFailed, bool, error) {
	var rows []processFailureRow
	if err := s.conn(ctx).Where("billing_profile_id = ?", profileID).Limit(1).Find(&rows).Error; err != nil {
		return ProcessFailed{}, false, wrap("process failure", err)
	}
	if len(rows) == 0 {
		return ProcessFailed{}, false, nil
	}
	since, err := ledger.ParseDate(rows[0].Since)
	if err != nil {
		return ProcessFailed{}, false, fmt.Errorf("store: process failure since: %w", err)
	}
	on, err := ledger.ParseDate(rows[0].FailedOn)
	if err != nil {
		return ProcessFailed{}, false, fmt.Errorf("store: process failure date: %w", err)
	}
	return ProcessFailed{Since: since, FailedOn: on, Message: rows[0].Message}, true, nil
}

// failingProfiles returns the profiles whose last processing failed.
func (s *Store) failingProfiles(ctx context.Context) (map[int64]bool, error) {
	var ids []int64
	if err := s.conn(ctx).Model(&processFailureRow{}).Pluck("billing_profile_id", &ids).Error; err != nil {
		return nil, wrap("process failures", err)
	}
	out := make(map[int64]bool, len(ids))
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}

// recordProcessFailure stores that the run of today could not process the profile, keeping the
// day its streak of failures began.
func (s *Store) recordProcessFailure(ctx context.Context, profileID int64, today ledger.Date, cause error) error {
	msg := cause.Error()
	if len(msg) > maxFailureMessage {
		msg = msg[:maxFailureMessage] + "…"
	}
	row := processFailureRow{BillingProfileID: profileID, Since: today.String(), FailedOn: today.String(), Message: msg,
		FailedAt: s.now().UTC()}
	err := s.conn(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "billing_profile_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"failed_on", "message", "failed_at"}),
	}).Create(&row).Error
	return wrap("record process failure", err)
}

// clearProcessFailure forgets a profile's failure once a run processed it.
func (s *Store) clearProcessFailure(ctx context.Context, profileID int64) error {
	err := s.conn(ctx).Where("billing_profile_id = ?", profileID).Delete(&processFailureRow{}).Error
	return wrap("clear process failure", err)
}
