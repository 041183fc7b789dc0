package store

import (
	"time"

	"github.com/creditdesk/creditdesk/internal/money"

	"github.com/creditdesk/creditdesk/internal/access"
)

// User is a person who signs in. Email is stored lower-case and is unique.
type User struct {
	ID           int64
	Email        string
	Name         string
	PasswordHash string
	LastScope    string // path of the billing scope opened last (M5), "" for none
	SessionEpoch int64  // moved on by sign-out: sessions of an older epoch are ended
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// APIToken is a personal access token; only the SHA-256 of the secret is stored.
type APIToken struct {
	ID         int64
	UserID     int64
	Name       string
	TokenHash  string
	CreatedAt  time.Time
	ExpiresAt  *time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// BillingAccount is a billing account (M1). Name is its ARM name, for an MCA
// `<guid>:<guid>_<yyyy-mm-dd>`.
type BillingAccount struct {
	ID            int64
	Name          string
	DisplayName   string
	AgreementType string
	AccountType   string
	Status        string
	CreatedAt     time.Time
}

// IsMCA reports whether the account is a Microsoft Customer Agreement, the only agreement with
// an Azure credits page (M6).
func (a BillingAccount) IsMCA() bool { return access.Agreement(a.AgreementType) == access.AgreementMCA }

// BillingProfile is a billing profile of a billing account (M2).
type BillingProfile struct {
	ID               int64
	BillingAccountID int64
	Name             string
	DisplayName      string
	Currency         string
	InvoiceDay       int
	PONumber         string `gorm:"column:po_number"`
	Status           string
	CreatedAt        time.Time

	// The ledger state, maintained as invoices are issued (M12): the month the next invoice
	// covers ("" before the first processing run), the balance as of the last invoice, and the
	// number of settled events.
	NextPeriod     string
	CurrentBalance money.Amount
	EventSeq       int64
	// LedgerVersion moves with every write of what the profile's balance section is computed
	// from (estimates.go): a kept section is current while its version is the profile's. It
	// starts at 1. Readers of the kept section read it afresh with the section, never from
	// the caller's copy of the profile.
	LedgerVersion int64 `gorm:"default:1"`
}

// RoleAssignment is one billing role held by a user on an account, or on one of its profiles
// when BillingProfileID is set.
type RoleAssignment struct {
	ID               int64
	UserID           int64
	BillingAccountID int64
	BillingProfileID *int64
	Role             string
	CreatedAt        time.Time
}

// AuditEvent records one change (X1): who, what, when, before and after.
type AuditEvent struct {
	ID         int64
	At         time.Time
	ActorID    *int64
	ActorEmail string
	Action     string
	Scope      string
	// AccountScope is the billing account of Scope (Scope itself for a top scope), for the
	// account's log with its profiles' entries.
	AccountScope string
	Target       string
	// Before and After are the sentences of entries written before entries were data (legacy
	// rows); Detail is an entry's messages as JSON (Entry reads them), '' on legacy rows.
	Before string
	After  string
	Detail string
}

// SignInFailure records one failed sign-in, for the per-account and per-address limits.
type SignInFailure struct {
	ID      int64
	Email   string
	Address string
	At      time.Time
}
