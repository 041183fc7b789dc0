package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"gorm.io/gorm"
)

// LotStatusFilter selects lots by their portal status (M8), computed in SQL so that the
// database does the paging. The conditions follow M8's precedence: canceled, used, expired,
// not started, expiring, active.
type LotStatusFilter string

// The lot status filters of the credits list; "" is all.
const (
	LotsActive     LotStatusFilter = "active"
	LotsExpiring   LotStatusFilter = "expiring"
	LotsUsed       LotStatusFilter = "used"
	LotsExpired    LotStatusFilter = "expired"
	LotsNotStarted LotStatusFilter = "notstarted"
	LotsCanceled   LotStatusFilter = "canceled"
)

// LotSort names the columns the credits list sorts by.
var LotSort = map[string]string{
	"expiration": "expiration_date", "start": "start_date", "amount": "original_amount",
	"balance": "closed_balance", "source": "source",
}

// LotQuery is one page request of a profile's credits list.
type LotQuery struct {
	Status LotStatusFilter
	Sort   string // a key of LotSort; "" is expiration
	Desc   bool
	After  string // keyset cursor from the previous page, "" for the first
	Limit  int
	Today  ledger.Date
	Window int // expiry window in days (M8)
}

// LotsPage returns one page of a profile's visible lots and the cursor of the next page ("" on
// the last): keyset paging on (sort column, id), never OFFSET. The default sort, by expiration
// date, is the burn order (M9): expiration date, then start date, then the lowest lot id (its
// name, compared byte by byte as the ledger does).
func (s *Store) LotsPage(ctx context.Context, profileID int64, q LotQuery) ([]LotRow, string, error) {
	col, ok := LotSort[q.Sort]
	if !ok {
		col = LotSort["expiration"]
	}
	db := s.conn(ctx).Where("billing_profile_id = ? AND released = ?", profileID, true)
	db = lotStatusWhere(db, q.Status, q.Today, q.Window)
	op, dir := ">", "ASC"
	if q.Desc {
		op, dir = "<", "DESC"
	}
	if col == LotSort["expiration"] {
		return s.lotsBurnPage(db, q, op, dir)
	}
	if q.After != "" {
		val, id, err := s.decodeCursor(q.After)
		if err != nil {
			return nil, "", err
		}
		if col == "original_amount" || col == "closed_balance" {
			n, _ := strconv.ParseInt(val, 10, 64)
			db = db.Where(fmt.Sprintf("(%s %s ?) OR (%s = ? AND id %s ?)", col, op, col, op), n, n, id)
		} else {
			db = db.Where(fmt.Sprintf("(%s %s ?) OR (%s = ? AND id %s ?)", col, op, col, op), val, val, id)
		}
	}
	var rows []LotRow
	if err := db.Order(col + " " + dir + ", id " + dir).Limit(q.Limit + 1).Find(&rows).Error; err != nil {
		return nil, "", wrap("lots page", err)
	}
	if len(rows) <= q.Limit {
		return rows, "", nil
	}
	rows = rows[:q.Limit]
	last := rows[len(rows)-1]
	return rows, s.encodeCursor(lotSortValue(last, col), last.ID), nil
}

// lotStatusWhere adds the SQL of a status filter, the same rules as ledger.Lot.Status (M8): a
// lot is canceled once settled so or from its cancellation date on, whatever else holds.
func lotStatusWhere(db *gorm.DB, f LotStatusFilter, today ledger.Date, window int) *gorm.DB {
	t, w := today.String(), today.AddDays(window).String()
	if f == LotsCanceled {
		return db.Where("state = 'Canceled' OR (canceled_on <> '' AND canceled_on <= ?)", t)
	}
	if f != "" {
		db = db.Where("state <> 'Canceled' AND (canceled_on = '' OR canceled_on > ?)", t)
	}
	const live = "state IN ('Pending', 'Open') AND closed_balance > 0 AND expiration_date >= ?"
	switch f {
	case LotsUsed:
		return db.Where("(state = 'Expired' AND expired_amount = 0) OR (state IN ('Pending', 'Open') AND closed_balance = 0)")
	case LotsExpired:
		return db.Where("(state = 'Expired' AND expired_amount > 0) OR (state IN ('Pending', 'Open') AND closed_balance > 0 AND expiration_date < ?)", t)
	case LotsNotStarted:
		return db.Where(live+" AND start_date > ?", t, t)
	case LotsExpiring:
		return db.Where(live+" AND start_date <= ? AND expiration_date <= ?", t, t, w)
	case LotsActive:
		return db.Where(live+" AND start_date <= ? AND expiration_date > ?", t, t, w)
	}
	return db
}

// lotsBurnPage is a page of the credits list in burn order (M9), or its reverse with DESC.
func (s *Store) lotsBurnPage(db *gorm.DB, q LotQuery, op, dir string) ([]LotRow, string, error) {
	name := "name"
	if s.dialect == Postgres {
		name = `name COLLATE "C"` // byte order, as the ledger compares lot ids
	}
	if q.After != "" {
		val, id, err := s.decodeCursor(q.After)
		if err != nil {
			return nil, "", err
		}
		parts := strings.Split(val, burnCursorSep)
		if len(parts) != 3 {
			return nil, "", fmt.Errorf("store: cursor: %w", fault.Field("after", "not a cursor this list gave out; start again from the first page"))
		}
		db = db.Where(fmt.Sprintf("(expiration_date, start_date, %s, id) %s (?, ?, ?, ?)", name, op), parts[0], parts[1], parts[2], id)
	}
	var rows []LotRow
	order := fmt.Sprintf("expiration_date %[1]s, start_date %[1]s, %[2]s %[1]s, id %[1]s", dir, name)
	if err := db.Order(order).Limit(q.Limit + 1).Find(&rows).Error; err != nil {
		return nil, "", wrap("lots page", err)
	}
	if len(rows) <= q.Limit {
		return rows, "", nil
	}
	rows = rows[:q.Limit]
	last := rows[len(rows)-1]
	return rows, s.encodeCursor(strings.Join([]string{last.ExpirationDate, last.StartDate, last.Name}, burnCursorSep), last.ID), nil
}

// burnCursorSep separates the burn-order keys in a cursor's value.
const burnCursorSep = "\x1f"

func lotSortValue(l LotRow, col string) string {
	switch col {
	case "start_date":
		return l.StartDate
	case "original_amount":
		return strconv.FormatInt(l.OriginalAmount, 10)
	case "closed_balance":
		return strconv.FormatInt(l.ClosedBalance, 10)
	case "source":
		return l.Source
	}
	return l.ExpirationDate
}

// EventQuery is one page request of a profile's settled transactions.
type EventQuery struct {
	From, To  string // YYYY-MM-DD bounds, inclusive; "" for open
	Kind      string // a ledger.EventKind, "" for all
	BeforeSeq int64  // keyset cursor: events with a smaller seq; 0 for the newest
	Limit     int
}

// EventsPage returns settled events newest first and the seq to continue before (0 on the last
// page), keyset paging on seq with the (profile, date, seq) index for date ranges.
func (s *Store) EventsPage(ctx context.Context, profileID int64, q EventQuery) ([]EventRow, int64, error) {
	db := s.conn(ctx).Where("billing_profile_id = ?", profileID)
	if q.From != "" {
		db = db.Where("date >= ?", q.From)
	}
	if q.To != "" {
		db = db.Where("date <= ?", q.To)
	}
	if q.Kind != "" {
		db = db.Where("kind = ?", q.Kind)
	}
	if q.BeforeSeq > 0 {
		db = db.Where("seq < ?", q.BeforeSeq)
	}
	var rows []EventRow
	if err := db.Order("seq DESC").Limit(q.Limit + 1).Find(&rows).Error; err != nil {
		return nil, 0, wrap("events page", err)
	}
	if len(rows) <= q.Limit {
		return rows, 0, nil
	}
	rows = rows[:q.Limit]
	return rows, rows[len(rows)-1].Seq, nil
}
