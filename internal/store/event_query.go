package store

import (
	"context"
	"database/sql"
	"slices"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"gorm.io/gorm"
)

// EventQuery is one page of settled ledger events (M13) of some profiles: the portal's
// transactions table and the Consumption events API ask for events with it alike.
//
// Both list events by date, booked order within a day: the order of their balances
// (rebalance). The portal pages one profile newest first, keyset on (date, seq) from the
// event of the cursor's seq. The API pages in (profile, date, seq) order. Either way a page is a
// walk of the ledger_events_date index from the cursor (or from the first day asked for),
// whatever the length of the profile's history.
type EventQuery struct {
	ProfileIDs []int64
	From, To   ledger.Date        // inclusive bounds; zero for open
	Kinds      []ledger.EventKind // nil for all, empty for none
	LotName    string             // lower-case; "" for all
	LotSource  ledger.Source      // "" for all
	Newest     bool               // newest first by (date, seq) (one profile), else (profile, date, seq) order
	After      EventCursor        // the last event of the previous page; zero for the first page
	Limit      int
}

// EventCursor is the last event of a page: its profile, date and seq. In newest-first order
// only Seq counts: the page goes on from that event's date and seq. The zero EventCursor is the
// first page.
type EventCursor struct {
	Profile int64
	Date    ledger.Date
	Seq     int64
}

// EventsPage returns a page of settled events and whether more follow. Its rows are scanned
// column by column (scanEvents), not by GORM's reflection: an API page reads 101 of them.
func (s *Store) EventsPage(ctx context.Context, q EventQuery) ([]EventRow, bool, error) {
	rows, err := eventsPageQuery(s.conn(ctx), q).Rows()
	if err != nil {
		return nil, false, wrap("events page", err)
	}
	events, err := scanEvents(rows, q.Limit+1)
	if err != nil {
		return nil, false, wrap("events page", err)
	}
	if len(events) > q.Limit {
		return events[:q.Limit], true, nil
	}
	return events, false, nil
}

// eventColumns are the columns of an EventRow in the order scanEvents reads them.
const eventColumns = "id, billing_profile_id, seq, kind, date, description, amount, balance, invoice_number, lot_name, created_at"

// eventsPageQuery is the statement of a page of EventsPage: its rows and the one after.
func eventsPageQuery(db *gorm.DB, q EventQuery) *gorm.DB {
	return eventsWhere(db.Model(&EventRow{}).Select(eventColumns), q).Limit(q.Limit + 1)
}

// scanEvents reads the rows of eventColumns and closes them; size is the capacity to expect.
func scanEvents(rows *sql.Rows, size int) ([]EventRow, error) {
	defer rows.Close()
	out := make([]EventRow, 0, size)
	for rows.Next() {
		var e EventRow
		var kind string
		if err := rows.Scan(&e.ID, &e.BillingProfileID, &e.Seq, &kind, &e.Date, &e.Description, &e.Amount,
			&e.Balance, &e.InvoiceNumber, &e.LotName, &e.CreatedAt); err != nil {
			return nil, err
		}
		e.Kind = ledger.EventKind(kind)
		out = append(out, e)
	}
	return out, rows.Err()
}

// eventsWhere is the query of a page of EventsPage, ordered. In (profile, date, seq) order for
// one profile (E1, the usual API call) the keyset is a row comparison on (date, seq) under the
// profile's equality, which both databases turn into the start of a range scan of
// ledger_events_date; the first page starts at the first day asked for. For several profiles
// (E2) it compares (profile, date, seq).
func eventsWhere(db *gorm.DB, q EventQuery) *gorm.DB {
	first := q.After == EventCursor{}
	switch {
	case q.Newest:
		db = db.Where("billing_profile_id IN ?", q.ProfileIDs)
		if !first {
			db = db.Where("(date, seq) < (SELECT e.date, e.seq FROM ledger_events AS e WHERE e.billing_profile_id IN ? AND e.seq = ?)",
				q.ProfileIDs, q.After.Seq)
		}
	case len(q.ProfileIDs) == 1:
		id := q.ProfileIDs[0]
		db = db.Where("billing_profile_id = ?", id)
		switch {
		case first || q.After.Profile < id:
			first = true
		case q.After.Profile == id:
			db = db.Where("(date, seq) > (?, ?)", q.After.Date.String(), q.After.Seq)
		default:
			db = db.Where("1 = 0") // the cursor is past this profile
		}
	default:
		db = db.Where("billing_profile_id IN ?", q.ProfileIDs)
		if !first {
			db = db.Where("(billing_profile_id, date, seq) > (?, ?, ?)", q.After.Profile, q.After.Date.String(), q.After.Seq)
		}
	}
	if !q.To.IsZero() {
		db = db.Where("date <= ?", q.To.String())
	}
	// Past the first page of one profile the cursor already bounds the walk from below.
	if !q.From.IsZero() && (first || q.Newest || len(q.ProfileIDs) > 1) {
		db = db.Where("date >= ?", q.From.String())
	}
	if q.LotName != "" {
		db = db.Where("lower(lot_name) = ?", q.LotName)
	}
	if q.LotSource != "" {
		db = db.Where("EXISTS (SELECT 1 FROM lots AS l WHERE l.billing_profile_id = ledger_events.billing_profile_id AND l.name = ledger_events.lot_name AND l.source = ?)", string(q.LotSource))
	}
	switch {
	case q.Kinds != nil && len(q.Kinds) == 0:
		db = db.Where("1 = 0")
	case q.Kinds != nil:
		kinds := make([]string, len(q.Kinds))
		for i, k := range q.Kinds {
			kinds[i] = string(k)
		}
		db = db.Where("kind IN ?", kinds)
	}
	if q.Newest {
		return db.Order("date DESC, seq DESC")
	}
	return db.Order("billing_profile_id, date, seq")
}

// ClosingBalances returns the balance at the end of each day of the profile's settled events
// dated from on, over its newest limit events, oldest day first: the balance over time of the
// credits page. It reads the date and balance of those events alone, with no row per event
// left in the answer.
func (s *Store) ClosingBalances(ctx context.Context, profileID int64, from ledger.Date, limit int) ([]ledger.DayAmount, error) {
	rows, err := s.conn(ctx).Model(&EventRow{}).Select("date, balance").
		Where("billing_profile_id = ? AND date >= ?", profileID, from).Order("date DESC, seq DESC").Limit(limit).Rows()
	if err != nil {
		return nil, wrap("closing balances", err)
	}
	defer rows.Close()
	var out []ledger.DayAmount // newest first until reversed
	for rows.Next() {
		var d ledger.DayAmount
		if err := rows.Scan(&d.Date, &d.Amount); err != nil {
			return nil, wrap("closing balances", err)
		}
		if len(out) == 0 || out[len(out)-1].Date != d.Date { // the newest event of a day closes it
			out = append(out, d)
		}
	}
	slices.Reverse(out)
	return out, wrap("closing balances", rows.Err())
}
