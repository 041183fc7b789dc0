package store

import (
	"context"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"gorm.io/gorm"
)

// APILotQuery is one page of the Consumption lots API: the visible lots (M15) of some profiles,
// keyset-paged on id so that a lot added while a client pages comes last, never in between.
type APILotQuery struct {
	ProfileIDs       []int64
	Status           string // an API status (M8): Active, Inactive, Expired, Complete, Canceled, None; "" for all
	Source           string // "" for all
	StartFrom        string // inclusive YYYY-MM-DD bounds, "" for open
	StartTo          string
	ExpirationFrom   string
	ExpirationTo     string
	AfterID          int64 // the last id of the previous page, 0 for the first
	Limit            int
	Today            ledger.Date
	ExpiryWindowDays int
}

// APILots returns a page of lots in id order and whether more follow.
func (s *Store) APILots(ctx context.Context, q APILotQuery) ([]LotRow, bool, error) {
	db := s.conn(ctx).Where("billing_profile_id IN ? AND released = ? AND id > ?", q.ProfileIDs, true, q.AfterID)
	db = apiLotStatusWhere(db, q.Status, q.Today, q.ExpiryWindowDays)
	for _, c := range []struct{ cond, v string }{{"source = ?", q.Source}, {"start_date >= ?", q.StartFrom},
		{"start_date <= ?", q.StartTo}, {"expiration_date >= ?", q.ExpirationFrom}, {"expiration_date <= ?", q.ExpirationTo}} {
		if c.v != "" {
			db = db.Where(c.cond, c.v)
		}
	}
	var rows []LotRow
	if err := db.Order("id").Limit(q.Limit + 1).Find(&rows).Error; err != nil {
		return nil, false, wrap("api lots", err)
	}
	if len(rows) > q.Limit {
		return rows[:q.Limit], true, nil
	}
	return rows, false, nil
}

// apiLotStatusWhere is the SQL of an API status: the portal statuses of lotStatusWhere, with
// expiring counted as Active as the API does (ledger.Status.API).
func apiLotStatusWhere(db *gorm.DB, status string, today ledger.Date, window int) *gorm.DB {
	t := today.String()
	switch status {
	case "":
		return db
	case "Active":
		return db.Where("state IN ('Pending', 'Open') AND closed_balance > 0 AND expiration_date >= ? AND start_date <= ? AND (canceled_on = '' OR canceled_on > ?)", t, t, t)
	case "Inactive":
		return lotStatusWhere(db, LotsNotStarted, today, window)
	case "Expired":
		return lotStatusWhere(db, LotsExpired, today, window)
	case "Complete":
		return lotStatusWhere(db, LotsUsed, today, window)
	case "Canceled":
		return lotStatusWhere(db, LotsCanceled, today, window)
	}
	return db.Where("1 = 0") // None, or a status no lot has
}

// LotSources maps the named lots of some profiles to their sources, profile by profile; the
// pending events of the API name their lot's source.
func (s *Store) LotSources(ctx context.Context, profileIDs []int64, names []string) (map[int64]map[string]string, error) {
	out := map[int64]map[string]string{}
	if len(names) == 0 {
		return out, nil
	}
	var rows []LotRow
	err := s.conn(ctx).Select("billing_profile_id, name, source").
		Where("billing_profile_id IN ? AND name IN ?", profileIDs, names).Find(&rows).Error
	for _, r := range rows {
		if out[r.BillingProfileID] == nil {
			out[r.BillingProfileID] = map[string]string{}
		}
		out[r.BillingProfileID][r.Name] = r.Source
	}
	return out, wrap("lot sources", err)
}

// GrantsBelow returns the roles a user holds on the profiles of an account, not on the account
// itself: a list of the account's profiles shows such a user the profiles they reach (M3).
func (s *Store) GrantsBelow(ctx context.Context, userID, accountID int64) (access.Grants, error) {
	var roles []string
	err := s.conn(ctx).Model(&RoleAssignment{}).
		Where("user_id = ? AND billing_account_id = ? AND billing_profile_id IS NOT NULL", userID, accountID).
		Pluck("role", &roles).Error
	g := make(access.Grants, len(roles))
	for i, r := range roles {
		g[i] = access.Grant{Role: access.Role(r)}
	}
	return g, wrap("grants below account", err)
}
