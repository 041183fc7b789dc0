package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/azsync"
)

// engineeringPath ends the ARM paths of the source's Engineering profile.
const engineeringPath = "/billingProfiles/" + profileName + "/providers/Microsoft.Consumption"

// TestAzureSyncRetries: Azure's 429 and 5xx answers are retried with back-off, after the
// Retry-After Azure asks for; a source that keeps throttling is a failed sync in plain words,
// and the next sync succeeds (issue 13). On both databases.
func TestAzureSyncRetries(t *testing.T) {
	eachAzureEnv(t, func(t *testing.T, e *azureEnv) {
		e.connect(t)
		throttled, failed := 0, 0
		e.faults.set(func(r *http.Request) *http.Response {
			switch {
			case strings.HasSuffix(r.URL.Path, engineeringPath+"/credits/balanceSummary") && throttled == 0:
				throttled++
				return armAnswer(http.StatusTooManyRequests, "TooManyRequests", http.Header{"Retry-After": {"1"}})
			case strings.HasSuffix(r.URL.Path, engineeringPath+"/lots") && failed == 0:
				failed++
				return armAnswer(http.StatusServiceUnavailable, "ServiceUnavailable", nil)
			}
			return nil
		})
		e.sync(t)
		hits := e.faults.hitsOf(engineeringPath + "/credits/balanceSummary")
		if len(hits) != 2 || hits[1].Sub(hits[0]) < time.Second {
			t.Errorf("balance summary asked %d times, %v apart; want twice, at least the 1 s of Retry-After apart", len(hits), gaps(hits))
		}
		lotsAsked := len(e.faults.hitsOf(engineeringPath + "/lots"))
		e.sameAsSource(t, "after retries")
		e.faults.set(nil)
		e.sync(t)
		if pages := len(e.faults.hitsOf(engineeringPath + "/lots")); lotsAsked != pages+1 {
			t.Errorf("lots asked %d times with a 503 on the way, want its %d pages and one retry", lotsAsked, pages)
		}

		e.faults.set(func(r *http.Request) *http.Response {
			if strings.HasSuffix(r.URL.Path, "/credits/balanceSummary") {
				return armAnswer(http.StatusTooManyRequests, "TooManyRequests", http.Header{"Retry-After": {"0"}})
			}
			return nil
		})
		res, err := e.syncer.SyncAccount(t.Context(), e.account)
		if err != nil || res.Err == nil || res.Err.Problem != azsync.ProblemThrottled {
			t.Fatalf("a source that keeps throttling: %+v, %v", res.Err, err)
		}
		if n := len(e.faults.hitsOf(engineeringPath + "/credits/balanceSummary")); n != 4 {
			t.Errorf("asked %d times, want 1 + 3 retries", n)
		}
		c := e.local.signedIn(t, localReader)
		if got := c.page(localPath+"/azure", http.StatusOK).Find(`[data-testid="sync-problem"]`).Text(); !strings.Contains(got, "limiting requests") {
			t.Errorf("the page says %q", got)
		}
		e.faults.set(nil)
		e.sync(t)
		if got := c.page(localPath+"/azure", http.StatusOK).Find(`[data-testid="sync-problem"]`).Length(); got != 0 {
			t.Error("the problem stays after a successful sync")
		}
	})
}

// TestAzureSyncForbidden: a source that answers 403 AuthorizationFailed (the app registration
// holds no role there) is said in plain words on the connection page; the owner's Sync now
// shows it, a reader sees it without the owner's controls (issue 13). On both databases.
func TestAzureSyncForbidden(t *testing.T) {
	eachAzureEnv(t, func(t *testing.T, e *azureEnv) {
		e.connect(t)
		e.entra.token.Store(outsiderToken) // signs in, but holds no role on the source's account
		owner := e.local.signedIn(t, localOwner)
		resp, body := owner.post(localPath+"/azure/sync", url.Values{})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("Sync now: %d\n%.300s", resp.StatusCode, body)
		}
		const words = "The app registration has no Billing reader role on this account"
		page := owner.page(localPath+"/azure", http.StatusOK)
		if got := page.Find(`[data-testid="flash"]`).Text(); !strings.Contains(got, words) {
			t.Errorf("flash after Sync now: %q", got)
		}
		if got := page.Find(`[data-testid="sync-problem"]`).Text(); !strings.Contains(got, words) {
			t.Errorf("status: %q", got)
		}
		if got := page.Find(`[data-testid="sync-detail"]`).Text(); got != "HTTP 403 AuthorizationFailed" {
			t.Errorf("detail: %q", got)
		}
		if page.Find(`[data-testid="last-success"]`).Text() != "Never" || page.Find(`[data-testid="last-attempt"] time`).Length() != 1 {
			t.Error("the page does not show a failed attempt and no success")
		}
		reader := e.local.signedIn(t, localReader)
		rp := reader.page(localPath+"/azure", http.StatusOK)
		if got := rp.Find(`[data-testid="sync-problem"]`).Text(); !strings.Contains(got, words) {
			t.Errorf("the reader sees %q", got)
		}
		if rp.Find(`[data-testid="sync-now"]`).Length()+rp.Find(`[data-testid="azure-form"]`).Length()+rp.Find(`[data-testid="disconnect"]`).Length() != 0 {
			t.Error("a reader gets the owner's controls")
		}
		if resp, _ := reader.post(localPath+"/azure/sync", url.Values{}); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a reader's Sync now: %d, want 403", resp.StatusCode)
		}
	})
}

// gaps lists the time between successive instants.
func gaps(ts []time.Time) []time.Duration {
	var out []time.Duration
	for i := 1; i < len(ts); i++ {
		out = append(out, ts[i].Sub(ts[i-1]))
	}
	return out
}

// localPath is the portal path of the synced billing account.
const localPath = "/accounts/" + localAccount
