package store

import (
	"context"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// InsertLotRows stores lots exactly as given, whatever their ledger state, so that a test can
// draw states no processing run would reach in a few steps.
func (s *Store) InsertLotRows(ctx context.Context, lots []LotRow) error {
	for _, l := range lots {
		if err := s.touchLedger(ctx, l.BillingProfileID); err != nil {
			return err
		}
	}
	return wrap("insert lot rows", s.conn(ctx).Create(&lots).Error)
}

// ComputedSummary is ProfileSummary computed afresh from the live lots and the unbilled days,
// neither reading nor writing the kept section: what a kept section must equal.
func (s *Store) ComputedSummary(ctx context.Context, p BillingProfile, today ledger.Date) (ledger.Summary, error) {
	secs, err := s.computeSummaries(ctx, []BillingProfile{p}, today, true)
	return secs[p.ID].Summary, err
}

// KeepComputed computes p's balance section on today and keeps it labelled with p's ledger
// version, as a reader does after a miss.
func (s *Store) KeepComputed(ctx context.Context, p BillingProfile, today ledger.Date) error {
	secs, err := s.computeSummaries(ctx, []BillingProfile{p}, today, false)
	if err != nil {
		return err
	}
	row, err := estimateOf(p, today, secs[p.ID], false)
	if err != nil {
		return err
	}
	s.keepEstimates(ctx, []estimateRow{row})
	return nil
}

// KeptVersion is the ledger version and day of p's kept balance section.
func (s *Store) KeptVersion(ctx context.Context, profileID int64) (int64, ledger.Date, error) {
	var r estimateRow
	err := s.conn(ctx).Select("ledger_version, day").Where("billing_profile_id = ?", profileID).Take(&r).Error
	return r.LedgerVersion, r.Day, err
}

// WhileLocked runs fn while another transaction holds the profile's row lock, as a processing
// run takes it (on SQLite, the one write lock: its transactions begin IMMEDIATE).
func (s *Store) WhileLocked(ctx context.Context, profileID int64, fn func()) error {
	return s.Tx(ctx, func(tx *Store) error {
		if _, err := tx.lockProfile(ctx, profileID); err != nil {
			return err
		}
		fn()
		return nil
	})
}

// ProfilesOfAccountByGORM is ProfilesOfAccount read as GORM reads a model: what its own scan
// must equal.
func (s *Store) ProfilesOfAccountByGORM(ctx context.Context, accountID int64) ([]BillingProfile, error) {
	var ps []BillingProfile
	err := s.conn(ctx).Where("billing_account_id = ?", accountID).Order("display_name, name").Find(&ps).Error
	return ps, err
}

// UserByIDByGORM is UserByID read as GORM reads a model: what its own scan must equal.
func (s *Store) UserByIDByGORM(ctx context.Context, id int64) (User, error) {
	var u User
	err := s.conn(ctx).Where("id = ?", id).Take(&u).Error
	return u, wrap("user by id", err)
}

// TokenBySecretByGORM is TokenBySecret read as GORM reads the models, the token and then its
// user: what its own statement must equal.
func (s *Store) TokenBySecretByGORM(ctx context.Context, secret string) (APIToken, User, error) {
	var t APIToken
	if err := s.conn(ctx).Where("token_hash = ?", HashToken(secret)).Take(&t).Error; err != nil {
		return t, User{}, wrap("token by secret", err)
	}
	var u User
	err := s.conn(ctx).Where("id = ?", t.UserID).Take(&u).Error
	return t, u, wrap("user by id", err)
}

// MigrateDownTo undoes the migrations after version, newest first, as an operator rolling back
// would: a test checks that a migration's Down gives back the state its Up changed.
func (s *Store) MigrateDownTo(ctx context.Context, version int64) error {
	p, err := s.migrator()
	if err != nil {
		return err
	}
	_, err = p.DownTo(ctx, version)
	return err
}

// MarkSyncedWithEvents makes the profile one whose ledger Azure keeps, with these settled events
// stored as a sync stores them (Azure's balances, in Azure's order), as a sync of a connection
// since removed leaves it.
func (s *Store) MarkSyncedWithEvents(ctx context.Context, profileID int64, events []EventRow) error {
	err := s.conn(ctx).Create(&azureProfileRow{BillingProfileID: profileID, SyncedAt: s.wall(), SyncedOn: "2026-11-15"}).Error
	if err != nil {
		return err
	}
	for i := range events {
		events[i].BillingProfileID, events[i].CreatedAt = profileID, s.wall()
	}
	return s.conn(ctx).Create(&events).Error
}
