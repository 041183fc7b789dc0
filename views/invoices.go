package views

import (
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// Invoices is the invoice list of a billing profile (M9), newest first.
type Invoices struct {
	Shell         Shell
	Loc           Locale
	Currency      string
	NotMCA        bool
	AgreementType string
	InvoiceDay    int
	Rows          []InvoiceRow
}

// InvoiceRow is one invoice of the list: its totals as the ledger computed them.
type InvoiceRow struct {
	Number    string
	Href      string
	Period    ledger.Period
	IssueDate ledger.Date
	ledger.InvoiceTotals
}

// Invoice is one invoice: its totals, the credit each lot applied, and which lot paid how much
// of which charge (M9).
type Invoice struct {
	Shell                Shell
	Loc                  Locale
	Currency             string
	ListHref             string
	Number               string
	Period               ledger.Period
	Issued               ledger.Date
	ledger.InvoiceTotals // as the ledger computed them (M9)

	PerLot           []LotApplied
	Allocations      []Allocation // one page, by charge date, product and lot
	FirstAllocations *Link        // nil on the first page
	NextAllocations  *Link        // nil on the last page
}

// LotApplied is the credit one lot applied to the invoice.
type LotApplied struct {
	Name           string
	Source         ledger.Source
	ExpirationDate ledger.Date
	Amount         money.Amount
}

// Allocation is the part of one charge that one lot paid.
type Allocation struct {
	Date    ledger.Date
	Product string
	Lot     string
	Source  ledger.Source
	Amount  money.Amount
}
