package views

import (
	"time"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
)

// The props of the partner Benefits workspace (DOMAIN P1-P12). Handlers compute every string
// and boolean; the templates decide nothing. Dates and amounts are shown with the helpers of
// the billing pages in the reader's locale (Loc): structured values with Day and Money,
// sentences (fault.Message) with Say.

// BenefitChoice is a link among several: a quick filter, a tab, a page.
type BenefitChoice struct {
	Label  string
	Href   string
	Active bool
	TestID string
}

// BenefitSortHeader is a column heading of the Azure credits list that sorts by its column.
type BenefitSortHeader struct {
	Label  string
	Href   string // "" for a column that does not sort
	Active bool
	Desc   bool
}

// BenefitRow is one benefit in the Azure credits list, also sent alone (out of band) to
// refresh the row in place after a change in the side pane.
type BenefitRow struct {
	Loc           Locale
	DOMID         string // element id, "benefit-<row id>"
	ID            string
	Kind          string
	Amount        string // "USD 100.00"
	PerMonth      bool   // the amount is granted each month (P3)
	Start, End    ledger.Date
	Status        string // stable status id, for data-status
	StatusLabel   string
	StatusNote    fault.Message // "Available on Jun 19, 2026, ...", "Valid through ..."
	NoteRule      string        // the DOMAIN rule the note applies, for data-rule; never shown
	Holder        string        // the holder's email, "" for none
	HolderName    string
	Reassignments string // "2 of 5 used", or "Not supported"
	Href          string // the side pane, with the list's state
}

// The empty states of the Azure credits list.
const (
	EmptyNone    = "none"     // the organisation has no benefit at all
	EmptyNoMatch = "no-match" // a filter or search leaves nothing
	EmptyPastEnd = "past-end" // the page asked for is past the last one
)

// BenefitList is the Azure credits page of a partner organisation (P2).
type BenefitList struct {
	Shell       Shell
	Loc         Locale
	PartnerName string
	Action      string // the list's URL, without a query
	Search      string
	Filter      string
	Sort        string
	Dir         string
	Filters     []BenefitChoice
	Headers     []BenefitSortHeader
	Rows        []BenefitRow
	Summary     fault.Message // "1-25 of 40 benefits" (KeyPageOf, KeyPastEnd); none when there is none to count
	// Empty is the one message shown instead of an empty list: EmptyNone, EmptyNoMatch (with a
	// link to ClearHref, the list without filter or search) or EmptyPastEnd; "" when the page
	// has rows.
	Empty     string
	ClearHref string
	PrevHref  string
	NextHref  string
	Problem   string // a message about the query, such as an unknown filter
	// OverviewHref is the overview of the organisation's benefits (its charts), which the page
	// loads after it is shown (BenefitOverviewSlot).
	OverviewHref string
}

// BenefitProp is one labelled value of the pane's Details tab.
type BenefitProp struct {
	Label  string
	Value  fault.Message
	TestID string
}

// MemberOption is a member of the organisation offered by the type-ahead (P4).
type MemberOption struct {
	Email string
	Name  string
	Role  string // "Partner admin" or ""
}

// BenefitEventRow is one entry of a benefit's assignment history (P12).
type BenefitEventRow struct {
	At      time.Time
	Actor   string
	What    fault.Message
	Counted bool // used one of the five reassignments
}

// BenefitMonthRow is one credit month of a monthly credit's lapse history (P3).
type BenefitMonthRow struct {
	Number    int
	Start     time.Time // the month's first instant
	End       time.Time // the instant its allotment lapses
	Allotment string
	Used      string
	Lapsed    string
	Remaining string
	Uncovered string
	Closed    bool
}

// BenefitPane is the side pane of a benefit (P4): tabs Details, Activate benefits, History.
type BenefitPane struct {
	Shell       Shell
	Loc         Locale
	PartnerName string
	Row         BenefitRow
	RefreshRow  bool   // send Row out of band, so the list's row refreshes in place
	BackHref    string // the list, with the filter, search, sort and page it was opened from
	Tab         string // "details", "activate" or "history"
	Tabs        []BenefitChoice
	Details     []BenefitProp
	Flash       fault.Message
	FlashError  bool

	// The Activate benefits tab.
	Notice      fault.Message // why the benefit cannot be assigned now, from the rules
	NoticeRule  string        // the rule behind Notice, for data-rule; never shown
	CanAssign   bool          // search and Add a new user
	CanReassign bool
	CanRemove   bool
	// AssignOnly is the one member who can be assigned, at the reassignment limit (P6): the
	// tab offers them alone, with AssignOnlyNote saying why, instead of a search.
	AssignOnly     string
	AssignOnlyNote fault.Message
	RemoveConfirm  fault.Message // the Remove user confirmation, warning when it strands the credit
	Holder         string
	HolderNoPass   bool // the holder cannot sign in yet: they have no password
	// Invitation is the holder's unused invitation, when HolderNoPass; nil when none is pending.
	Invitation     *PendingInvitation
	NoMail         bool   // no mail server: invitations cannot be sent, an operator passes the link on
	InviteAction   string // send (again) the holder's invitation
	RevokeAction   string // revoke the holder's pending invitation
	Used           string // "2 of 5 used"
	PaneHref       string // the pane's URL (the search form's action without JavaScript)
	ListState      string // the list's state the pane was opened from, the list= parameter
	SearchHref     string // the type-ahead's URL
	Search         string
	Members        []MemberOption
	AssignAction   string
	ReassignAction string
	RemoveAction   string
	AddAction      string
	Name           string // Add a new user, after an error
	Email          string
	Errors         map[string]fault.Message // by field: benefit, user, name, email

	// The History tab.
	Events []BenefitEventRow
	Months []BenefitMonthRow
}

// PartnerLink is an organisation the signed-in user is a member of.
type PartnerLink struct {
	Name       string
	ExternalID string
	Role       string
	Href       string // the workspace, "" for a member who is not a partner admin (P1)
}

// Partners is the Benefits landing page: the user's organisations and their own benefits.
type Partners struct {
	Shell        Shell
	Rows         []PartnerLink
	Assigned     int    // benefits assigned to the user
	AssignedText string // "You hold 1 benefit."
}

// MyBenefit is a benefit on "Benefits assigned to me" (P4, P5, P11).
type MyBenefit struct {
	DOMID        string
	ID           string
	Partner      string
	Kind         string
	Amount       string
	PerMonth     bool
	Start, End   ledger.Date
	Status       string
	StatusLabel  string
	Subscription string        // after redemption (P5)
	Validity     fault.Message // "through Feb 4, 2027 (the last day included)"
	CanRedeem    bool
	RedeemAction string
	Notice       fault.Message // why it cannot be redeemed now
}

// MyBenefits is the "Benefits assigned to me" page.
type MyBenefits struct {
	Shell      Shell
	Loc        Locale
	Rows       []MyBenefit
	Flash      fault.Message
	FlashError bool
}

// MemberLine is a member on the Membership page.
type MemberLine struct {
	Email      string
	Name       string
	Role       string
	NoPassword bool // added by a partner admin; an operator sets the password
}

// Membership is the Membership page of an organisation: members, domains, renewal.
type Membership struct {
	Shell       Shell
	Loc         Locale
	PartnerName string
	ExternalID  string
	Domains     []string
	Members     []MemberLine
	Purchased   string // the latest membership purchase date
	RenewAction string
	RenewalDate string
	Errors      map[string]fault.Message
	Flash       fault.Message
	FlashError  bool
}

// PendingInvitation is an invitation sent and not used yet.
type PendingInvitation struct {
	Sent    string // when it was sent, formatted
	Expires string // when its link stops working, formatted
	Expired bool   // the link no longer works: resend it
}
