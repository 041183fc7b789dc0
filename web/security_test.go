package web_test

import (
	"maps"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/store"
)

// TestPostWithoutCSRFTokenIsRefused: every state-changing request needs the token; a signed-in
// user's form post without it changes nothing.
func TestPostWithoutCSRFTokenIsRefused(t *testing.T) {
	t.Parallel()
	_, c := rolesAs(t, "account.owner@northwind.example")
	form := url.Values{"email": {"outsider@elsewhere.example"}, "role": {"reader"}}
	for _, tt := range []struct{ name, token string }{{"missing", ""}, {"wrong", "not-the-token"}} {
		f := maps.Clone(form)
		if tt.token != "" {
			f.Set("_csrf", tt.token)
		}
		resp, _ := c.do("POST", accountPath+"/access", f, nil)
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s token: status %d, want 403", tt.name, resp.StatusCode)
		}
	}
	_, body := c.get(accountPath + "/access")
	if strings.Contains(body, "outsider@elsewhere.example") {
		t.Error("a post without a valid CSRF token granted a role")
	}
	if resp, _ := c.do("POST", "/signin", url.Values{"email": {"x@example.com"}, "password": {"y"}}, nil); resp.StatusCode != http.StatusForbidden {
		t.Errorf("sign-in without a token: status %d, want 403", resp.StatusCode)
	}
}

// TestSessionCookieAttributes: HttpOnly and SameSite always, Secure under TLS, and a new session
// on every sign-in (no fixation).
func TestSessionCookieAttributes(t *testing.T) {
	t.Parallel()
	for _, tls := range []bool{false, true} {
		h := newHarness(t, store.SQLite, "testdata/roles.json", tls)
		c := h.client(t)
		resp, _ := c.post("/signin", url.Values{"email": {"account.reader@northwind.example"}, "password": {testPassword}})
		var session *http.Cookie
		for _, ck := range resp.Cookies() {
			if ck.Name == "creditdesk_session" {
				session = ck
			}
		}
		if session == nil {
			t.Fatalf("tls=%v: no session cookie set at sign-in", tls)
		}
		if !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Secure != tls {
			t.Errorf("tls=%v: session cookie HttpOnly=%v SameSite=%v Secure=%v", tls, session.HttpOnly, session.SameSite, session.Secure)
		}
		if strings.Contains(session.Value, "reader") {
			t.Error("the session cookie contains the user's email")
		}
	}
}

// TestSecurityHeaders: a CSP without inline script that forbids framing, and no sniffing.
func TestSecurityHeaders(t *testing.T) {
	t.Parallel()
	h := rolesHarness(t)
	resp, _ := h.client(t).get("/signin")
	csp := resp.Header.Get("Content-Security-Policy")
	for _, want := range []string{"script-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP allows inline code: %q", csp)
	}
	if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Error("X-Content-Type-Options is not nosniff")
	}
}

// TestSignInLimitsFailures: after five failures for one account within 15 minutes even the right
// password is refused with 429, until the window has passed.
func TestSignInLimitsFailures(t *testing.T) {
	t.Parallel()
	h := rolesHarness(t)
	c := h.client(t)
	email := "account.reader@northwind.example"
	for i := 0; i < 5; i++ {
		resp, body := c.post("/signin", url.Values{"email": {email}, "password": {"wrong password!"}})
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "not correct") {
			t.Fatalf("failure %d: status %d", i+1, resp.StatusCode)
		}
	}
	resp, body := c.post("/signin", url.Values{"email": {email}, "password": {testPassword}})
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Too many failed sign-ins") {
		t.Errorf("sixth attempt: status %d, want 429", resp.StatusCode)
	}
	h.wall.T = h.wall.T.Add(16 * time.Minute)
	if resp, _ := c.post("/signin", url.Values{"email": {email}, "password": {testPassword}}); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("after the window: status %d, want 303", resp.StatusCode)
	}
}

// TestUnknownEmailAndWrongPasswordLookTheSame: the answer does not tell whether an account exists.
func TestUnknownEmailAndWrongPasswordLookTheSame(t *testing.T) {
	t.Parallel()
	h := rolesHarness(t)
	c := h.client(t)
	r1, b1 := c.post("/signin", url.Values{"email": {"nobody@northwind.example"}, "password": {"wrong password!"}})
	r2, b2 := c.post("/signin", url.Values{"email": {"account.reader@northwind.example"}, "password": {"wrong password!"}})
	if r1.StatusCode != r2.StatusCode || strings.Count(b1, "not correct") != strings.Count(b2, "not correct") {
		t.Errorf("unknown email %d vs wrong password %d", r1.StatusCode, r2.StatusCode)
	}
}

// TestSignInRedirectStaysOnSite: ?next= never sends a user to another host.
func TestSignInRedirectStaysOnSite(t *testing.T) {
	t.Parallel()
	h := rolesHarness(t)
	for next, want := range map[string]string{"/scopes": "/scopes", "//evil.example/": "/", "https://evil.example": "/", "/\\evil.example": "/",
		"/\t/evil.example": "/"} {
		c := h.client(t)
		resp, _ := c.post("/signin?next="+url.QueryEscape(next), url.Values{"email": {"account.reader@northwind.example"}, "password": {testPassword}})
		if got := resp.Header.Get("Location"); got != want {
			t.Errorf("next=%q: redirected to %q, want %q", next, got, want)
		}
	}
}

// TestSignOutEndsTheSessionOnTheServer: a copy of the session cookie taken before sign-out no
// longer signs anyone in.
func TestSignOutEndsTheSessionOnTheServer(t *testing.T) {
	t.Parallel()
	h, c := rolesAs(t, "account.reader@northwind.example")
	u, _ := url.Parse(h.server.URL)
	stolen := c.http.Jar.Cookies(u)
	if resp, _ := c.post("/signout", nil); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign out: status %d", resp.StatusCode)
	}
	replay := h.client(t)
	replay.http.Jar.SetCookies(u, stolen)
	if resp, _ := replay.get("/scopes"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/signin?next=%2Fscopes" {
		t.Errorf("the pre-sign-out cookie still works: status %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	c.signIn("account.reader@northwind.example")
	if resp, _ := c.get("/scopes"); resp.StatusCode != http.StatusOK {
		t.Errorf("signing in again: status %d", resp.StatusCode)
	}
}
