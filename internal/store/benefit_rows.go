package store

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/money"
)

// BenefitView is a benefit as the pages show it: the rules' value (AssignedTo is the holder's
// email, PartnerID the organisation's Partner Center id, PreviousID the external id of the
// benefit it renews) with the row id and names beside it.
type BenefitView struct {
	RowID         int64
	Benefit       benefits.Benefit
	PartnerRowID  int64
	PartnerName   string
	HolderName    string
	Reassignments int // history events that used one of the five (P12)
}

// benefitScan is one row of benefitSelect, its fields in the select's order (scanBenefits): the
// benefit's columns a BenefitView shows (not its derived, foreign-key and bookkeeping columns),
// and the joined names.
type benefitScan struct {
	ID, PartnerID                    int64
	ExternalID, Kind, Currency       string
	Amount                           int64
	PurchaseDate, StartDate, EndDate string
	ActivatedAt, RedeemedAt          *time.Time
	SubscriptionID                   string
	HolderEmail                      *string
	HolderName                       *string
	PreviousExternalID               *string
	PartnerExternalID                string
	PartnerName                      string
	Reassignments                    int
}

// benefitSelect is the query behind every BenefitView: the benefit, its holder, the benefit it
// renews, its organisation and its count of reassignments, in one statement; only the columns
// benefitScan reads, since a page scans 25 of these rows per request (issue 10).
func (s *Store) benefitSelect(ctx context.Context) *gorm.DB {
	return s.conn(ctx).Table("benefits AS b").
		Select("b.id, b.partner_id, b.external_id, b.kind, b.currency, b.amount, b.purchase_date, b.start_date, b.end_date, " +
			"b.activated_at, b.redeemed_at, b.subscription_id, u.email AS holder_email, u.name AS holder_name, pb.external_id AS previous_external_id, " +
			"p.external_id AS partner_external_id, p.name AS partner_name, " +
			"(SELECT COUNT(*) FROM benefit_events AS e WHERE e.benefit_id = b.id AND e.reassignment) AS reassignments").
		Joins("JOIN partners AS p ON p.id = b.partner_id").
		Joins("LEFT JOIN users AS u ON u.id = b.assigned_user_id").
		Joins("LEFT JOIN benefits AS pb ON pb.id = b.previous_id")
}

// scanBenefits runs q, a benefitSelect with conditions, into views, each column scanned into its
// field in the select's order: GORM's scanning by reflection was a fifth of the benefits
// workspace's allocations (issue 10).
func scanBenefits(q *gorm.DB, op string) ([]BenefitView, error) {
	rows, err := q.Rows()
	if err != nil {
		return nil, wrap(op, err)
	}
	defer rows.Close()
	out := []BenefitView{}
	for rows.Next() {
		var r benefitScan
		if err := rows.Scan(&r.ID, &r.PartnerID, &r.ExternalID, &r.Kind, &r.Currency, &r.Amount, &r.PurchaseDate,
			&r.StartDate, &r.EndDate, &r.ActivatedAt, &r.RedeemedAt, &r.SubscriptionID, &r.HolderEmail, &r.HolderName,
			&r.PreviousExternalID, &r.PartnerExternalID, &r.PartnerName, &r.Reassignments); err != nil {
			return nil, wrap(op, err)
		}
		out = append(out, r.view())
	}
	return out, wrap(op, rows.Err())
}

// view converts a scanned row to a BenefitView.
func (r benefitScan) view() BenefitView {
	b := benefits.Benefit{ID: r.ExternalID, PartnerID: r.PartnerExternalID, Kind: benefits.Kind(r.Kind),
		Amount: money.FromMicros(r.Amount), Currency: r.Currency, PurchaseDate: parseCivil(r.PurchaseDate),
		StartDate: parseCivil(r.StartDate), EndDate: parseCivil(r.EndDate), SubscriptionID: r.SubscriptionID}
	v := BenefitView{RowID: r.ID, PartnerRowID: r.PartnerID, PartnerName: r.PartnerName, Reassignments: r.Reassignments}
	if r.HolderEmail != nil {
		b.AssignedTo = *r.HolderEmail
	}
	if r.HolderName != nil {
		v.HolderName = *r.HolderName
	}
	if r.PreviousExternalID != nil {
		b.PreviousID = *r.PreviousExternalID
	}
	if r.ActivatedAt != nil {
		b.ActivatedAt = r.ActivatedAt.UTC()
	}
	if r.RedeemedAt != nil {
		b.RedeemedAt = r.RedeemedAt.UTC()
	}
	v.Benefit = b
	return v
}

// benefitView loads one benefit by row id.
func (s *Store) benefitView(ctx context.Context, rowID int64) (BenefitView, error) {
	vs, err := scanBenefits(s.benefitSelect(ctx).Where("b.id = ?", rowID), "benefit")
	if err != nil {
		return BenefitView{}, err
	}
	if len(vs) == 0 {
		return BenefitView{}, wrap("benefit", errNotFound)
	}
	return vs[0], nil
}

// lockBenefit finds a benefit by its external id, within an organisation when partnerID is
// not 0 and held by holderID when that is not 0, and locks its row for the rest of the
// transaction (PostgreSQL SELECT ... FOR UPDATE; SQLite transactions are IMMEDIATE already).
// Every change of a benefit takes this lock first, so decisions see the state they change.
func (s *Store) lockBenefit(ctx context.Context, partnerID int64, externalID string, holderID int64) (BenefitRow, error) {
	q := s.conn(ctx).Where("lower(external_id) = ?", strings.ToLower(strings.TrimSpace(externalID)))
	if partnerID != 0 {
		q = q.Where("partner_id = ?", partnerID)
	}
	if holderID != 0 {
		q = q.Where("assigned_user_id = ?", holderID)
	}
	if s.dialect == Postgres {
		q = q.Clauses(clause.Locking{Strength: "UPDATE"})
	}
	var r BenefitRow
	return r, wrap("lock benefit", q.Take(&r).Error)
}

// lockMemberships locks every membership row of a user, so that two transactions assigning
// benefits to the same user run one after the other and the second sees the first's holding
// (P9: never two bulk credits), and so that a new name of the user (SetUserName) and an
// assignment to the user do not interleave. In id order; an assignment takes it after the
// benefit's lock, a new name before anything else.
func (s *Store) lockMemberships(ctx context.Context, userID int64) error {
	if s.dialect != Postgres {
		return nil
	}
	var ms []PartnerMember
	err := s.conn(ctx).Clauses(clause.Locking{Strength: "UPDATE"}).Where("user_id = ?", userID).
		Order("id").Find(&ms).Error
	return wrap("lock memberships", err)
}

// lockPartner locks an organisation's row, serialising renewals (Renew). NO KEY UPDATE: the
// lock does not hold back the foreign key checks of rows that name the organisation, such as
// the first benefits version of an assignment that holds a benefit's row the renewal waits for.
func (s *Store) lockPartner(ctx context.Context, id int64) error {
	if s.dialect != Postgres {
		return nil
	}
	var p Partner
	return wrap("lock partner", s.conn(ctx).Clauses(clause.Locking{Strength: "NO KEY UPDATE"}).Where("id = ?", id).Take(&p).Error)
}

// setBenefitColumns writes b's fields into r, deriving AvailableAt and ExpiresAt by the rules.
func setBenefitColumns(r *BenefitRow, b benefits.Benefit) {
	r.ExternalID, r.Kind, r.Amount, r.Currency = b.ID, string(b.Kind), b.Amount.Micros(), b.Currency
	r.PurchaseDate, r.StartDate, r.EndDate = civil(b.PurchaseDate), civil(b.StartDate), civil(b.EndDate)
	r.ActivatedAt, r.RedeemedAt, r.SubscriptionID = instant(b.ActivatedAt), instant(b.RedeemedAt), b.SubscriptionID
	r.AvailableAt, r.ExpiresAt = benefits.AvailableAt(b).UTC(), benefits.ExpiresAt(b).UTC()
}

// updateBenefitState writes the state a decision changed, naming its columns.
func (s *Store) updateBenefitState(ctx context.Context, rowID int64, holderID *int64, b benefits.Benefit) error {
	var r BenefitRow
	setBenefitColumns(&r, b)
	return wrap("update benefit", s.conn(ctx).Model(&BenefitRow{}).Where("id = ?", rowID).Updates(map[string]any{
		"assigned_user_id": holderID, "activated_at": r.ActivatedAt, "redeemed_at": r.RedeemedAt,
		"subscription_id": r.SubscriptionID, "available_at": r.AvailableAt, "expires_at": r.ExpiresAt,
		"updated_at": s.now().UTC(),
	}).Error)
}

// civil renders a civil date as stored, YYYY-MM-DD.
func civil(t time.Time) string { return t.UTC().Format(time.DateOnly) }

// parseCivil reads a stored civil date; the store wrote it, so it is well formed.
func parseCivil(s string) time.Time {
	t, _ := time.Parse(time.DateOnly, s)
	return t
}

// instant is t in UTC as a nullable column: nil for the zero time.
func instant(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}
