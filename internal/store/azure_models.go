package store

import "time"

// AzureConnection links a CreditDesk billing account to an Azure billing account (issue 13):
// who CreditDesk signs in to Azure as, where, and how the last sync went. Credential is the
// client secret or certificate sealed by package secrets; it is never shown or logged.
type AzureConnection struct {
	ID               int64
	BillingAccountID int64
	AzureAccount     string // the Azure billing account name (its id's last segment)
	TenantID         string
	ClientID         string
	AuthKind         string // see azsync.AuthKind
	Credential       string
	ARMEndpoint      string `gorm:"column:arm_endpoint"`
	AuthorityHost    string
	AzureDisplayName string // the Azure account's display name as of the last sync
	LastAttemptAt    *time.Time
	LastSuccessAt    *time.Time
	Problem          string // why the last sync failed ("" after a success): see azsync.Problem
	ProblemDetail    string // what Azure said, for the operator
	ClaimedUntil     *time.Time
	ClaimedBy        string
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// TableName maps AzureConnection to its table.
func (AzureConnection) TableName() string { return "azure_connections" }

// azureProfileRow marks a billing profile whose ledger Azure keeps, with Azure's balance
// summary as of the last sync (micro-units).
type azureProfileRow struct {
	BillingProfileID         int64 `gorm:"primaryKey;autoIncrement:false"`
	ConnectionID             *int64
	SyncedAt                 time.Time
	SyncedOn                 string // the business day of the sync (YYYY-MM-DD)
	HasCredit                bool   // false when Azure answered 204: the profile never had credit
	CurrentBalance           int64
	EstimatedBalance         int64
	PendingEligibleCharges   int64
	PendingCreditAdjustments int64
	ExpiredCredit            int64
}

// TableName maps azureProfileRow to its table.
func (azureProfileRow) TableName() string { return "azure_profiles" }

// azureEventRow records that Azure's settled event Name is stored as ledger event Seq.
type azureEventRow struct {
	BillingProfileID int64  `gorm:"primaryKey;autoIncrement:false"`
	Name             string `gorm:"primaryKey"`
	Seq              int64
}

// TableName maps azureEventRow to its table.
func (azureEventRow) TableName() string { return "azure_events" }

// azurePendingRow is one of Azure's pending events of a synced profile.
type azurePendingRow struct {
	ID               int64
	BillingProfileID int64
	Kind             string
	Date             string
	Description      string
	Amount           int64
	Balance          int64
	LotName          string
}

// TableName maps azurePendingRow to its table.
func (azurePendingRow) TableName() string { return "azure_pending_events" }
