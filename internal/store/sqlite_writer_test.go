package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestQueuedWritersLeaveReadersTheirConnections (issue 10): on SQLite one transaction writes at
// a time. While one is long (an import), more writers than the pool has connections queue
// behind it; they must not hold the pool's connections while they wait, or every page would
// wait with them. A read answers at once; each writer then commits in its turn.
func TestQueuedWritersLeaveReadersTheirConnections(t *testing.T) {
	t.Parallel()
	s := storetest.Open(t, store.SQLite, clock.Real())
	ctx := context.Background()
	d := seed(t, s)
	writers := 2 * store.DefaultPool(store.SQLite).MaxOpen
	holding, release := make(chan struct{}), make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		err := s.Tx(ctx, func(tx *store.Store) error {
			if err := tx.SetDigest(ctx, d.owner.ID, true); err != nil {
				return err
			}
			close(holding)
			<-release
			return nil
		})
		if err != nil {
			t.Errorf("the long write: %v", err)
		}
	})
	<-holding
	errs := make(chan error, writers)
	for range writers {
		wg.Go(func() {
			errs <- s.Tx(ctx, func(tx *store.Store) error { return tx.SetDigest(ctx, d.reader.ID, true) })
		})
	}
	time.Sleep(200 * time.Millisecond) // the writers queue
	rctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	start := time.Now()
	if _, err := s.UserByID(rctx, d.outsider.ID); err != nil {
		t.Errorf("a read behind %d queued writers: %v", writers, err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("a read behind %d queued writers took %v, want no wait", writers, took)
	}
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("a queued writer: %v", err)
		}
	}
}
