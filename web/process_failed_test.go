package web_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestCreditsPageNamesAProfileTheRunSkips (issue 8, item 6): when the processing run cannot
// process a profile, its credits page says so to its owners and contributors (not to a reader,
// who cannot act on it), the other profiles' pages say nothing, and the notice goes once a run
// processes the profile.
func TestCreditsPageNamesAProfileTheRunSkips(t *testing.T) {
	t.Parallel()
	url := storetest.URL(t, store.SQLite)
	h := newHarnessAt(t, url, store.Pool{}, "../internal/scenario/testdata/three_profiles.json", false)
	h.process(t, time.Date(2026, 5, 10, 9, 0, 0, 0, time.UTC))
	// From now on the database refuses to store the profile's processed ledger: the next run
	// cannot process it, while its pages still read.
	storetest.Exec(t, url, `CREATE TRIGGER broken_profile BEFORE UPDATE ON billing_profiles WHEN OLD.name = 'BBBB-2222-BBB-222'
		BEGIN SELECT RAISE(ABORT, 'this profile is broken'); END`)
	h.clock.T = time.Date(2026, 6, 10, 9, 0, 0, 0, time.UTC)
	var failures *store.ProcessFailures
	if _, err := h.store.ProcessAll(context.Background(), ledger.DateOf(h.clock.T)); !errors.As(err, &failures) {
		t.Fatalf("processing: %v, want the broken profile skipped", err)
	}
	broken := accountPath + "/profiles/BBBB-2222-BBB-222/credits"
	fine := accountPath + "/profiles/AAAA-1111-AAA-111/credits"
	notice := `[data-testid="process-failed"]`
	for _, tt := range []struct {
		user string
		want int
	}{{"ana@northwind.example", 1}, {"carlos@northwind.example", 1}, {"maya@northwind.example", 0}} {
		c := h.signedIn(t, tt.user)
		resp, body := c.get(broken)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: credits page of the skipped profile: status %d", tt.user, resp.StatusCode)
		}
		d := doc(t, body)
		if got := d.Find(notice).Length(); got != tt.want {
			t.Errorf("%s: %d notices on the skipped profile, want %d", tt.user, got, tt.want)
		}
		if tt.want == 1 && !strings.Contains(d.Find(notice).Text(), "The processing run of Jun 10, 2026 could not process this billing profile") {
			t.Errorf("%s: notice %q does not name the run", tt.user, d.Find(notice).Text())
		}
		if _, body := c.get(fine); doc(t, body).Find(notice).Length() != 0 {
			t.Errorf("%s: a processed profile shows the notice", tt.user)
		}
	}
	storetest.Exec(t, url, "DROP TRIGGER broken_profile")
	h.process(t, h.clock.T)
	c := h.signedIn(t, "ana@northwind.example")
	if _, body := c.get(broken); doc(t, body).Find(notice).Length() != 0 {
		t.Error("the notice stays after a run processed the profile")
	}
}
