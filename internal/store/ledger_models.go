package store

import (
	"time"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// The ledger rows, in domain types. Amounts (money.Amount) are stored as int64 micro-units of
// the profile's currency; dates (ledger.Date) as YYYY-MM-DD text, "" for none, so they compare
// and sort as dates on both databases. Both types scan and value themselves.

// LotRow is a credit lot of a billing profile (M7) with its ledger state.
type LotRow struct {
	ID               int64
	BillingProfileID int64
	Name             string
	Source           ledger.Source
	Currency         string
	OriginalAmount   money.Amount
	StartDate        ledger.Date
	ExpirationDate   ledger.Date
	PurchasedDate    ledger.Date
	PONumber         string `gorm:"column:po_number"`
	State            ledger.LotState
	ClosedBalance    money.Amount
	ExpiredAmount    money.Amount
	CanceledOn       ledger.Date // the day the lot is canceled from, zero for none (ledger.Lot.CanceledOn)
	Released         bool        // made visible by a processing run (M15)
	CreatedAt        time.Time
}

// TableName maps LotRow to its table.
func (LotRow) TableName() string { return "lots" }

// ChargeRow is one charge entry. The charges of a profile, day, product, publisher type and
// eligibility are the sum of their entries: a later source that states another total adds a
// correction entry, never edits one (X1).
type ChargeRow struct {
	ID               int64
	BillingProfileID int64
	Date             ledger.Date
	Product          string
	PublisherType    string
	Eligible         bool
	Amount           money.Amount
	Origin           string // "scenario", "import" or "upload"
	CreatedAt        time.Time
}

// TableName maps ChargeRow to its table.
func (ChargeRow) TableName() string { return "charges" }

// AdjustmentRow is a credit adjustment such as a refund (M12).
type AdjustmentRow struct {
	ID               int64
	BillingProfileID int64
	Date             ledger.Date
	Amount           money.Amount
	Description      string
	CreatedAt        time.Time
}

// TableName maps AdjustmentRow to its table.
func (AdjustmentRow) TableName() string { return "adjustments" }

// InvoiceRow is the credit side of one monthly invoice (M9).
type InvoiceRow struct {
	ID               int64
	BillingProfileID int64
	Number           string
	Period           ledger.Period
	IssueDate        ledger.Date
	ledger.InvoiceTotals
	CreatedAt time.Time
}

// TableName maps InvoiceRow to its table.
func (InvoiceRow) TableName() string { return "invoices" }

// AllocationRow says which lot paid how much of which charge of an invoice.
type AllocationRow struct {
	ID        int64
	InvoiceID int64
	ChargeKey string
	Date      ledger.Date
	Product   string
	LotName   string
	Amount    money.Amount
}

// TableName maps AllocationRow to its table.
func (AllocationRow) TableName() string { return "invoice_allocations" }

// EventRow is a settled ledger event (M13), numbered per profile by Seq.
type EventRow struct {
	ID               int64
	BillingProfileID int64
	Seq              int64
	Kind             ledger.EventKind
	Date             ledger.Date
	Description      string
	Amount           money.Amount
	Balance          money.Amount
	InvoiceNumber    string
	LotName          string
	CreatedAt        time.Time
}

// TableName maps EventRow to its table.
func (EventRow) TableName() string { return "ledger_events" }
