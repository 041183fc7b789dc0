package store

import (
	"context"
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
	// ByStatus, when set, is the organisation's benefits by status at Now (BenefitTotals'), which
	// the caller kept: the default order without filter or search then counts none itself.
	ByStatus map[benefits.Status]int
}

// BenefitPage is one page of the list and the number of benefits matching in all.
type BenefitPage struct {
	Rows  []BenefitView
	Total int64
}

// BenefitsOfPartner returns one page of an organisation's benefits matching q. Filtering,
// sorting and paging run in the database on the derived available_at and expires_at columns,
// so that the quick filters agree with benefits.Filter.Match (the store tests check it). The
// page's ids are chosen first from the benefits alone (statusPageIDs for the default order),
// and only those rows are joined to their holder, predecessor, organisation and history.
func (s *Store) BenefitsOfPartner(ctx context.Context, partnerID int64, q BenefitQuery) (BenefitPage, error) {
	now := q.Now.UTC()
	narrow := func() *gorm.DB {
		db := s.conn(ctx).Table("benefits AS b").Where("b.partner_id = ?", partnerID)
		if q.Search != "" || q.Sort == SortUser {
			db = db.Joins("LEFT JOIN users AS u ON u.id = b.assigned_user_id")
		}
		return searchBenefits(filterBenefits(db, q.Filter, now), q.Search)
	}
	var page BenefitPage
	var ids *gorm.DB
	if byStatus(q.Sort) {
		var err error
		if page.Total, ids, err = s.statusPageIDs(ctx, narrow, q, now); err != nil || ids == nil {
			return page, err
		}
	} else {
		if err := narrow().Count(&page.Total).Error; err != nil {
			return page, wrap("count benefits", err)
		}
		ids = narrow().Select("b.id").Clauses(orderBenefits(q.Sort, q.Desc, now)).Offset(q.Offset).Limit(q.Limit)
	}
	list := s.benefitSelect(ctx).Where("b.id IN (?)", ids).Clauses(orderBenefits(q.Sort, q.Desc, now))
	var err error
	page.Rows, err = scanBenefits(list, "benefits of partner")
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

// tieBreak orders the benefits of equal sort keys, so that pages never overlap: the index
// benefits_partner_order (migration 00019) walks a partner's benefits in this order.
const tieBreak = "b.start_date ASC, lower(b.external_id) ASC, b.id ASC"

// sortColumns is what each sort but SortStatus orders by first.
var sortColumns = map[BenefitSort]string{
	SortID:     "lower(b.external_id)",
	SortKind:   "b.kind",
	SortAmount: "b.amount",
	SortStart:  "b.start_date",
	SortEnd:    "b.expires_at",
	SortUser:   "COALESCE(u.email, '')",
}

// orderBenefits is the ORDER BY of a sort, then tieBreak; a sort without a column (SortStatus)
// ranks by status on the day now.
func orderBenefits(sort BenefitSort, desc bool, now time.Time) clause.OrderBy {
	dir := " ASC"
	if desc {
		dir = " DESC"
	}
	first := clause.Expr{SQL: rankCase + dir, Vars: []any{now, now}}
	if column, ok := sortColumns[sort]; ok {
		first = clause.Expr{SQL: column + dir}
	}
	return clause.OrderBy{Expression: clause.CommaExpression{Exprs: []clause.Expression{first, clause.Expr{SQL: tieBreak}}}}
}
