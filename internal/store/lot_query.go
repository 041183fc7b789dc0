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

// LotSort names the columns the credits list sorts by.
var LotSort = map[string]string{
	"expiration": "expiration_date", "start": "start_date", "amount": "original_amount",
	"balance": "closed_balance", "source": "source",
}

// LotQuery is one page of the visible lots (M15) of some profiles: the portal's credits list
// and the Consumption lots API ask for lots with it alike. Paging is keyset on (sort column,
// id), never OFFSET; in id order a lot added while a client pages comes last, never in between.
type LotQuery struct {
	ProfileIDs []int64
	Statuses   []ledger.Status // the portal statuses to keep (M8); nil for all, empty for none
	Source     ledger.Source   // "" for all
	StartFrom  ledger.Date     // inclusive bounds of the start date; zero for open
	StartTo    ledger.Date
	ExpFrom    ledger.Date // inclusive bounds of the expiration date; zero for open
	ExpTo      ledger.Date
	Sort       string // a key of LotSort; "" for id order
	Desc       bool
	After      LotCursor // where the previous page ended; zero for the first page
	Limit      int
	Today      ledger.Date // the day the statuses are taken on
	Window     int         // expiry window in days (M8)
}

// LotCursor is where a page of lots continues: after the lot with this sort value and id. The
// zero LotCursor is the first page.
type LotCursor struct {
	Value string
	ID    int64
}

// EncodeLotCursor is the signed cursor of c, in the list of q, for a URL; "" for the first page.
func (s *Store) EncodeLotCursor(q LotQuery, c LotCursor) string {
	if c.ID == 0 {
		return ""
	}
	return s.encodeCursor(q.list(), c.Value, c.ID)
}

// ParseLotCursor reads a cursor EncodeLotCursor gave out for the list of q (the same profiles,
// statuses, sort and direction); the error names the "after" parameter. "" is the first page.
func (s *Store) ParseLotCursor(q LotQuery, str string) (LotCursor, error) {
	if str == "" {
		return LotCursor{}, nil
	}
	v, id, err := s.decodeCursor(q.list(), str)
	return LotCursor{Value: v, ID: id}, err
}

// list names the list of lots a cursor of q belongs to: a sort value means nothing in another
// profile's list, another order or another status's.
func (q LotQuery) list() string {
	return fmt.Sprintf("lots %v %v %s %t", q.ProfileIDs, q.Statuses, q.Sort, q.Desc)
}

// LotsPage returns one page of lots and the cursor of the next page (zero on the last). Sorted
// by expiration date (the portal's default), it is the burn order (M9): expiration date, then
// start date, then the lowest lot id (its name, compared byte by byte as the ledger does).
func (s *Store) LotsPage(ctx context.Context, q LotQuery) ([]LotRow, LotCursor, error) {
	db := s.conn(ctx).Where("billing_profile_id IN ? AND released = ?", q.ProfileIDs, true)
	if q.Statuses != nil {
		where, args := lotStatusSQL(q.Statuses, q.Today, q.Window)
		db = db.Where(where, args...)
	}
	for _, c := range []struct {
		cond string
		v    ledger.Date
	}{{"start_date >= ?", q.StartFrom}, {"start_date <= ?", q.StartTo}, {"expiration_date >= ?", q.ExpFrom}, {"expiration_date <= ?", q.ExpTo}} {
		if !c.v.IsZero() {
			db = db.Where(c.cond, c.v.String())
		}
	}
	if q.Source != "" {
		db = db.Where("source = ?", string(q.Source))
	}
	col, op, dir := "id", ">", "ASC"
	if c, ok := LotSort[q.Sort]; ok {
		col = c
	}
	if q.Desc {
		op, dir = "<", "DESC"
	}
	if col == LotSort["expiration"] {
		return s.lotsBurnPage(db, q.After, q.Limit, op, dir)
	}
	switch {
	case q.After.ID == 0:
	case col == "id":
		db = db.Where("id "+op+" ?", q.After.ID)
	case col == "original_amount" || col == "closed_balance":
		n, _ := strconv.ParseInt(q.After.Value, 10, 64)
		db = db.Where(fmt.Sprintf("(%s %s ?) OR (%s = ? AND id %s ?)", col, op, col, op), n, n, q.After.ID)
	default:
		db = db.Where(fmt.Sprintf("(%s %s ?) OR (%s = ? AND id %s ?)", col, op, col, op), q.After.Value, q.After.Value, q.After.ID)
	}
	order := "id " + dir
	if col != "id" {
		order = col + " " + dir + ", " + order
	}
	var rows []LotRow
	if err := db.Order(order).Limit(q.Limit + 1).Find(&rows).Error; err != nil {
		return nil, LotCursor{}, wrap("lots page", err)
	}
	if len(rows) <= q.Limit {
		return rows, LotCursor{}, nil
	}
	rows = rows[:q.Limit]
	last := rows[len(rows)-1]
	return rows, LotCursor{Value: lotSortValue(last, col), ID: last.ID}, nil
}

// lotsBurnPage is a page of lots in burn order (M9), or its reverse with DESC; the cursor's
// value holds the three keys before the id.
func (s *Store) lotsBurnPage(db *gorm.DB, after LotCursor, limit int, op, dir string) ([]LotRow, LotCursor, error) {
	name := "name"
	if s.dialect == Postgres {
		name = `name COLLATE "C"` // byte order, as the ledger compares lot ids
	}
	if after.ID != 0 {
		keys := strings.Split(after.Value, burnCursorSep)
		if len(keys) != 3 {
			return nil, LotCursor{}, fmt.Errorf("store: cursor: %w", fault.Field("after", "not a cursor this list gave out; start again from the first page"))
		}
		db = db.Where(fmt.Sprintf("(expiration_date, start_date, %s, id) %s (?, ?, ?, ?)", name, op), keys[0], keys[1], keys[2], after.ID)
	}
	var rows []LotRow
	order := fmt.Sprintf("expiration_date %[1]s, start_date %[1]s, %[2]s %[1]s, id %[1]s", dir, name)
	if err := db.Order(order).Limit(limit + 1).Find(&rows).Error; err != nil {
		return nil, LotCursor{}, wrap("lots page", err)
	}
	if len(rows) <= limit {
		return rows, LotCursor{}, nil
	}
	rows = rows[:limit]
	last := rows[len(rows)-1]
	return rows, LotCursor{Value: lotSortValue(last, LotSort["expiration"]), ID: last.ID}, nil
}

// burnCursorSep separates the burn-order keys in a cursor's value.
const burnCursorSep = "\x1f"

// lotSortValue is the cursor value of a lot in a list sorted by col.
func lotSortValue(l LotRow, col string) string {
	switch col {
	case "id":
		return ""
	case "start_date":
		return l.StartDate.String()
	case "original_amount":
		return strconv.FormatInt(l.OriginalAmount.Micros(), 10)
	case "closed_balance":
		return strconv.FormatInt(l.ClosedBalance.Micros(), 10)
	case "source":
		return string(l.Source)
	}
	return strings.Join([]string{l.ExpirationDate.String(), l.StartDate.String(), l.Name}, burnCursorSep)
}
