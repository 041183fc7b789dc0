package store

import "context"

// loadLockKey names the PostgreSQL advisory lock of loads ("CrDkLoad"), apart from the runner's
// and goose's.
const loadLockKey int64 = 0x4372446b4c6f6164

// AwaitOtherLoads makes the transaction the store is in wait until no other load holds the load
// lock, and then hold it until the transaction ends. Loads are the two writers that lock several
// billing profiles in one transaction: a scenario load, in the order of its file, and a cost
// import, in id order. Two of them at once that share rows would otherwise meet them in
// different orders and deadlock. A scenario load takes the lock first of all, so it also finds
// the rows a load before it inserted rather than failing on them; a cost import reads its
// profiles first and takes the lock before it locks them. SQLite needs none: its transactions
// take its one write lock when they begin.
func (s *Store) AwaitOtherLoads(ctx context.Context) error {
	if s.dialect != Postgres {
		return nil
	}
	return wrap("wait for other loads", s.conn(ctx).Exec("SELECT pg_advisory_xact_lock(?)", loadLockKey).Error)
}
