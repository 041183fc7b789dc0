// Package scenario reads scenario files: the JSON documents that describe users, billing accounts,
// billing profiles, credit lots, charges, adjustments and partner organisations, and that are the
// only way data gets into CreditDesk in bulk (docs/scenario-format.md, a public interface).
//
// The format is defined by scenario.schema.json, a JSON Schema (draft 2020-12) with a title and a
// description on every field, served by the portal at /schemas/scenario.json (SchemaJSON) and
// documented field by field in the README. Parse checks a file completely before anything is
// stored: strict JSON without duplicate keys, the schema (field names, JSON types, required
// fields, shapes, enumerations, lengths), then the rules that compare values (unique names and
// keys, compared without regard to case; date order; the partner rules P8-P10 the file alone can
// prove). It reports every problem it finds, each naming its JSON path, for example
//
//	billingAccounts[0].billingProfiles[1].lots[2].expirationDate: must be a date YYYY-MM-DD or an RFC3339 instant, from 2000-01-01 to 2099-12-31, not "soon"
//
// Facts that need the database (whether a user that a role refers to already exists, the
// installation's list of free-mail domains for rule P10, whether a month is invoiced) are the
// loader's to check, and it too reports all of them at once; ReferencedUsers helps with the first.
//
// JSON null counts as an absent field, and so does "" for an optional string that has a default.
// Dates are YYYY-MM-DD (midnight UTC of that day) or RFC3339 instants (converted to UTC), from
// ledger.FirstDay to ledger.LastDay. Amounts
// are decimal strings with at most 6 decimal places, never JSON numbers. A leading UTF-8
// byte-order mark is ignored.
package scenario

import (
	"time"

	"github.com/creditdesk/creditdesk/internal/money"
)

// Scenario is a parsed and validated scenario file. Every element carries Path, its JSON path in
// the file, so that a loader can report a problem found later (say, an unknown user) against it.
type Scenario struct {
	Users           []User
	BillingAccounts []BillingAccount
	Partners        []Partner
}

// User is a person who can sign in. Email is lower-cased; Password is empty when the file leaves
// it out, meaning "keep the existing one" (the loader refuses it for a user that does not exist).
type User struct {
	Path      string
	Email     string
	Name      string
	Password  string
	APITokens []string
}

// BillingAccount is a billing account (M1) with its role grants and billing profiles.
type BillingAccount struct {
	Path            string
	Name            string
	DisplayName     string
	AgreementType   string
	AccountType     string
	Roles           []RoleGrant
	BillingProfiles []BillingProfile
}

// RoleGrant gives the user with email User a role on the enclosing account or profile (M3).
type RoleGrant struct {
	Path string
	User string
	Role string
}

// BillingProfile is a billing profile (M2) of an account, with its credit lots, charges and
// adjustments. Name is upper-cased.
type BillingProfile struct {
	Path        string
	Name        string
	DisplayName string
	Currency    string
	InvoiceDay  int
	PONumber    string
	Roles       []RoleGrant
	Lots        []Lot
	Charges     []Charge
	Adjustments []Adjustment
}

// Lot is a credit lot (M7) in its profile's currency.
type Lot struct {
	Path           string
	Name           string
	Source         string
	Amount         money.Amount
	StartDate      time.Time
	ExpirationDate time.Time
	PurchasedDate  time.Time
	CanceledOn     time.Time // zero unless the lot is canceled (from that day on)
	PONumber       string
}

// Charge is the cost of one product on one day. Whether it is credit-eligible is decided by the
// server from PublisherType and the not-covered product list (M10), never by the file.
type Charge struct {
	Path          string
	Date          time.Time
	Amount        money.Amount
	Product       string
	PublisherType string
}

// Adjustment is a correction of a profile's balance, such as a refund; Amount may be negative.
type Adjustment struct {
	Path        string
	Date        time.Time
	Amount      money.Amount
	Description string
}

// Partner is a partner organisation with its members and benefits (P1-P12).
type Partner struct {
	Path     string
	ID       string
	Name     string
	Domains  []string
	Members  []Member
	Benefits []Benefit
}

// Member is a user of a partner organisation with partner roles (possibly none).
type Member struct {
	Path  string
	User  string
	Roles []string
}

// Benefit is a partner benefit such as a monthly or bulk Azure credit. AssignedTo is empty when
// the benefit is not assigned; RedeemedAt is nil when it is not redeemed.
type Benefit struct {
	Path         string
	ID           string
	Kind         string
	Amount       money.Amount
	Currency     string
	PurchaseDate time.Time
	StartDate    time.Time
	EndDate      time.Time
	AssignedTo   string
	RedeemedAt   *time.Time
}
