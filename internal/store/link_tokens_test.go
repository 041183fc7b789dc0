package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// wallClock is a settable wall clock; the business clock stays real (tokens follow the wall).
type wallClock struct {
	mu sync.Mutex
	t  time.Time
}

func (w *wallClock) now() time.Time { w.mu.Lock(); defer w.mu.Unlock(); return w.t }
func (w *wallClock) add(d time.Duration) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.t = w.t.Add(d)
}

// TestLinkLifecycle (issue 12): a link is stored hashed, works once, ends the user's sessions,
// is replaced by a resend, stops at revocation and expires after seven days on the wall clock,
// whatever the business clock says.
func TestLinkLifecycle(t *testing.T) {
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) {
		wall := &wallClock{t: time.Date(2026, 12, 5, 6, 0, 0, 0, time.UTC)}
		s := storetest.Open(t, d, clock.Clocks{Business: func() time.Time { return time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC) }, Wall: wall.now})
		ctx := context.Background()
		sd := seed(t, s)
		u := sd.reader

		first, tok, err := s.IssueLink(ctx, sd.owner, u, store.Invitation)
		if err != nil {
			t.Fatal(err)
		}
		if len(first) < 40 || tok.TokenHash != store.HashToken(first) || !tok.ExpiresAt.Equal(wall.now().Add(7*24*time.Hour)) {
			t.Errorf("secret %q, token %+v", first, tok)
		}
		second, _, err := s.IssueLink(ctx, sd.owner, u, store.Invitation) // resend
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.LinkUser(ctx, first); !errors.Is(err, store.ErrLinkInvalid) {
			t.Errorf("the replaced link: %v", err)
		}
		pending, err := s.PendingInvitations(ctx, []int64{u.ID, sd.owner.ID})
		if err != nil || len(pending) != 1 || pending[u.ID].TokenHash != store.HashToken(second) {
			t.Errorf("pending %+v %v", pending, err)
		}

		// Expiry on the wall clock: valid one second before seven days, not at seven days.
		wall.add(7*24*time.Hour - time.Second)
		if _, got, err := s.LinkUser(ctx, second); err != nil || got.ID != u.ID {
			t.Fatalf("before expiry: %+v %v", got, err)
		}
		wall.add(time.Second)
		if _, err := s.UseLink(ctx, second, "new-hash"); !errors.Is(err, store.ErrLinkInvalid) {
			t.Errorf("expired link used: %v", err)
		}

		third, _, err := s.IssueLink(ctx, sd.owner, u, store.Invitation)
		if err != nil {
			t.Fatal(err)
		}
		reset, _, err := s.IssueLink(ctx, u, u, store.Reset) // a reset pending at once
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.UseLink(ctx, third, "new-hash")
		if err != nil || got.ID != u.ID {
			t.Fatalf("use: %+v %v", got, err)
		}
		after, _ := s.UserByID(ctx, u.ID)
		if after.PasswordHash != "new-hash" || after.SessionEpoch != u.SessionEpoch+1 {
			t.Errorf("after use: hash %q epoch %d, want the new hash and sessions ended", after.PasswordHash, after.SessionEpoch)
		}
		if _, err := s.UseLink(ctx, third, "again"); !errors.Is(err, store.ErrLinkInvalid) {
			t.Errorf("second use: %v", err)
		}
		if _, _, err := s.LinkUser(ctx, reset); !errors.Is(err, store.ErrLinkInvalid) {
			t.Errorf("the pending reset after the invitation was used: %v", err)
		}
		if p, _ := s.PendingInvitations(ctx, []int64{u.ID}); len(p) != 0 {
			t.Errorf("pending after use: %+v", p)
		}

		fourth, _, err := s.IssueLink(ctx, sd.owner, sd.outsider, store.Invitation)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeInvitation(ctx, sd.owner, sd.outsider); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.LinkUser(ctx, fourth); !errors.Is(err, store.ErrLinkInvalid) {
			t.Errorf("revoked link: %v", err)
		}
		if err := s.RevokeInvitation(ctx, sd.owner, sd.outsider); !errors.Is(err, fault.ErrNotFound) {
			t.Errorf("revoking none: %v", err)
		}
	})
}

// TestLinkUsedOnce: of many simultaneous uses of one link exactly one succeeds.
func TestLinkUsedOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		sd := seed(t, s)
		secret, _, err := s.IssueLink(ctx, sd.reader, sd.reader, store.Reset)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		var mu sync.Mutex
		wins := 0
		for range 4 {
			wg.Go(func() {
				if _, err := s.UseLink(ctx, secret, "h"); err == nil {
					mu.Lock()
					wins++
					mu.Unlock()
				} else if !errors.Is(err, store.ErrLinkInvalid) {
					t.Errorf("use: %v", err)
				}
			})
		}
		wg.Wait()
		if wins != 1 {
			t.Errorf("%d uses succeeded, want 1", wins)
		}
	})
}

// TestLinkRequestsCounted: Forgot password requests count per email and per client address
// within a window, and old ones are dropped.
func TestLinkRequestsCounted(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		now := time.Now()
		for _, r := range []struct{ email, addr string }{{"A@x.example", "1.1.1.1"}, {"a@x.example", "2.2.2.2"}, {"b@x.example", "1.1.1.1"}} {
			if err := s.RecordLinkRequest(ctx, r.email, r.addr, now.Add(-time.Hour)); err != nil {
				t.Fatal(err)
			}
		}
		e, a, err := s.LinkRequests(ctx, "a@x.example", "1.1.1.1", now.Add(-time.Minute))
		if err != nil || e != 2 || a != 2 {
			t.Errorf("by email %d by address %d, %v; want 2 and 2", e, a, err)
		}
		if e, a, _ := s.LinkRequests(ctx, "a@x.example", "1.1.1.1", now.Add(time.Minute)); e != 0 || a != 0 {
			t.Errorf("after the window %d %d", e, a)
		}
	})
}
