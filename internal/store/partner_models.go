package store

import "time"

// The rows of the partner Benefits workspace (migration 00002). Amounts are int64 micro-units
// (money.Amount); civil dates are YYYY-MM-DD text; instants are UTC.

// Partner is a partner organisation (P1), keyed by its Partner Center id, ExternalID.
type Partner struct {
	ID         int64
	ExternalID string
	Name       string
	CreatedAt  time.Time
}

// ScopeID is the organisation's identifier in the audit log (X1): "/partners/<id>".
func (p Partner) ScopeID() string { return "/partners/" + p.ExternalID }

// PartnerDomain is one company domain of an organisation (P10).
type PartnerDomain struct {
	ID        int64
	PartnerID int64
	Domain    string
}

// PartnerMember is a user's membership of an organisation.
type PartnerMember struct {
	ID        int64
	PartnerID int64
	UserID    int64
	CreatedAt time.Time
}

// PartnerRoleRow is one role of a member, such as partnerAdmin (P1).
type PartnerRoleRow struct {
	ID        int64
	MemberID  int64
	Role      string
	CreatedAt time.Time
}

// TableName maps PartnerRoleRow to its table.
func (PartnerRoleRow) TableName() string { return "partner_roles" }

// BenefitRow is a benefit as stored. AvailableAt and ExpiresAt are derived from the other
// columns by package benefits each time the row is written (P8, P3, P11), so that the quick
// filters, the status sort and paging run in the database.
type BenefitRow struct {
	ID             int64
	PartnerID      int64
	ExternalID     string
	PreviousID     *int64
	Kind           string
	Amount         int64
	Currency       string
	PurchaseDate   string
	StartDate      string
	EndDate        string
	AssignedUserID *int64
	ActivatedAt    *time.Time
	RedeemedAt     *time.Time
	SubscriptionID string
	AvailableAt    time.Time
	ExpiresAt      time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// TableName maps BenefitRow to its table.
func (BenefitRow) TableName() string { return "benefits" }

// BenefitEventRow is one entry of a benefit's assignment history (P12); rows are only added.
type BenefitEventRow struct {
	ID           int64
	BenefitID    int64
	At           time.Time
	ActorEmail   string
	FromEmail    string
	ToEmail      string
	Reassignment bool
}

// TableName maps BenefitEventRow to its table.
func (BenefitEventRow) TableName() string { return "benefit_events" }

// BenefitUsageRow is consumption charged against a monthly credit at an instant (P3).
type BenefitUsageRow struct {
	ID        int64
	BenefitID int64
	At        time.Time
	Amount    int64
	CreatedAt time.Time
}

// TableName maps BenefitUsageRow to its table.
func (BenefitUsageRow) TableName() string { return "benefit_usage" }

// FreeMailDomain is a free-hosted mail domain this installation refuses besides the built-in
// list (P10).
type FreeMailDomain struct {
	ID        int64
	Domain    string
	CreatedAt time.Time
}
