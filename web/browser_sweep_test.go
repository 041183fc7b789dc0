package web_test

import (
	"cmp"
	"context"
	"crypto/sha256"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/creditdesk/creditdesk/internal/scenario"
	"github.com/creditdesk/creditdesk/internal/store"
)

// The two windows every page must fit: a phone (390x844) and a laptop (1440x900).
const (
	phoneWidth, phoneHeight   = 390, 844
	laptopWidth, laptopHeight = 1440, 900
)

// axePath is axe-core's browser build, installed by `make assets` (npm devDependency): the
// sweep serves it beside the portal (withAxe) for the pages it checks to load; the portal never
// serves it.
const axePath = "../node_modules/axe-core/axe.min.js"

// axeSource reads axe-core once for the package's browser tests.
var axeSource = sync.OnceValues(func() (string, error) {
	b, err := os.ReadFile(axePath)
	return string(b), err
})

// demoPartnerAdmin is the partner admin of the demo's Tailspin Toys Partners.
const demoPartnerAdmin = "olga@tailspin.example"

// sweepDay is the business day the sweep's demo data is processed to.
var sweepDay = time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)

// visit is one page a caller opens in the sweep; phone says whether it is also checked at
// phone width (once per route, by the first caller who may see it).
type visit struct {
	route, path string
	phone       bool
}

// sweepVisits is, per caller email ("" for anonymous), the pages of the role matrix they may
// see (status 200) that are HTML pages; the partner workspace's pages go to the partner admin,
// Benefits assigned to me also to a holder, and home (a redirect for everyone) to the account
// owner. Plain data (health, static files, schema, CSV) and the ARM API are left out.
func sweepVisits() map[string][]visit {
	routes := make([]string, 0, len(matrix))
	for r := range matrix {
		routes = append(routes, r)
	}
	slices.Sort(routes)
	out := map[string][]visit{}
	for _, route := range routes {
		method, pattern, _ := strings.Cut(route, " ")
		row := matrix[route]
		if method != "GET" || !isPage(pattern) {
			continue
		}
		if strings.HasPrefix(pattern, partRP) {
			out[partnerAdmin] = append(out[partnerAdmin], visit{route, row.path, true})
			continue
		}
		if pattern == "/" {
			out[callers[1].email] = append(out[callers[1].email], visit{route, row.path, false})
			continue
		}
		first := true
		for i, c := range callers {
			if row.want[i] == ok {
				out[c.email] = append(out[c.email], visit{route, row.path, first})
				first = false
			}
		}
	}
	out[partnerHolder] = append(out[partnerHolder], visit{"GET /benefits", "/benefits", false})
	// The demo's workspace has a benefit in every state, Pending provisioning among them.
	out[demoPartnerAdmin] = append(out[demoPartnerAdmin], visit{"GET " + partRP + "/benefits", "/partners/7012345/benefits", true})
	return out
}

// isPage reports whether a GET route pattern of the matrix answers an HTML page.
func isPage(pattern string) bool {
	for _, data := range []string{"/healthz", "/readyz", "/static", "/schemas/", ".csv", "/providers/"} {
		if strings.Contains(pattern, data) {
			return false
		}
	}
	return true
}

// TestBrowserEveryPageFitsAndPassesAxe opens every page of the role matrix as every role that
// may see it, on the roles scenario with the demo's credits, invoices and benefits loaded on
// top: no page is wider than a 1440 px window, axe-core finds no serious or critical violation,
// and the first role to see each page also finds it no wider than a 390 px phone, where axe-core
// finds no serious or critical violation either. A role's page that the server sends with the
// same markup as one checked already, but for the user menu and CSRF token, is not opened again
// (checkedPages); each role's first page is, for their name in the top bar. An invoice, which
// the matrix asks for by a number that does not exist, is opened from the invoice list.
func TestBrowserEveryPageFitsAndPassesAxe(t *testing.T) {
	t.Parallel()
	h, _ := newBrowserHarness(t)
	if _, err := axeSource(); err != nil {
		if os.Getenv("CREDITDESK_REQUIRE_BROWSER") == "1" {
			t.Fatalf("axe-core is missing (make assets): %v", err)
		}
		t.Skipf("axe-core is missing (make assets): %v", err)
	}
	h.loadDemo(t, sweepDay) // the day the demo is written for
	h.process(t, sweepDay)
	visits := sweepVisits()
	// A set-password page needs a live link: the matrix asks with one that does not exist.
	u, err := h.store.UserByEmail(context.Background(), partnerMember)
	if err != nil {
		t.Fatal(err)
	}
	secret, _, err := h.store.IssueLink(context.Background(), tester, u, store.Reset)
	if err != nil {
		t.Fatal(err)
	}
	visits[""] = append(visits[""], visit{"GET /password/set/:token", "/password/set/" + secret, true})
	seen := map[string]bool{"GET " + profRP + "/invoices/:invoice": true} // opened from the list below
	for _, vs := range visits {
		for _, v := range vs {
			seen[v.route] = true
		}
	}
	for route := range matrix {
		method, pattern, _ := strings.Cut(route, " ")
		if method == "GET" && isPage(pattern) && !seen[route] {
			t.Errorf("%s: no caller of the sweep opens it", route)
		}
	}
	portal := httptest.NewServer(withAxe(h.web))
	t.Cleanup(portal.Close)
	checked := &checkedPages{seen: map[checkedPage]bool{}}
	for email, vs := range visits {
		t.Run(cmp.Or(email, "anonymous"), func(t *testing.T) {
			t.Parallel()
			c := h.client(t)
			switch email {
			case "":
			case demoPartnerAdmin:
				c.signInWith(email, scenario.DemoPassword)
			default:
				c.signIn(email)
			}
			b := startBrowserWithin(t, portal.URL, 8*time.Minute)
			b.useSession(c) // the flow tests sign in through the form
			for i, v := range vs {
				key := sameForEveryone(t, c, v.path)
				// The caller's first page is checked whatever others saw: their name is in the
				// top bar of every page they see.
				laptop := checked.first(key, laptopWidth) || i == 0
				b.checkPage(v.path, laptop, v.phone && checked.first(key, phoneWidth))
				if i == 0 && email != "" {
					if who := eval[string](b, `(document.querySelector('[data-testid=user-menu] summary') || {}).title || ''`); who != email {
						t.Fatalf("%s: the tab is signed in as %q, not %s", v.path, who, email)
					}
				}
			}
			if email == callers[1].email { // the account owner: an invoice of the demo
				b.open(profilePath + "/invoices")
				href := eval[string](b, `(document.querySelector('[data-testid=invoices] tbody a') || {}).pathname || ''`)
				if href == "" {
					t.Fatal("the demo's Engineering profile lists no invoice to open")
				}
				b.checkPage(href, true, true)
			}
		})
	}
}

// checkedPage is a page's markup (sameForEveryone) checked at a window width.
type checkedPage struct {
	markup [sha256.Size]byte
	width  int
}

// checkedPages remembers the pages checked at each width, so that a page two roles see alike
// (the same markup but for the user's name and CSRF token) is opened in the browser, measured
// and checked by axe-core once a width: the same markup lays out the same.
type checkedPages struct {
	mu   sync.Mutex
	seen map[checkedPage]bool
}

// first reports whether markup is new at width, and remembers it; markup "" (an answer that is
// not a page of its own) is always new.
func (c *checkedPages) first(markup string, width int) bool {
	if markup == "" {
		return true
	}
	key := checkedPage{sha256.Sum256([]byte(markup)), width}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen[key] {
		return false
	}
	c.seen[key] = true
	return true
}

// sameForEveryone is the markup of the page at path as the server sends it to c, without what
// differs between users who see the same page: the user menu, CSRF tokens and the headers that
// carry them; "" when the answer is not a page (a redirect).
func sameForEveryone(t *testing.T, c *client, path string) string {
	t.Helper()
	resp, body := c.get(path)
	if resp.StatusCode != http.StatusOK {
		return ""
	}
	d := doc(t, body)
	d.Find(`[data-testid=user-menu], input[name=_csrf]`).Remove()
	d.Find(`[hx-headers]`).RemoveAttr("hx-headers")
	markup, err := d.Html()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return markup
}

// checkPage opens a page and checks it at the widths asked for. At laptop width: it fits, every
// icon has its picture and axe-core finds nothing serious. At phone width (the document the
// laptop check opened, resized: the layout follows the window; else opened at that width): it
// fits, the top bar keeps to one line and axe-core finds nothing serious there either.
func (b *browser) checkPage(path string, laptop, phone bool) {
	b.t.Helper()
	if !laptop && !phone {
		return
	}
	if laptop {
		b.do("a laptop window", chromedp.EmulateViewport(laptopWidth, laptopHeight))
		b.open(path)
		b.fits(path, laptopWidth)
		if bare := eval[[]string](b, `[...document.querySelectorAll('.icon')].filter(e => getComputedStyle(e).maskImage === 'none').map(e => e.className)`); len(bare) > 0 {
			b.t.Errorf("%s: icons without a picture in icons.css: %v", path, bare)
		}
		b.axe(path + " at " + strconv.Itoa(laptopWidth) + " px")
	}
	if phone {
		b.do("a phone window", chromedp.EmulateViewport(phoneWidth, phoneHeight))
		if !laptop {
			b.open(path)
		}
		b.waitFor("the phone layout", `window.innerWidth === `+strconv.Itoa(phoneWidth))
		// Two frames: the page's resize handlers (static/js/app.js) have run.
		if _, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))`,
			chromedp.EvalAwaitPromise)); err != nil {
			b.t.Fatalf("%s: wait for two frames: %v", path, err)
		}
		b.fits(path, phoneWidth)
		if h := eval[int](b, `Math.round(document.querySelector('.topbar').getBoundingClientRect().height)`); h > 44 {
			b.t.Errorf("%s at %d px: the top bar is %d px tall, more than its one line (44 px)", path, phoneWidth, h)
		}
		b.axe(path + " at " + strconv.Itoa(phoneWidth) + " px")
	}
}

// fits fails the test when the page scrolls sideways: wider content must scroll inside its
// own box (a table in its card), never the page.
func (b *browser) fits(path string, width int) {
	b.t.Helper()
	got := eval[[]int](b, `[document.documentElement.scrollWidth, window.innerWidth]`)
	if got[0] > got[1] {
		wide := eval[[]string](b, `[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
			.slice(0, 5).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).replace(/ /g, '.') : '') + ' ' + Math.round(e.getBoundingClientRect().right))`)
		b.t.Errorf("%s at %d px: the page is %d px wide, wider than the window (%d px): %v", path, width, got[0], got[1], wide)
	}
}

// axeURL is where withAxe serves axe-core.
const axeURL = "/_test/axe.min.js"

// withAxe is the portal with axe-core served beside it at axeURL, for the sweep's pages to load
// as a script of their own origin, the only kind their Content Security Policy allows. The
// browser keeps it and its compiled code from one page to the next: handing each page the 550 kB
// source through the DevTools protocol cost as much CPU as running axe. The portal itself never
// serves axe-core.
func withAxe(portal http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != axeURL {
			portal.ServeHTTP(w, r)
			return
		}
		src, err := axeSource()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "text/javascript")
		w.Header().Set("Cache-Control", "public, max-age=3600")
		_, _ = io.WriteString(w, src)
	})
}

// axe runs axe-core on the current page (withAxe) and fails the test for each serious or
// critical violation, naming the page and window (where), the rule and the first elements it
// concerns.
func (b *browser) axe(where string) {
	b.t.Helper()
	_, err := chromedp.Run(b.ctx, chromedp.Evaluate[bool](`typeof window.axe !== 'undefined' || new Promise((loaded, failed) => {
		const s = document.createElement('script');
		s.src = '`+axeURL+`';
		s.onload = () => loaded(true);
		s.onerror = () => failed(new Error('axe-core did not load from `+axeURL+`'));
		document.head.appendChild(s); })`, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("load axe-core on %s: %v", where, err)
	}
	found, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](`axe.run(document, {resultTypes: ['violations']}).then(r => r.violations
		.filter(v => v.impact === 'serious' || v.impact === 'critical')
		.map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("run axe-core on %s: %v", where, err)
	}
	for _, f := range found {
		b.t.Errorf("axe on %s: %s", where, f)
	}
}
