package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestTwoClocks (X3): the business day, fixed as -now fixes it, never holds back security. On
// the wall clock alone a session ends after its lifetime and a sign-in lockout lifts after its
// window; moving the business day by a year ends no session and lifts no lockout.
func TestTwoClocks(t *testing.T) {
	t.Parallel()
	h := rolesHarness(t)
	day := h.clock.T
	const reader = "account.reader@northwind.example"
	signedIn := func(c *client) bool {
		t.Helper()
		resp, _ := c.get("/scopes")
		return resp.StatusCode == http.StatusOK
	}

	c := h.signedIn(t, reader)
	h.clock.T = day.AddDate(1, 0, 0)
	if !signedIn(c) {
		t.Error("a business day a year later ended the session: sessions age on the wall clock")
	}
	h.clock.T = day
	h.wall.T = h.wall.T.Add(11*time.Hour + 59*time.Minute)
	if !signedIn(c) {
		t.Fatal("the session ended before its 12 hours")
	}
	h.wall.T = h.wall.T.Add(2 * time.Minute)
	if signedIn(c) {
		t.Error("the session outlived its 12 hours of wall time while the business day stood still")
	}

	locked := h.client(t)
	for i := 0; i < 5; i++ {
		locked.post("/signin", url.Values{"email": {reader}, "password": {"wrong password!"}})
	}
	tryRight := func() int {
		t.Helper()
		resp, body := locked.post("/signin", url.Values{"email": {reader}, "password": {testPassword}})
		if resp.StatusCode == http.StatusTooManyRequests && !strings.Contains(body, "Too many failed sign-ins") {
			t.Errorf("429 without its explanation:\n%.400s", body)
		}
		return resp.StatusCode
	}
	if got := tryRight(); got != http.StatusTooManyRequests {
		t.Fatalf("after five failures: status %d, want 429", got)
	}
	h.clock.T = day.AddDate(1, 0, 0)
	if got := tryRight(); got != http.StatusTooManyRequests {
		t.Errorf("a business day a year later lifted the lockout: status %d, want 429", got)
	}
	h.clock.T = day
	h.wall.T = h.wall.T.Add(16 * time.Minute)
	if got := tryRight(); got != http.StatusSeeOther {
		t.Errorf("16 minutes of wall time later, the business day unchanged: status %d, want 303 (lockout lifted)", got)
	}
	if !h.clock.T.Equal(day) {
		t.Fatalf("the business clock moved to %v", h.clock.T)
	}
}
