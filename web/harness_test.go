package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/config"
	"github.com/creditdesk/creditdesk/internal/mail"
	"github.com/creditdesk/creditdesk/internal/mail/mailtest"
	"github.com/creditdesk/creditdesk/internal/password/passwordtest"
	"github.com/creditdesk/creditdesk/internal/scenario"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
	"github.com/creditdesk/creditdesk/web"
)

// tester is the author of the audit entries the tests make.
var tester = store.User{Email: "tester@creditdesk.example"}

// harness is the real router over a fresh database loaded with a scenario file.
type harness struct {
	store  *store.Store
	server *httptest.Server
	clock  *storetest.Clock // the business clock: the ledger's and the benefits' day (-now)
	wall   *storetest.Clock // the wall clock: sessions, sign-in lockouts, API tokens
	mail   *mailtest.Server // the SMTP server the portal sends to; nil: no mail configured
	web    *web.Server
}

// newClocks starts a harness's business and wall clocks at 2026-06-15 10:00 UTC.
func newClocks() *harness {
	start := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	return &harness{clock: &storetest.Clock{T: start}, wall: &storetest.Clock{T: start}}
}

// clocks are the harness's clocks as the store and the server read them.
func (h *harness) clocks() clock.Clocks { return clock.Clocks{Business: h.clock.Now, Wall: h.wall.Now} }

// user returns the stored user with the email, failing the test when there is none.
func (h *harness) user(t testing.TB, email string) store.User {
	t.Helper()
	u, err := h.store.UserByEmail(context.Background(), email)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// newHarness serves the portal over plain HTTP (tls false) or HTTPS on the dialect's database,
// loaded with the scenario file.
func newHarness(t testing.TB, d store.Dialect, scenarioFile string, tls bool) *harness {
	t.Helper()
	return newHarnessAt(t, storetest.MigratedURL(t, d), store.Pool{}, scenarioFile, tls)
}

// newHarnessAt is newHarness on the database at url (from storetest.URL or MigratedURL) with
// the pool p.
func newHarnessAt(t testing.TB, url string, p store.Pool, scenarioFile string, tls bool) *harness {
	t.Helper()
	return newHarnessWith(t, url, p, scenarioFile, tls, false)
}

// newMailHarness is newHarness over plain HTTP on SQLite with an SMTP server (mailtest) that
// the portal sends its emails to, and -public-url set to the test server's URL.
func newMailHarness(t testing.TB, d store.Dialect, scenarioFile string) *harness {
	t.Helper()
	return newHarnessWith(t, storetest.MigratedURL(t, d), store.Pool{}, scenarioFile, false, true)
}

// newHarnessWith is newHarnessAt, with a mail server when withMail.
func newHarnessWith(t testing.TB, dbURL string, p store.Pool, scenarioFile string, tls, withMail bool) *harness {
	t.Helper()
	h := newClocks()
	h.store = storetest.OpenAt(t, dbURL, h.clocks(), p)
	loadScenario(t, h.store, scenarioFile)
	deps := testDeps(h.store, h.clocks())
	cfg := deps.Config
	cfg.SecureCookie = tls
	// The server's address is known before it runs, so that -public-url can name it.
	h.server = httptest.NewUnstartedServer(nil)
	if withMail {
		h.mail = mailtest.Start(t)
		sender, err := mail.NewSMTP(mail.Settings{Host: h.mail.Host, Port: h.mail.Port, TLS: mail.NoTLS, From: "creditdesk@northwind.example"})
		if err != nil {
			t.Fatal(err)
		}
		deps.Mail = sender
		cfg.PublicURL = &url.URL{Scheme: map[bool]string{true: "https", false: "http"}[tls], Host: h.server.Listener.Addr().String()}
	}
	srv := newServer(t, deps)
	h.web = srv
	h.server.Config.Handler = srv
	if tls {
		h.server.StartTLS()
	} else {
		h.server.Start()
	}
	t.Cleanup(h.server.Close)
	t.Cleanup(srv.WaitBackground) // after the server closed: the emails its requests started
	return h
}

// testDeps are the dependencies of a test portal over s on the clocks: a configuration with any
// free port, a fixed session key and a 30-day expiry window, a discarded log, and the cheap
// password costs of the test users. Callers change what their test needs.
func testDeps(s *store.Store, clocks clock.Clocks) web.Deps {
	cfg := &config.Config{Addr: "127.0.0.1:0", SessionKey: []byte("0123456789abcdef0123456789abcdef"), ExpiryWindow: 30}
	return web.Deps{Store: s, Config: cfg, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Clocks: clocks,
		Passwords: passwordtest.Params()}
}

// newServer is web.New(deps), failing the test when the portal cannot be made.
func newServer(t testing.TB, deps web.Deps) *web.Server {
	t.Helper()
	srv, err := web.New(deps)
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

// loadScenario loads the scenario file into s, failing the test when it does not parse or load.
func loadScenario(t testing.TB, s *store.Store, file string) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc, err := scenario.Parse(f)
	if err != nil {
		t.Fatalf("parse %s: %v", file, err)
	}
	if _, err := scenario.Load(context.Background(), s, sc, passwordtest.Params()); err != nil {
		t.Fatalf("load %s: %v", file, err)
	}
}

// client is a browser-like HTTP client: a cookie jar, no automatic redirects.
type client struct {
	t    testing.TB
	h    *harness
	http *http.Client
}

func (h *harness) client(t testing.TB) *client {
	jar, _ := cookiejar.New(nil)
	// A client of its own: the server's Client() is shared, and so would its cookie jar be.
	hc := &http.Client{Transport: h.server.Client().Transport, Jar: jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	return &client{t: t, h: h, http: hc}
}

// signedIn is a new client of the harness, signed in as email.
func (h *harness) signedIn(t testing.TB, email string) *client {
	t.Helper()
	c := h.client(t)
	c.signIn(email)
	return c
}

// do sends a request with optional headers and returns the response with its body read.
func (c *client) do(method, path string, form url.Values, headers map[string]string) (*http.Response, string) {
	c.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, c.h.server.URL+path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	return c.send(req)
}

// send makes the request and reads the whole answer, failing the test when there is none.
func (c *client) send(req *http.Request) (*http.Response, string) {
	c.t.Helper()
	resp, err := c.http.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func (c *client) get(path string) (*http.Response, string) { return c.do("GET", path, nil, nil) }

// csrf returns the CSRF token of the client's cookie, fetching a page first if needed.
func (c *client) csrf() string {
	c.t.Helper()
	for _, ck := range c.cookies() {
		if ck.Name == "creditdesk_csrf" {
			return ck.Value
		}
	}
	c.get("/signin")
	for _, ck := range c.cookies() {
		if ck.Name == "creditdesk_csrf" {
			return ck.Value
		}
	}
	c.t.Fatal("no CSRF cookie")
	return ""
}

// cookies are the cookies the client holds for the harness's server.
func (c *client) cookies() []*http.Cookie {
	u, _ := url.Parse(c.h.server.URL)
	return c.http.Jar.Cookies(u)
}

// post sends a form with the CSRF token.
func (c *client) post(path string, form url.Values) (*http.Response, string) {
	c.t.Helper()
	if form == nil {
		form = url.Values{}
	}
	form.Set("_csrf", c.csrf())
	return c.do("POST", path, form, nil)
}

// signIn signs the client in with the roles scenario's password and fails the test if that does
// not work.
func (c *client) signIn(email string) {
	c.t.Helper()
	c.signInWith(email, testPassword)
}

// signInWith signs the client in with the password and fails the test if that does not work.
func (c *client) signInWith(email, password string) {
	c.t.Helper()
	resp, body := c.post("/signin", url.Values{"email": {email}, "password": {password}})
	if resp.StatusCode != http.StatusSeeOther {
		c.t.Fatalf("sign in as %s: status %d\n%s", email, resp.StatusCode, body)
	}
}

// engineering is the Engineering profile (accountName/profileName), which roles.json, arm.json
// and ledger.json all name, as s has it.
func engineering(t testing.TB, s *store.Store) store.BillingProfile {
	t.Helper()
	_, p := storetest.Profile(t, s, accountName, profileName)
	return p
}

// profileScope is the Engineering profile (accountName/profileName) in s as a store scope.
func profileScope(t testing.TB, s *store.Store) store.Scope {
	t.Helper()
	return scopeOf(t, s, accountName, profileName)
}

// scopeOf is the profile named profile of the account named account in s as a store scope,
// failing the test when either is missing.
func scopeOf(t testing.TB, s *store.Store, account, profile string) store.Scope {
	t.Helper()
	a, p := storetest.Profile(t, s, account, profile)
	return store.Scope{Account: a, Profile: &p}
}
