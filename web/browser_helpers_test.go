package web_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/creditdesk/creditdesk/internal/store"
)

// chromiumPath is the Debian Chromium the browser tests drive (.ci/run installs it).
const chromiumPath = "/usr/bin/chromium"

// browserTimeout bounds one browser test. Every step waits on a condition, never a sleep, so a
// condition that never comes true ends the test at this deadline instead of hanging it.
const browserTimeout = 60 * time.Second

// noReloadMarker is a property set on window before an htmx action: it survives an in-place
// swap and is gone after a full page load.
const noReloadMarker = "__creditdeskNoReload"

// browser is one tab of a headless Chromium on the portal that a harness serves.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
}

// newBrowserHarness skips the test under -short or when Chromium is missing (a failure instead
// when CREDITDESK_REQUIRE_BROWSER=1, as in CI), then serves the portal over a fresh SQLite
// database loaded with testdata/roles.json and opens a browser tab on it. Browser tests cover
// the UI flow once, on SQLite: the store and router suites already run on both databases.
func newBrowserHarness(t *testing.T) (*harness, *browser) {
	t.Helper()
	needBrowser(t)
	h := rolesHarness(t)
	return h, startBrowser(t, h.server.URL)
}

// newBrowserMailHarness is newBrowserHarness with an SMTP server receiving the portal's emails
// (newMailHarness).
func newBrowserMailHarness(t *testing.T) (*harness, *browser) {
	t.Helper()
	needBrowser(t)
	h := newMailHarness(t, store.SQLite, "testdata/roles.json")
	return h, startBrowser(t, h.server.URL)
}

// needBrowser skips the test with -short or without Chromium (unless CREDITDESK_REQUIRE_BROWSER=1).
func needBrowser(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test: skipped with -short")
	}
	if _, err := os.Stat(chromiumPath); err != nil {
		if os.Getenv("CREDITDESK_REQUIRE_BROWSER") == "1" {
			t.Fatalf("CREDITDESK_REQUIRE_BROWSER=1 but Chromium is missing: %v", err)
		}
		t.Skipf("browser test: %s is missing (apt-get install -y chromium)", chromiumPath)
	}
}

// startBrowser opens a tab of the shared Chromium on a host of its own (see tabHost): the
// test starts signed out, with empty storage, as a fresh profile would. The tab is closed at
// the end of the test.
func startBrowser(t *testing.T, base string) *browser {
	t.Helper()
	return startBrowserWithin(t, base, browserTimeout)
}

// startBrowserWithin is startBrowser for a test whose steps may take up to d in all, for a
// test that walks through many pages.
func startBrowserWithin(t *testing.T, base string, d time.Duration) *browser {
	t.Helper()
	browserCtx, err := theChromium.start()
	if err != nil {
		t.Fatalf("start %s: %v", chromiumPath, err)
	}
	tabCtx, cancelTab := chromedp.NewContext(browserCtx)
	// The first Do opens the tab and ties its life to tabCtx, so it gets no deadline (chromedp
	// docs, "Set a timeout for one action"); the steps of the test get one below.
	if err := chromedp.Do(tabCtx); err != nil {
		cancelTab()
		t.Fatalf("open a tab: %v", err)
	}
	ctx, cancelSteps := context.WithTimeout(tabCtx, d)
	t.Cleanup(func() {
		cancelSteps()
		cancelTab() // waits until the tab is gone
	})
	b := &browser{t: t, ctx: ctx, base: tabHost(t, base)}
	b.do("set the viewport", chromedp.EmulateViewport(1280, 900))
	return b
}

// tabHosts numbers the hosts tabHost gives out.
var tabHosts atomic.Int64

// tabHost is base (http://127.0.0.1:port) on a host no other tab uses, tN.localhost, which
// Chromium resolves to the loopback address itself. Cookies and storage belong to a host, so
// the tabs of one browser context keep apart as separate browser contexts would, at a
// fraction of the cost: a browser context of its own cost each test about a page load's CPU.
func tabHost(t *testing.T, base string) string {
	t.Helper()
	host := strings.Replace(base, "http://127.0.0.1:", "http://t"+strconv.FormatInt(tabHosts.Add(1), 10)+".localhost:", 1)
	if host == base {
		t.Fatalf("a browser tab needs a portal at http://127.0.0.1:port, not %s: tabs on one host would share their cookies", base)
	}
	return host
}

// chromium is the one Chromium process the browser tests of the package share: starting one
// takes seconds, opening a tab a moment. TestMain stops it after the last test.
type chromium struct {
	once sync.Once
	ctx  context.Context // the browser's first tab, parent of the tests' tabs
	stop func()          // closes the browser, waits for it to exit, removes its profile
	err  error
}

// theChromium is the package's shared browser, started by the first browser test.
var theChromium = &chromium{stop: func() {}}

// start starts Chromium on the first call, with exactly the flags below and a fresh profile
// directory; chromedp adds only --remote-debugging-pipe (its connection) and the first page,
// about:blank. The helpers chromedp.Headless, DisableGPU and NoDefaultBrowserCheck are not used
// because each adds flags of its own.
func (c *chromium) start() (context.Context, error) {
	c.once.Do(func() {
		dir, err := os.MkdirTemp("", "creditdesk-chromium-")
		if err != nil {
			c.err = err
			return
		}
		opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(chromiumBinary()), chromedp.UserDataDir(dir)}
		for _, flag := range []string{"headless", "no-sandbox", "disable-gpu", "disable-background-networking",
			"disable-component-update", "disable-sync", "no-first-run"} {
			opts = append(opts, chromedp.Flag(flag, true))
		}
		opts = append(opts, chromedp.Flag("disable-features", hiddenBrowserUI))
		allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancelBrowser := chromedp.NewContext(allocCtx)
		c.stop = func() {
			cancelBrowser()
			cancelAlloc() // waits for the browser process to exit
			_ = os.RemoveAll(dir)
		}
		// The first Do starts the browser and ties its life to ctx, which has no deadline.
		if err := chromedp.Do(ctx); err != nil {
			c.stop()
			c.err = err
			return
		}
		c.ctx = ctx
	})
	return c.ctx, c.err
}

// hiddenBrowserUI are the features of Chromium's own window that a headless browser builds and
// never shows: the address bar's popup, a web page of its own (chrome://omnibox-popup) loaded
// for every window, and so for every tab the tests open. Without them the browser tests cost
// about a fifth less CPU (this round's machine: 59-62 CPU s for the page sweep without axe-core,
// against 74-85).
const hiddenBrowserUI = "WebUIOmniboxPopup,WebUIOmniboxFullPopup,WebUIOmniboxAimPopup"

// debianChromium is the executable behind Debian's /usr/bin/chromium, a shell script that adds
// flags of its own from /etc/chromium.d: GPU rasterization (which a headless browser without a
// GPU does on SwiftShader, a software GPU) and extensions among them.
const debianChromium = "/usr/lib/chromium/chromium"

// chromiumBinary is the executable start runs: Debian's, when it is there, so that the browser
// gets exactly start's flags and rasterizes without the software GPU (about a fifth less CPU
// on the tests' pages), else chromiumPath.
func chromiumBinary() string {
	if _, err := os.Stat(debianChromium); err == nil {
		return debianChromium
	}
	return chromiumPath
}

// do runs steps and fails the test, saying what it was doing, on the first error.
func (b *browser) do(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, steps...); err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
}

// load runs steps that lead to a new document (a link, a form without htmx) and waits until
// it has loaded; a status of 400 or more fails the test.
func (b *browser) load(what string, steps ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	resp, err := chromedp.RunResponse(b.ctx, steps...)
	if err != nil {
		b.t.Fatalf("%s: %v", what, err)
	}
	if resp != nil && resp.Status >= http.StatusBadRequest {
		b.t.Fatalf("%s: status %d at %s", what, resp.Status, resp.URL)
	}
}

// open loads a path of the portal.
func (b *browser) open(path string) {
	b.t.Helper()
	b.load("open "+path, chromedp.Navigate(b.base+path))
}

// signIn signs in through the sign-in form, as a person would, and waits for the page it
// leads to.
func (b *browser) signIn(email string) {
	b.t.Helper()
	b.signInWith(email, testPassword)
}

// signInWith is signIn with another password than the test scenarios' (the demo's). It waits
// for the page's autofocus to put the caret in the email field (a field focused before that
// makes Chromium log that autofocus was blocked, which a test reading the console takes for an
// error), then enters each field's text as a keyboard's text input does (insertText). Other
// tests type key by key where the keys matter.
func (b *browser) signInWith(email, password string) {
	b.t.Helper()
	b.open("/signin")
	b.do("fill the sign-in form",
		// A query, not waitFor's Poll: it retries while the new document's context replaces
		// the old one (after a sign-out that led to this page).
		chromedp.Query(chromedp.JSPath(`document.activeElement && document.activeElement.matches('input[name=email]') ? document.activeElement : null`)),
		insertText(email),
		chromedp.Focus(chromedp.CSS(`input[name=password]`)),
		insertText(password))
	b.load("sign in as "+email, chromedp.Click(chromedp.CSS(`form[action^="/signin"] button[type=submit]`)))
}

// insertText enters s into the focused field as text input does (Input.insertText): the
// browser's input events for the whole text in one command, instead of SendKeys's key down and
// key up for each character (about 0.2 CPU s of Chromium for a sign-in's 45 characters).
func insertText(s string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		_, err := cdp.Call(ctx, t, input.InsertText, input.InsertTextParams{Text: s})
		return chromedp.Void{}, err
	}
}

// useSession gives the tab the cookies of c, a client signed in over HTTP: the tab is then
// signed in as c's user without going through the sign-in form, two page loads fewer.
func (b *browser) useSession(c *client) {
	b.t.Helper()
	for _, ck := range c.cookies() {
		if _, err := chromedp.Call(b.ctx, network.SetCookie, network.SetCookieParams{Name: ck.Name, Value: ck.Value, URL: b.base + "/"}); err != nil {
			b.t.Fatalf("give the tab the cookie %s: %v", ck.Name, err)
		}
	}
}

// signOut opens the user menu of the top bar and signs out from it, as a person would.
func (b *browser) signOut() {
	b.t.Helper()
	b.do("open the user menu", chromedp.Click(chromedp.CSS(`[data-testid=user-menu] summary`)))
	b.load("sign out", chromedp.Click(chromedp.CSS(`[data-testid=sign-out]`)))
}

// eval evaluates a JavaScript expression in the page and decodes its value.
func eval[T any](b *browser, expr string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		b.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// waitFor waits until a JavaScript predicate holds in the current page. chromedp's Poll runs in
// the JavaScript context it last heard of: started just after a page load, before the old
// document's context is reported gone, it names a context Chromium no longer has, and is
// started again then (Evaluate, which names none, needs no such care).
func (b *browser) waitFor(what, predicate string) {
	b.t.Helper()
	for {
		_, err := chromedp.Run(b.ctx, chromedp.Poll[bool](predicate))
		if e := (*cdproto.Error)(nil); errors.As(err, &e) && e.Message == staleContext && b.ctx.Err() == nil {
			continue
		}
		if err != nil {
			b.t.Fatalf("wait until %s: %v", what, err)
		}
		return
	}
}

// staleContext is Chromium's answer to a command that names a JavaScript context it no longer
// has.
const staleContext = "Cannot find context with specified id"

// settled waits until htmx has finished its last request: no element still carries the classes
// htmx puts on them while it requests, swaps and settles. htmx wires the controls of new content
// (hx-post, hx-confirm) only while settling, so a click before that is a plain form submission.
func (b *browser) settled() {
	b.t.Helper()
	b.waitFor("htmx settles", `document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added') === null`)
}

// text returns the visible text of the first element matching a CSS selector, waiting for it.
func (b *browser) text(sel string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(s)
}

// location returns the path and query of the current page.
func (b *browser) location() string {
	b.t.Helper()
	u, err := url.Parse(eval[string](b, `location.href`))
	if err != nil {
		b.t.Fatal(err)
	}
	return u.RequestURI()
}

// markWindow sets the no-reload marker on the current document.
func (b *browser) markWindow() {
	b.t.Helper()
	eval[bool](b, `window.`+noReloadMarker+` = true`)
}

// marked reports whether the marker is still there, that is, no full page load happened since
// markWindow.
func (b *browser) marked() bool {
	b.t.Helper()
	return eval[bool](b, `window.`+noReloadMarker+` === true`)
}

// acceptDialogs accepts every JavaScript dialog (hx-confirm uses window.confirm) and sends its
// message on the returned channel. A dialog blocks the click that opened it, so this answers
// from another goroutine, which ends with the test.
func (b *browser) acceptDialogs() <-chan string {
	messages := make(chan string, 8)
	dialogs := chromedp.Events(b.ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogs {
			if err != nil {
				return
			}
			select {
			case messages <- ev.Message:
			default:
			}
			_, _ = chromedp.Call(b.ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	return messages
}

// consoleLog collects what the page writes to the console: console calls, uncaught exceptions
// and browser log entries, among them the reports of Content Security Policy violations.
type consoleLog struct {
	mu    sync.Mutex
	lines []string
	csp   chan struct{} // receives (without blocking) on each CSP report
}

// watchConsole starts collecting the console of the tab. Listen sees the events in the order
// Chromium sends them, before the replies to later commands.
func (b *browser) watchConsole() *consoleLog {
	b.t.Helper()
	c := &consoleLog{csp: make(chan struct{}, 1)}
	err := chromedp.Listen(b.ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			c.add("exception: " + ev.ExceptionDetails.Text + " " + exceptionDescription(ev.ExceptionDetails))
		case *runtime.EventConsoleAPICalled:
			var parts []string
			for _, a := range ev.Args {
				parts = append(parts, string(a.Value)+a.Description)
			}
			c.add("console." + string(ev.Type) + ": " + strings.Join(parts, " "))
		case *log.EventEntryAdded:
			c.add("log " + string(ev.Entry.Source) + "/" + string(ev.Entry.Level) + ": " + ev.Entry.Text + " " + ev.Entry.URL)
		}
	})
	if err != nil {
		b.t.Fatalf("listen to the console: %v", err)
	}
	return c
}

// exceptionDescription is the error and message of an uncaught exception, "" when absent.
func exceptionDescription(d *runtime.ExceptionDetails) string {
	if d.Exception == nil {
		return ""
	}
	return d.Exception.Description
}

// add records one console line and signals a CSP report.
func (c *consoleLog) add(line string) {
	c.mu.Lock()
	c.lines = append(c.lines, line)
	c.mu.Unlock()
	if strings.Contains(line, "Content Security Policy") {
		select {
		case c.csp <- struct{}{}:
		default:
		}
	}
}

// matching returns the lines collected so far that contain s.
func (c *consoleLog) matching(s string) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, l := range c.lines {
		if strings.Contains(l, s) {
			out = append(out, l)
		}
	}
	return out
}

// screenshot saves a full-page PNG to /tmp/creditdesk-shots/NAME.png when
// CREDITDESK_SCREENSHOTS=1, for a person to look at; the files are not committed.
func (b *browser) screenshot(name string) {
	b.t.Helper()
	if os.Getenv("CREDITDESK_SCREENSHOTS") != "1" {
		return
	}
	png, err := chromedp.Run(b.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	dir := "/tmp/creditdesk-shots"
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.t.Fatal(err)
	}
	path := filepath.Join(dir, name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", path)
}
