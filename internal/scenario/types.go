// Package scenario reads scenario files: the JSON documents that describe users, billing accounts,
// billing profiles, credit lots, charges, adjustments and partner organisations, and that are the
// only way data gets into CreditDesk in bulk (docs/scenario-format.md, a public interface).
//
// Parse checks a file completely before anything is stored: strict JSON, no unknown fields, the
// right JSON type everywhere, and the field rules below. It reports every problem it finds, each
// naming its JSON path, for example
//
//	billingAccounts[0].billingProfiles[1].lots[2].expirationDate: must be a date YYYY-MM-DD or an RFC3339 instant
//
// Parse checks only what the file alone can prove. Facts that need the database (whether a user
// that a role refers to already exists, the installation's list of free-mail domains for rule P10,
// a new user's password) are the loader's to check; ReferencedUsers helps with the first.
//
// # Fields
//
// Every field not marked required may be absent; JSON null counts as absent, and so does "" for an
// optional string that has a default. A required string may not be "". Dates are YYYY-MM-DD
// (midnight UTC of that day) or RFC3339 instants (converted to UTC). Amounts are decimal strings with
// at most 6 decimal places ("2000.00"), never JSON numbers. Free text ("≤ 200") is at most 200
// characters with no control characters. Keys marked unique are compared case-insensitively. A
// "safe id" is 1-100 characters of A-Z a-z 0-9 : _ . -
//
//	Field                                    Required  Rule, default
//	users[].email                            yes       an email address, ≤ 254 characters; lower-cased; unique
//	users[].name                             no        ≤ 200; default: the email
//	users[].password                         new user  12-128 bytes; absent keeps an existing user's password
//	users[].apiTokens[]                      no        16-200 printable ASCII characters, no spaces; unique
//	billingAccounts[].name                   yes       MCA: <guid>:<guid>_<yyyy-mm-dd>, lower-cased;
//	                                                   other agreements: a safe id; unique
//	billingAccounts[].displayName            no        ≤ 200; default: the name
//	billingAccounts[].agreementType          yes       MicrosoftCustomerAgreement, EnterpriseAgreement,
//	                                                   MicrosoftOnlineServicesProgram, MicrosoftPartnerAgreement
//	billingAccounts[].accountType            no        Enterprise, Individual, Partner; default: Partner for
//	                                                   MicrosoftPartnerAgreement, Individual for
//	                                                   MicrosoftOnlineServicesProgram, else Enterprise
//	billingAccounts[].roles[].user           yes       an email: declared in users or already in the database
//	billingAccounts[].roles[].role           yes       owner, contributor, reader; a user+role pair at
//	                                                   most once per account or profile
//	billingProfiles[].name                   yes       XXXX-XXXX-XXX-XXX of A-Z and 0-9; upper-cased; unique
//	billingProfiles[].displayName            no        ≤ 200; default: the name
//	billingProfiles[].currency               yes       ISO 4217 code in capitals, such as USD
//	billingProfiles[].invoiceDay             no        a whole number 1-28; default 5
//	billingProfiles[].poNumber               no        ≤ 100; default ""
//	billingProfiles[].roles[].user           yes       as for account roles
//	billingProfiles[].roles[].role           yes       owner, contributor, reader, invoiceManager
//	lots[].name                              yes       a safe id (a GUID is typical); unique in the file
//	                                                   and within its billing account
//	lots[].source                            yes       PromotionalCredit, PurchasedCredit, ConsumptionCommitment
//	lots[].amount                            yes       > 0, in the profile's currency
//	lots[].startDate                         yes
//	lots[].expirationDate                    yes       not before startDate
//	lots[].purchasedDate                     no        default: startDate (information only, M12a)
//	lots[].poNumber                          no        ≤ 100; default ""
//	lots[].canceledOn                        no        the lot is canceled from that day: its credit
//	                                                   left is taken out by the first processing run
//	                                                   on or after it (M13 canceled credit)
//	charges[].date                           yes
//	charges[].amount                         yes       ≥ 0
//	charges[].product                        yes       ≤ 200
//	charges[].publisherType                  no        Azure or Marketplace; default Azure
//	adjustments[].date                       yes
//	adjustments[].amount                     yes       any sign
//	adjustments[].description                no        ≤ 200; default ""
//	partners[].id                            yes       a safe id; unique
//	partners[].name                          no        ≤ 200; default: the id
//	partners[].domains[]                     no        host names such as fabrikam.example; lower-cased;
//	                                                   unique within the partner
//	partners[].members[].user                yes       an email; unique within the partner
//	partners[].members[].roles[]             no        partnerAdmin, each at most once; default: no role
//	partners[].benefits[].id                 yes       a safe id; unique in the file
//	partners[].benefits[].kind               yes       AzureMonthlyCredit, AzureBulkCredit, CopilotForSecurity,
//	                                                   GitHubCopilotEnterprise, GitHubEnterpriseMetered
//	partners[].benefits[].amount             yes       > 0
//	partners[].benefits[].currency           yes       ISO 4217 code in capitals
//	partners[].benefits[].purchaseDate       no        not after startDate; default: startDate
//	partners[].benefits[].startDate          yes
//	partners[].benefits[].endDate            yes       not before startDate
//	partners[].benefits[].assignedTo         no        an email of a member of the same partner; a user
//	                                                   holds at most one bulk credit at a time (P9)
//	partners[].benefits[].redeemedAt         no        only with assignedTo; at least 4 days after
//	                                                   purchaseDate, when the benefit is provisioned (P8)
//
// A leading UTF-8 byte-order mark is ignored. Duplicate keys within one JSON object are an error.
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
