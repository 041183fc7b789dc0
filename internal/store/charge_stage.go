package store

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
)

// stageRows is the number of lines one INSERT into charge_lines carries, per database: seven
// parameters each. The pure-Go SQLite driver matches parameters to arguments in quadratic time,
// so its statements stay small; PostgreSQL pays a round trip per statement instead.
var stageRows = map[Dialect]int{SQLite: 48, Postgres: 500}

// chargeStage writes the lines of one import into charge_lines, in batches, through one
// prepared statement, inside the importing transaction (migration 00008): the database sums
// them, so that an import's memory does not grow with the number of products it names.
type chargeStage struct {
	tx   *Store
	rows int       // lines per full batch
	full *sql.Stmt // the INSERT of a full batch, prepared on first use
	args []any
	n    int // lines in args
}

// connPool is what the transaction's connection offers below GORM: prepared statements and
// plain executions with the database's own placeholders.
type connPool interface {
	PrepareContext(context.Context, string) (*sql.Stmt, error)
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}

// stagedLine is one line to sum: a cost-export line, or one total of a scenario.
type stagedLine struct {
	Line      int
	ProfileID int64
	Date      string
	Product   string
	Publisher string
	Eligible  bool
	Amount    int64
}

func newChargeStage(tx *Store) *chargeStage {
	rows := stageRows[tx.dialect]
	return &chargeStage{tx: tx, rows: rows, args: make([]any, 0, 7*rows)}
}

// add stages a line, writing a batch when it is full.
func (st *chargeStage) add(ctx context.Context, l stagedLine) error {
	st.args = append(st.args, l.Line, l.ProfileID, l.Date, l.Product, l.Publisher, l.Eligible, l.Amount)
	if st.n++; st.n < st.rows {
		return nil
	}
	if st.full == nil {
		pool, err := st.pool()
		if err != nil {
			return err
		}
		stmt, err := pool.PrepareContext(ctx, st.insert(st.rows))
		if err != nil {
			return wrap("stage charge lines", err)
		}
		st.full = stmt
	}
	_, err := st.full.ExecContext(ctx, st.args...)
	st.args, st.n = st.args[:0], 0
	return wrap("stage charge lines", err)
}

// flush writes the lines added since the last full batch and closes the prepared statement.
func (st *chargeStage) flush(ctx context.Context) error {
	pool, err := st.pool()
	if err == nil && st.n > 0 {
		_, err = pool.ExecContext(ctx, st.insert(st.n), st.args...)
		err = wrap("stage charge lines", err)
		st.args, st.n = st.args[:0], 0
	}
	if st.full != nil {
		err = errors.Join(err, st.full.Close())
		st.full = nil
	}
	return err
}

func (st *chargeStage) pool() (connPool, error) {
	pool, ok := st.tx.db.Statement.ConnPool.(connPool)
	if !ok {
		return nil, errors.New("store: stage charge lines: the connection offers no prepared statements")
	}
	return pool, nil
}

// insert is the INSERT of n lines, with the database's placeholders.
func (st *chargeStage) insert(n int) string {
	var q strings.Builder
	q.WriteString("INSERT INTO charge_lines (line, billing_profile_id, date, product, publisher_type, eligible, amount) VALUES ")
	for i := range n {
		if i > 0 {
			q.WriteByte(',')
		}
		q.WriteByte('(')
		for j := range 7 {
			if j > 0 {
				q.WriteByte(',')
			}
			if st.tx.dialect == Postgres {
				q.WriteString("$" + strconv.Itoa(7*i+j+1))
			} else {
				q.WriteByte('?')
			}
		}
		q.WriteByte(')')
	}
	return q.String()
}

// sumStaged sums the staged lines per charge total into charge_keys, with what is stored for
// each total. The caller has locked the profiles, so the stored totals cannot move under it.
// Every sum is bounded: a file's lines add up to less than costcsv.FileLimit in absolute value,
// and a stored total is summed through its entries in the order they were written
// (charges_key), each partial sum a total once stated. The stored totals are read in one pass
// over the entries of the file's profiles and days, so a first import of many products costs
// no lookup per product.
func (s *Store) sumStaged(ctx context.Context) error {
	err := s.conn(ctx).Exec(`INSERT INTO charge_keys (billing_profile_id, date, product, publisher_type, eligible,
			total, stored, lines, first_line, last_line)
		SELECT billing_profile_id, date, product, publisher_type, eligible, SUM(amount), 0, COUNT(*), MIN(line), MAX(line)
		FROM charge_lines GROUP BY billing_profile_id, date, product, publisher_type, eligible`).Error
	if err != nil {
		return wrap("sum staged charges", err)
	}
	err = s.conn(ctx).Exec(`UPDATE charge_keys SET stored = c.total
		FROM (SELECT billing_profile_id, date, product, publisher_type, eligible, SUM(amount) AS total FROM charges
			WHERE billing_profile_id IN (SELECT DISTINCT billing_profile_id FROM charge_keys)
			AND date >= (SELECT MIN(date) FROM charge_keys) AND date <= (SELECT MAX(date) FROM charge_keys)
			GROUP BY billing_profile_id, date, product, publisher_type, eligible) AS c
		WHERE c.billing_profile_id = charge_keys.billing_profile_id AND c.date = charge_keys.date
			AND c.product = charge_keys.product AND c.publisher_type = charge_keys.publisher_type
			AND c.eligible = charge_keys.eligible`).Error
	if err != nil {
		return wrap("stored charge totals", err)
	}
	// A source states the whole of a product's day: when it states one eligibility only, the
	// other totals zero. So when the not-covered list (M10) changed between two statements of a
	// day, the second moves the day's charges to their new eligibility instead of counting them
	// twice. Only stored totals of the other eligibility can change.
	err = s.conn(ctx).Exec(`INSERT INTO charge_keys (billing_profile_id, date, product, publisher_type, eligible,
			total, stored, lines, first_line, last_line)
		SELECT c.billing_profile_id, c.date, c.product, c.publisher_type, c.eligible, 0, SUM(c.amount), 0,
			MIN(k.first_line), MIN(k.last_line)
		FROM charges c JOIN charge_keys k ON k.billing_profile_id = c.billing_profile_id AND k.date = c.date
			AND k.product = c.product AND k.publisher_type = c.publisher_type AND k.eligible <> c.eligible
		WHERE NOT EXISTS (SELECT 1 FROM charge_keys o WHERE o.billing_profile_id = c.billing_profile_id
			AND o.date = c.date AND o.product = c.product AND o.publisher_type = c.publisher_type AND o.eligible = c.eligible)
		GROUP BY c.billing_profile_id, c.date, c.product, c.publisher_type, c.eligible`).Error
	return wrap("other eligibility of staged charges", err)
}

// clearStaged empties the working tables; the transaction that filled them is about to commit.
func (s *Store) clearStaged(ctx context.Context) error {
	if err := s.conn(ctx).Exec("DELETE FROM charge_keys").Error; err != nil {
		return wrap("clear charge keys", err)
	}
	return wrap("clear charge lines", s.conn(ctx).Exec("DELETE FROM charge_lines").Error)
}
