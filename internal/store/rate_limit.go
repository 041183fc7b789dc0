package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// takeAPIRequest is the generic cell rate algorithm in one statement, on the database's clock
// (no skew between instances): a request at now is allowed when the token's theoretical
// arrival time tat is at most the burst tolerance ahead of now, and moves tat one emission
// interval on; a refused one leaves tat as it was. Concurrent requests of one token queue on
// its row, so the cluster never lets more through than one instance would. Parameters: token,
// emission interval, tolerance, tolerance, emission interval (microseconds).
const takeAPIRequest = `INSERT INTO api_rate_limits AS r (token_id, tat, seen, allowed)
SELECT ?, clock.us + ?, clock.us, TRUE
FROM (SELECT (EXTRACT(EPOCH FROM statement_timestamp()) * 1000000)::BIGINT AS us) AS clock
ON CONFLICT (token_id) DO UPDATE SET
    allowed = GREATEST(r.tat, EXCLUDED.seen) - EXCLUDED.seen <= ?,
    tat = CASE WHEN GREATEST(r.tat, EXCLUDED.seen) - EXCLUDED.seen <= ?
               THEN GREATEST(r.tat, EXCLUDED.seen) + ? ELSE r.tat END,
    seen = EXCLUDED.seen
RETURNING allowed, tat - seen`

// TakeAPIRequest counts one request of an API token against a limit shared by every instance
// on the database: perMinute requests a minute, in bursts of up to perMinute (the token bucket
// of the in-memory limiter, exactly). When the request is refused it says how long until the
// next one is allowed. It needs PostgreSQL; SQLite serves one process, which limits in memory.
func (s *Store) TakeAPIRequest(ctx context.Context, tokenID int64, perMinute int) (bool, time.Duration, error) {
	if s.dialect != Postgres {
		return false, 0, errors.New("store: the shared API rate limit needs PostgreSQL")
	}
	if perMinute <= 0 {
		return false, 0, fmt.Errorf("store: API rate limit %d: must be positive", perMinute)
	}
	// Rounding the interval up keeps the rate at or below the limit.
	emission := (time.Minute.Microseconds() + int64(perMinute) - 1) / int64(perMinute)
	tolerance := emission * int64(perMinute-1)
	var (
		allowed bool
		ahead   int64
	)
	err := s.conn(ctx).Raw(takeAPIRequest, tokenID, emission, tolerance, tolerance, emission).Row().Scan(&allowed, &ahead)
	if err != nil {
		return false, 0, wrap("take API request", err)
	}
	if allowed {
		return true, 0, nil
	}
	return false, time.Duration(ahead-tolerance) * time.Microsecond, nil
}
