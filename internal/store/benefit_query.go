package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/creditdesk/creditdesk/internal/benefits"
)

// BenefitSort names a column the Azure credits list can be sorted by; its value is the URL's.
type BenefitSort string

// The sortable columns. SortStatus orders by what needs action first
// (benefits.Status.ActionRank): not redeemed, assigned, pending, redeemed, expired.
const (
	SortStatus BenefitSort = "status"
	SortID     BenefitSort = "id"
	SortKind   BenefitSort = "kind"
	SortAmount BenefitSort = "amount"
	SortStart  BenefitSort = "start"
	SortEnd    BenefitSort = "end"
	SortUser   BenefitSort = "user"
)

// BenefitSorts lists the sortable columns.
func BenefitSorts() []BenefitSort {
	return []BenefitSort{SortStatus, SortID, SortKind, SortAmount, SortStart, SortEnd, SortUser}
}

// BenefitQuery is what the Azure credits list shows (P2): a quick filter, a search text, a sort
// and a page, evaluated at Now.
type BenefitQuery struct {
	Filter benefits.Filter
	Search string // id, kind, or the holder's email or name contains it (case-insensitive)
	Sort   BenefitSort
	Desc   bool
	Offset int
	Limit  int
	Now    time.Time
}

// BenefitPage is one page of the list and the number of benefits matching in all.
type BenefitPage struct {
	Rows  []BenefitView
	Total int64
}

// BenefitsOfPartner returns one page of an organisation's benefits matching q. Filtering,
// sorting and paging run in the database on the derived available_at and expires_at columns,
// so that the quick filters agree with benefits.Filter.Match (the store tests check it).
func (s *Store) BenefitsOfPartner(ctx context.Context, partnerID int64, q BenefitQuery) (BenefitPage, error) {
	now := q.Now.UTC()
	where := func(db *gorm.DB) *gorm.DB {
		db = db.Where("b.partner_id = ?", partnerID)
		db = filterBenefits(db, q.Filter, now)
		return searchBenefits(db, q.Search)
	}
	var page BenefitPage
	count := s.conn(ctx).Table("benefits AS b").Joins("LEFT JOIN users AS u ON u.id = b.assigned_user_id")
	if err := where(count).Count(&page.Total).Error; err != nil {
		return page, wrap("count benefits", err)
	}
	list := where(s.benefitSelect(ctx)).Clauses(orderBenefits(q.Sort, q.Desc, now))
	var err error
	page.Rows, err = scanBenefits(list.Offset(q.Offset).Limit(q.Limit), "benefits of partner")
	return page, err
}

// filterBenefits adds a quick filter's conditions, the SQL form of benefits.Filter.Match:
// expired means expires_at <= now, pending provisioning available_at > now (StatusOf).
func filterBenefits(db *gorm.DB, f benefits.Filter, now time.Time) *gorm.DB {
	live := "b.expires_at > ? AND b.available_at <= ?"
	switch f {
	case benefits.FilterNotRedeemed:
		return db.Where(live+" AND b.assigned_user_id IS NULL", now, now)
	case benefits.FilterRedeemed:
		return db.Where(live+" AND b.assigned_user_id IS NOT NULL AND b.redeemed_at IS NOT NULL", now, now)
	case benefits.FilterMonthly:
		return db.Where("b.kind = ?", string(benefits.AzureMonthlyCredit))
	case benefits.FilterBulk:
		return db.Where("b.kind = ?", string(benefits.AzureBulkCredit))
	case benefits.FilterExpiring:
		return db.Where("b.expires_at > ? AND b.expires_at <= ?", now, now.AddDate(0, 0, benefits.ExpiringWithinDays))
	}
	return db
}

// searchBenefits keeps the benefits whose id, kind (its label), holder email or holder name
// contains search.
func searchBenefits(db *gorm.DB, search string) *gorm.DB {
	search = strings.ToLower(strings.TrimSpace(search))
	if search == "" {
		return db
	}
	kinds := []string{""}
	for _, k := range benefits.Kinds() {
		if strings.Contains(strings.ToLower(k.Label()), search) || strings.Contains(strings.ToLower(string(k)), search) {
			kinds = append(kinds, string(k))
		}
	}
	p := likePattern(search)
	return db.Where(`(lower(b.external_id) LIKE ? ESCAPE '\' OR u.email LIKE ? ESCAPE '\' OR lower(u.name) LIKE ? ESCAPE '\' OR b.kind IN ?)`,
		p, p, p, kinds)
}

// orderBenefits is the ORDER BY of a sort, with the external id as the tie-breaker so that
// pages never overlap.
func orderBenefits(sort BenefitSort, desc bool, now time.Time) clause.OrderBy {
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	var first clause.Expression
	switch sort {
	case SortID:
		first = clause.Expr{SQL: "lower(b.external_id)" + dir}
	case SortKind:
		first = clause.Expr{SQL: "b.kind" + dir}
	case SortAmount:
		first = clause.Expr{SQL: "b.amount" + dir}
	case SortStart:
		first = clause.Expr{SQL: "b.start_date" + dir}
	case SortEnd:
		first = clause.Expr{SQL: "b.expires_at" + dir}
	case SortUser:
		first = clause.Expr{SQL: "COALESCE(u.email, '')" + dir}
	default:
		// The conditions in benefits.StatusOf's precedence, each giving its status's rank.
		// The ranks are written into the SQL: PostgreSQL cannot type a bare parameter there.
		first = clause.Expr{SQL: fmt.Sprintf("CASE WHEN b.expires_at <= ? THEN %d WHEN b.available_at > ? THEN %d "+
			"WHEN b.assigned_user_id IS NULL THEN %d WHEN b.redeemed_at IS NULL THEN %d ELSE %d END",
			benefits.StatusExpired.ActionRank(), benefits.StatusPendingProvisioning.ActionRank(), benefits.StatusNotRedeemed.ActionRank(),
			benefits.StatusAssigned.ActionRank(), benefits.StatusRedeemed.ActionRank()) + dir, Vars: []any{now, now}}
	}
	return clause.OrderBy{Expression: clause.CommaExpression{Exprs: []clause.Expression{
		first, clause.Expr{SQL: "b.start_date ASC, lower(b.external_id) ASC, b.id ASC"}}}}
}
