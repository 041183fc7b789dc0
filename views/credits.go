package views

import (
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// The element ids the credits page's htmx controls target and include. The handler reads the
// target id (HX-Target) to answer with that table alone.
const (
	LotsTableID = "lots-table"
	TxTableID   = "tx-table"
	ChartsID    = "credits-charts"
)

// Credits is the Azure credits page of a billing profile (M7-M16). Every amount is in Currency.
type Credits struct {
	Shell    Shell
	Loc      Locale
	Currency string

	NotMCA        bool          // the account is not an MCA: only the explanation is shown (M6)
	AgreementType string        // for that explanation
	Empty         bool          // the profile has no credit at all, visible or pending
	Synced        *SyncedNotice // Azure keeps this profile's ledger (issue 13); nil otherwise

	// ProcessFailed, for owners and contributors, says that the processing runs cannot process
	// this profile (issue 8); nil when its last run succeeded or the caller may not act on it.
	ProcessFailed *ProcessFailed

	Balance    Balance
	InvoiceDay int
	NotCovered []string     // the installation's not-covered product list (M10), as stored
	Pending    []PendingLot // lots added since the last processing run (M15)
	Lots       CreditsList
	Tx         Transactions
	// TxKept is the transactions table (TxTable) as rendered from Tx before, by the portal that
	// keeps it per ledger version; written in the table's place when not "".
	TxKept string
	// ChartsHref is where the balance over time and the runway are (CreditsCharts): the page
	// loads them after its first paint, and links them for a browser without JavaScript.
	ChartsHref string

	UploadHref string   // the Upload charges command; "" when the viewer may not upload
	State      []Hidden // the whole page state, sent by Cancel credit without JavaScript
	// Confirm is the credit selected for Cancel credit (cancel=<lot> in the URL), whose
	// confirmation the page shows; its CancelURL is "" when it cannot be canceled. nil: none.
	Confirm *LotRow
}

// Balance is the balance section (M12). PendingCharges, Canceled and Expired are shown with their
// sign: pending charges as a negative amount, canceled and expired credit as subtractions.
type Balance struct {
	Currency           string
	Estimated          money.Amount
	Current            money.Amount
	PendingCharges     money.Amount // <= 0
	PendingAdjustments money.Amount // adjustments alone; new credit has its own line
	PendingNewCredit   money.Amount
	Canceled           money.Amount // >= 0: credit of lots canceled since the last invoice
	Expired            money.Amount // >= 0
	Uncovered          money.Amount // pending eligible charges no credit can pay: due in full
	Ineligible         money.Amount // pending charges credits never pay (M10)
}

// ProcessFailed is a profile the processing runs skip: the first and the last run that could
// not process it.
type ProcessFailed struct {
	Since   ledger.Date
	LastRun ledger.Date
}

// PendingLot is a lot added since the last processing run, not in the balance yet (M15).
type PendingLot struct {
	Name      string
	Source    ledger.Source
	Amount    money.Amount
	StartDate ledger.Date
}

// Option is one choice of a filter's select.
type Option struct {
	Value    string
	Label    string
	Selected bool
}

// Link is a control that works as a plain link (Href, the whole page state) and in place with
// htmx (HxGet, this table's state only; the other table's state comes from hx-include).
type Link struct {
	Href  string
	HxGet string
}

// SortHeader is a sortable column heading of the credits list.
type SortHeader struct {
	Label  string
	Link   Link
	Active bool
	Desc   bool
}

// Hidden is a hidden input carrying part of the page state.
type Hidden struct {
	Name  string
	Value string
}

// CreditsList is the credits list with its filter, sort and page state.
type CreditsList struct {
	Loc      Locale
	Currency string
	Action   string // the page path, for the filter form
	Window   int    // the expiry window in days (M8)
	Statuses []Option
	Headers  []SortHeader // Source, Start date, Expiration date, Current balance, Original amount
	Rows     []LotRow
	Filtered bool     // a status filter is set: an empty list says that nothing matches it
	Keys     []Hidden // sort and order, read by the other controls' hx-include
	Page     []Hidden // the cursor of the page shown
	NoScript []Hidden // the transactions' state, sent by the filter form without JavaScript
	Next     *Link    // nil on the last page
	First    *Link    // nil on the first page
	CSVHref  string
	CSRF     string // for the form of the cancel confirmation
	// CanCancel shows the selection column and Cancel credit: the viewer may change billing
	// data (owner, contributor).
	CanCancel bool
}

// LotRow is one credit lot of the credits list (M7, M8).
type LotRow struct {
	Name           string
	Source         ledger.Source
	StartDate      ledger.Date
	ExpirationDate ledger.Date
	Balance        money.Amount // as of the last invoice
	// NotInvoiced: no invoice has taken the lot into the ledger yet (M12a), so its balance as of
	// the last invoice is 0 although none of it is used.
	NotInvoiced  bool
	Original     money.Amount
	Status       ledger.Status
	DaysToExpiry int // for expiring lots: "expires in N days"
	PONumber     string
	CancelURL    string // "" when the lot cannot be canceled (any more)
}

// Transactions is the transactions table with its filter and page state.
type Transactions struct {
	Loc      Locale
	Currency string
	Action   string
	From, To string // YYYY-MM-DD, "" for open
	Kinds    []Option
	States   []Option
	Rows     []TxRow
	Filtered bool
	Page     []Hidden
	NoScript []Hidden // the credits list's state, sent by the filter form without JavaScript
	Next     *Link
	First    *Link
	CSVHref  string
}

// TxRow is one transaction (M13): a settled event, or a pending one on top of the first page.
type TxRow struct {
	Date          ledger.Date
	Description   string
	Amount        money.Amount
	Balance       money.Amount
	InvoiceNumber string
	InvoiceHref   string // "" when the invoice is not linked (pending, or no invoice role)
	Pending       bool
}

// Runway is the forecast card: when the estimated balance runs out at the recent burn rate and
// what will expire unused before it is consumed.
type Runway struct {
	Currency      string
	EnoughHistory bool
	NoCredit      bool // no credit left now or to come: nothing to run out
	HistoryDays   int  // days of charge data the rate is averaged over
	MinDays       int  // days needed (ledger.MinHistoryDays)
	WindowDays    int  // at most this many days are averaged (ledger.HistoryWindowDays)
	DailyBurn     money.Amount
	RunsOut       ledger.Date // zero when credit is not being consumed
	ExpiresUnused money.Amount
	Lots          []RunwayLot // the soonest-expiring live lots
	MoreLots      int         // live lots not listed
}

// RunwayLot is the forecast of one lot.
type RunwayLot struct {
	Name           string
	Source         ledger.Source
	ExpirationDate ledger.Date
	Balance        money.Amount // estimated, now
	ExpiresUnused  money.Amount
	EmptyOn        ledger.Date // zero when it does not empty before it expires
}
