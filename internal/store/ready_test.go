package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestReadyNeedsTheBinarysSchema: a database without this binary's migrations is not ready;
// once migrated it is.
func TestReadyNeedsTheBinarysSchema(t *testing.T) {
	storetest.EachEmpty(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if err := s.Ready(ctx); !errors.Is(err, store.ErrSchemaBehind) {
			t.Errorf("empty database: Ready = %v, want ErrSchemaBehind", err)
		}
		if _, err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if err := s.Ready(ctx); err != nil {
			t.Errorf("migrated: %v", err)
		}
	})
}

// TestInstancesMigrateAtOnce: two instances starting together on an empty PostgreSQL database
// apply each migration once between them (goose's session lock serialises them).
func TestInstancesMigrateAtOnce(t *testing.T) {
	t.Parallel()
	storetest.RequirePostgres(t, "SQLite serves one process")
	ctx := context.Background()
	url := storetest.URL(t, store.Postgres)
	var (
		wg      sync.WaitGroup
		applied [2][]int64
		errs    [2]error
		start   = make(chan struct{})
	)
	for i := range 2 {
		s, err := store.Open(ctx, url, clock.Real())
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		wg.Go(func() {
			<-start
			applied[i], errs[i] = s.Migrate(ctx)
		})
	}
	close(start)
	wg.Wait()
	if err := errors.Join(errs[:]...); err != nil {
		t.Fatal(err)
	}
	all := slices.Concat(applied[0], applied[1])
	slices.Sort(all)
	if len(all) == 0 || len(slices.Compact(slices.Clone(all))) != len(all) {
		t.Errorf("applied by the two instances: %v and %v", applied[0], applied[1])
	}
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, "SELECT version_id FROM goose_db_version WHERE version_id > 0 ORDER BY version_id")
	if err != nil {
		t.Fatal(err)
	}
	recorded, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(recorded) != fmt.Sprint(all) {
		t.Errorf("recorded versions %v, applied %v", recorded, all)
	}
}
