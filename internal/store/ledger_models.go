package store

import "time"

// The ledger rows. Amounts are int64 micro-units of the profile's currency (money.Amount);
// dates are YYYY-MM-DD text, so they compare and sort as dates on both databases.

// LotRow is a credit lot of a billing profile (M7) with its ledger state.
type LotRow struct {
	ID               int64
	BillingProfileID int64
	Name             string
	Source           string
	Currency         string
	OriginalAmount   int64
	StartDate        string
	ExpirationDate   string
	PurchasedDate    string
	PONumber         string `gorm:"column:po_number"`
	State            string
	ClosedBalance    int64
	ExpiredAmount    int64
	CanceledOn       string // the day the lot is canceled from, "" for none (ledger.Lot.CanceledOn)
	Released         bool   // made visible by a processing run (M15)
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
	Date             string
	Product          string
	PublisherType    string
	Eligible         bool
	Amount           int64
	Origin           string // "scenario", "import" or "upload"
	CreatedAt        time.Time
}

// TableName maps ChargeRow to its table.
func (ChargeRow) TableName() string { return "charges" }

// AdjustmentRow is a credit adjustment such as a refund (M12).
type AdjustmentRow struct {
	ID               int64
	BillingProfileID int64
	Date             string
	Amount           int64
	Description      string
	CreatedAt        time.Time
}

// TableName maps AdjustmentRow to its table.
func (AdjustmentRow) TableName() string { return "adjustments" }

// InvoiceRow is the credit side of one monthly invoice (M9).
type InvoiceRow struct {
	ID                   int64
	BillingProfileID     int64
	Number               string
	Period               string
	IssueDate            string
	TotalCharges         int64
	EligibleCharges      int64
	IneligibleCharges    int64
	CreditsApplied       int64
	AmountDue            int64
	NewCredit            int64
	Adjustments          int64
	UnappliedAdjustments int64
	ExpiredCredit        int64
	CanceledCredit       int64
	CreatedAt            time.Time
}

// TableName maps InvoiceRow to its table.
func (InvoiceRow) TableName() string { return "invoices" }

// AllocationRow says which lot paid how much of which charge of an invoice.
type AllocationRow struct {
	ID        int64
	InvoiceID int64
	ChargeKey string
	Date      string
	Product   string
	LotName   string
	Amount    int64
}

// TableName maps AllocationRow to its table.
func (AllocationRow) TableName() string { return "invoice_allocations" }

// EventRow is a settled ledger event (M13), numbered per profile by Seq.
type EventRow struct {
	ID               int64
	BillingProfileID int64
	Seq              int64
	Kind             string
	Date             string
	Description      string
	Amount           int64
	Balance          int64
	InvoiceNumber    string
	LotName          string
	CreatedAt        time.Time
}

// TableName maps EventRow to its table.
func (EventRow) TableName() string { return "ledger_events" }
