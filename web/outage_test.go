package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// outage is a harness whose database can be taken away and given back.
type outage struct {
	h          *harness
	begin, end func()
	terminate  func() // PostgreSQL only: end the database's sessions, without refusing new ones
}

// newOutage serves testdata/arm.json, processed, on a database the test can make unavailable:
// on PostgreSQL by refusing new connections to the test database and terminating its backends
// from an administrator's connection; on SQLite by moving the folder of the database file away,
// so that the process cannot open it (each request opens a connection of its own: a connection
// lifetime of 1 ns).
func newOutage(t *testing.T, d store.Dialect) outage {
	t.Helper()
	dbURL, pool := storetest.URL(t, d), store.Pool{}
	if d == store.SQLite {
		dbURL = filepath.Join(filepath.Dir(dbURL), "data", "test.db")
		pool.MaxLifetime = time.Nanosecond
	}
	h := newHarnessAt(t, dbURL, pool, "testdata/arm.json", false)
	h.process(t, h.clock.T)
	if d == store.SQLite {
		dir := filepath.Dir(dbURL)
		move := func(from, to string) func() {
			return func() {
				if err := os.Rename(from, to); err != nil {
					t.Fatal(err)
				}
			}
		}
		return outage{h: h, begin: move(dir, dir+"-away"), end: move(dir+"-away", dir)}
	}
	u, err := url.Parse(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	name, server := strings.TrimPrefix(u.Path, "/"), os.Getenv("CREDITDESK_TEST_POSTGRES")
	allow := func(on bool) string {
		return "ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + map[bool]string{true: "true", false: "false"}[on]
	}
	terminate := "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'"
	t.Cleanup(func() { storetest.Exec(t, server, allow(true)) }) // the database is dropped at cleanup
	return outage{h: h,
		begin:     func() { storetest.Exec(t, server, allow(false)); storetest.Exec(t, server, terminate) },
		end:       func() { storetest.Exec(t, server, allow(true)) },
		terminate: func() { storetest.Exec(t, server, terminate) }}
}

// TestDatabaseOutage (issue 8, item 9): while the database does not answer, a signed-in page, an
// htmx fragment and a form POST answer 503 with the error page and keep the session (no
// redirect to sign in, no cookie cleared), sign-in answers 503, the API answers 503
// ServiceUnavailable with Retry-After, and the pool tries to reconnect with back-off rather than
// once per request. Once the database is back, the same session goes on, and the POST made during
// the outage had written nothing.
func TestDatabaseOutage(t *testing.T) {
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) {
		o := newOutage(t, d)
		h := o.h
		owner := h.signedIn(t, "owner@northwind.example")
		cancel := profilePath + "/credits/lots/c81e5b07-2d94-4a6f-b3e8-6f0a9d7c5e12/cancel"
		if resp, _ := owner.get(creditsPath); resp.StatusCode != http.StatusOK {
			t.Fatalf("before the outage: status %d", resp.StatusCode)
		}
		if o.terminate != nil {
			o.terminate()
			wantReconnect(t, owner)
		}
		anonymous := h.client(t)
		anonymous.csrf()

		o.begin()
		before := h.store.PoolStats().Attempts
		const pages = 20
		for range pages {
			resp, body := owner.get(creditsPath)
			wantUnavailable(t, "GET credits", resp, body)
		}
		if !strings.Contains(mustGet(t, owner, creditsPath), "cannot reach its database") {
			t.Error("the error page does not say what happened")
		}
		resp, body := owner.do("GET", creditsPath+"?lots=2", nil, map[string]string{"HX-Request": "true", "HX-Target": "lots-table"})
		wantUnavailable(t, "htmx fragment", resp, body)
		resp, body = owner.post(cancel, url.Values{})
		wantUnavailable(t, "POST cancel", resp, body)
		resp, body = anonymous.post("/signin", url.Values{"email": {"reader@northwind.example"}, "password": {testPassword}})
		wantUnavailable(t, "POST /signin", resp, body)
		apiResp, apiBody := apiGet(t, h, ownerToken, "/providers/Microsoft.Billing/billingAccounts/"+accountName+
			"/billingProfiles/"+profileName+"/providers/Microsoft.Consumption/credits/balanceSummary?api-version=2021-10-01")
		var e armErr
		if apiResp.StatusCode != http.StatusServiceUnavailable || json.Unmarshal(apiBody, &e) != nil || e.Error.Code != "ServiceUnavailable" ||
			apiResp.Header.Get("x-ms-error-code") != "ServiceUnavailable" || apiResp.Header.Get("Retry-After") == "" {
			t.Errorf("API: status %d, Retry-After %q, body %s; want 503 ServiceUnavailable with Retry-After",
				apiResp.StatusCode, apiResp.Header.Get("Retry-After"), apiBody)
		}
		if resp, _ := owner.get("/readyz"); resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("/readyz during the outage: %d", resp.StatusCode)
		}
		if attempts := h.store.PoolStats().Attempts - before; attempts > pages/2 {
			t.Errorf("%d connection attempts for %d pages and 5 other requests: want back-off, not one per request", attempts, pages)
		}

		o.end()
		waitReady(t, owner)
		resp, body = owner.get(creditsPath)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Ana Owner") {
			t.Fatalf("after the outage: status %d, want the same session's page", resp.StatusCode)
		}
		if resp, _ := owner.post(cancel, url.Values{}); resp.StatusCode != http.StatusSeeOther {
			t.Errorf("cancel after the outage: status %d, want 303: the POST during the outage must have written nothing", resp.StatusCode)
		}
	})
}

// wantUnavailable checks a 503 that keeps the session: no redirect, no cookie cleared, a
// Retry-After.
func wantUnavailable(t *testing.T, what string, resp *http.Response, body string) {
	t.Helper()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("%s: status %d (Location %q), want 503\n%.300s", what, resp.StatusCode, resp.Header.Get("Location"), body)
	}
	if resp.Header.Get("Retry-After") == "" || resp.Header.Get("HX-Redirect") != "" {
		t.Errorf("%s: Retry-After %q, HX-Redirect %q", what, resp.Header.Get("Retry-After"), resp.Header.Get("HX-Redirect"))
	}
	for _, c := range resp.Cookies() {
		if c.Name == "creditdesk_session" {
			t.Errorf("%s: the session cookie was touched: %v", what, c)
		}
	}
	if strings.Contains(body, "goroutine ") || strings.Contains(body, ".go:") {
		t.Errorf("%s: the answer shows server internals:\n%s", what, body)
	}
}

// wantReconnect checks that the pool replaces connections the server ended: within three
// requests the page answers 200, and never anything but 200 or 503.
func wantReconnect(t *testing.T, c *client) {
	t.Helper()
	for i := range 3 {
		resp, _ := c.get(creditsPath)
		switch resp.StatusCode {
		case http.StatusOK:
			return
		case http.StatusServiceUnavailable:
		default:
			t.Fatalf("request %d after the backends were terminated: status %d", i+1, resp.StatusCode)
		}
	}
	t.Error("the pool did not reconnect after its backends were terminated")
}

// waitReady waits until /readyz answers 200: the pool's next attempt after the back-off.
func waitReady(t *testing.T, c *client) {
	t.Helper()
	for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		if resp, _ := c.get("/readyz"); resp.StatusCode == http.StatusOK {
			return
		}
		if time.Now().After(deadline) {
			t.Fatal("the database did not come back within 20 s")
		}
	}
}

// mustGet returns the body of a GET.
func mustGet(t *testing.T, c *client, path string) string {
	t.Helper()
	_, body := c.get(path)
	return body
}
