package web_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// The picker and the Access control page, as the browser tests find them.
const (
	scopeRows       = `[data-testid=scope-row]`
	engineeringLink = `#scopes-table a[href$="/profiles/` + profileName + `"]`
	assignmentRows  = `[data-testid=assignments] [data-testid=assignment-row]`
	grantSubmit     = `[data-testid=grant-form] button[type=submit]`
	outsider        = "outsider@elsewhere.example"
)

// outsiderRow finds the outsider's role assignment row by its email cell (XPath: CSS cannot
// match text).
const outsiderRow = `//tr[@data-testid="assignment-row"][td[2][normalize-space()="` + outsider + `"]]`

// TestBrowserReaderPicksScopeAndIsRemembered: a reader on the billing account sees the billing
// scopes picker (several scopes, M5), filters it in place with htmx, opens the Engineering
// profile and its properties (M6), signs out, and at the next sign-in lands straight on the
// scope opened last (M5: remembered per user in the database).
func TestBrowserReaderPicksScopeAndIsRemembered(t *testing.T) {
	t.Parallel()
	_, b := newBrowserHarness(t)

	b.signIn("account.reader@northwind.example")
	if got := b.location(); got != "/scopes" {
		t.Fatalf("after the first sign-in: at %s, want the picker /scopes", got)
	}
	b.do("wait for the picker", chromedp.WaitVisible(chromedp.CSS(`[data-testid=scopes]`)))
	picker := b.text(`[data-testid=scopes]`)
	for _, want := range []string{"Northwind Traders", "Engineering", "Marketing"} {
		if !strings.Contains(picker, want) {
			t.Errorf("the picker lacks %q:\n%s", want, picker)
		}
	}
	b.screenshot("picker")

	// The search box filters in place: the table narrows, the URL gets ?q= pushed (a reload shows
	// the same list), and the document is the same one (the window marker survives).
	b.markWindow()
	b.do("type in the search box", chromedp.SendKeys(chromedp.CSS(`[data-testid=scope-search]`), "Engin"))
	b.waitFor("the table narrows to Engineering and the URL is pushed", `location.search === '?q=Engin' &&
		document.querySelectorAll('`+scopeRows+`').length === 1 && document.querySelector('`+engineeringLink+`') !== null`)
	if !b.marked() {
		t.Fatal("the search reloaded the whole page; want the table swapped in place")
	}

	b.load("open Engineering", chromedp.Click(chromedp.CSS(engineeringLink)))
	if b.marked() {
		t.Fatal("the window marker survived a full page load: the no-reload checks would prove nothing")
	}
	if got := b.location(); got != profilePath {
		t.Fatalf("after clicking Engineering: at %s, want %s", got, profilePath)
	}
	props := b.text(`[data-testid=profile-properties]`)
	for _, want := range []string{"Engineering", profileName, "Northwind Traders"} {
		if !strings.Contains(props, want) {
			t.Errorf("properties lack %q:\n%s", want, props)
		}
	}

	b.signOut()
	if got := b.location(); got != "/signin" {
		t.Fatalf("after signing out: at %s, want /signin", got)
	}

	b.signIn("account.reader@northwind.example")
	if got := b.location(); got != profilePath {
		t.Fatalf("after signing in again: at %s, want the remembered scope %s (M5)", got, profilePath)
	}
	b.do("wait for the properties", chromedp.WaitVisible(chromedp.CSS(`[data-testid=profile-properties]`)))
}

// TestBrowserOwnerGrantsRoleInPlace: an owner grants a role from the Access control page and the
// table refreshes in place (M3); an unknown email gets an inline field error and changes
// nothing; removing the new assignment asks for confirmation and refreshes in place too.
func TestBrowserOwnerGrantsRoleInPlace(t *testing.T) {
	t.Parallel()
	_, b := newBrowserHarness(t)

	b.signIn("account.owner@northwind.example")
	b.open(accountPath + "/access")
	b.do("wait for the grant form", chromedp.WaitVisible(chromedp.CSS(`[data-testid=grant-form]`)))
	before := rowTexts(b)
	if len(before) != 3 {
		t.Fatalf("assignments before the grant: %q, want the 3 of the account", before)
	}

	b.markWindow()
	b.do("fill the grant form",
		chromedp.SendKeys(chromedp.CSS(`[data-testid=grant-email]`), outsider),
		chromedp.SetValue(chromedp.CSS(`[data-testid=grant-role]`), "reader"),
		chromedp.Click(chromedp.CSS(grantSubmit)),
		chromedp.WaitVisible(outsiderRow),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=flash]`)))
	b.settled()
	if got, want := b.text(`[data-testid=flash]`), outsider+" now holds the Reader role."; got != want {
		t.Errorf("flash = %q, want %q", got, want)
	}
	if !b.marked() {
		t.Fatal("granting reloaded the whole page; want the table swapped in place")
	}
	granted := rowTexts(b)
	if len(granted) != 4 || !slices.ContainsFunc(granted, func(r string) bool {
		return strings.Contains(r, outsider) && strings.Contains(r, "Reader")
	}) {
		t.Errorf("assignments after the grant: %q, want the 3 before and the outsider as Reader", granted)
	}
	b.screenshot("access")

	// A role the user holds already: the message sits under the field, the table is unchanged.
	b.do("grant a role held already",
		chromedp.SendKeys(chromedp.CSS(`[data-testid=grant-email]`), outsider),
		chromedp.Click(chromedp.CSS(grantSubmit)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=grant-form] .field-error`)))
	b.settled()
	if got := b.text(`[data-testid=grant-form] .field-error`); !strings.Contains(got, "already holds") {
		t.Errorf("field error = %q, want one saying the role is held already", got)
	}
	if got := rowTexts(b); !slices.Equal(got, granted) {
		t.Errorf("assignments after a refused grant: %q, want unchanged %q", got, granted)
	}
	if !b.marked() {
		t.Fatal("the refused grant reloaded the whole page; want the form error in place")
	}
	b.screenshot("access-error")

	// Remove asks first (hx-confirm): accept, and the row goes away in place.
	dialogs := b.acceptDialogs()
	b.do("remove the outsider",
		chromedp.Click(outsiderRow+`//button`),
		chromedp.WaitNotPresent(outsiderRow),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=flash]`)))
	b.settled()
	select {
	case msg := <-dialogs:
		if want := "Remove the Reader role of " + outsider + "?"; msg != want {
			t.Errorf("confirmation = %q, want %q", msg, want)
		}
	default:
		t.Error("the row was removed without a confirmation dialog")
	}
	if got, want := b.text(`[data-testid=flash]`), "The role assignment was removed."; got != want {
		t.Errorf("flash = %q, want %q", got, want)
	}
	if got := rowTexts(b); !slices.Equal(got, before) {
		t.Errorf("assignments after the removal: %q, want %q", got, before)
	}
	if !b.marked() {
		t.Fatal("removing reloaded the whole page; want the table swapped in place")
	}
}

// rowTexts returns the text of each row of the Access control table, spaces collapsed.
func rowTexts(b *browser) []string {
	b.t.Helper()
	return eval[[]string](b, `[...document.querySelectorAll('`+assignmentRows+`')].map(r => r.innerText.replace(/\s+/g, ' ').trim())`)
}

// TestBrowserNoInlineScriptOrCSPViolations: the pages obey the Content Security Policy (no inline
// script or style, no eval) while loading and while htmx swaps a fragment, and htmx runs. A
// deliberate inline script at the end proves the two detectors do see a violation.
func TestBrowserNoInlineScriptOrCSPViolations(t *testing.T) {
	t.Parallel()
	_, b := newBrowserHarness(t)

	// A script CDP adds to every new document (CSP does not apply to it) records each violation.
	_, err := chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{
		Source: `window.__csp = []; document.addEventListener('securitypolicyviolation',
			e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));`})
	if err != nil {
		t.Fatal(err)
	}
	console := b.watchConsole()

	b.signIn("account.reader@northwind.example")
	b.do("wait for the picker", chromedp.WaitVisible(chromedp.CSS(`[data-testid=scopes]`)))
	if !eval[bool](b, `typeof htmx !== 'undefined' && htmx.config.allowEval === false`) {
		t.Fatal("htmx is not loaded, or its configuration meta tag was not applied")
	}
	b.do("search in place", chromedp.SendKeys(chromedp.CSS(`[data-testid=scope-search]`), "Market"))
	b.waitFor("the search result is swapped in", `location.search === '?q=Market' &&
		!document.querySelector('`+engineeringLink+`')`)
	b.settled()

	if got := eval[[]string](b, `window.__csp`); len(got) > 0 {
		t.Errorf("CSP violations: %q", got)
	}
	if got := console.matching("Content Security Policy"); len(got) > 0 {
		t.Errorf("console reports CSP violations: %q", got)
	}
	if got := console.matching("exception:"); len(got) > 0 {
		t.Errorf("uncaught exceptions: %q", got)
	}

	// The control: an inline script must be refused and seen by both detectors.
	eval[bool](b, `(() => { const s = document.createElement('script'); s.textContent = 'window.__inlineRan = true';
		document.head.appendChild(s); return true })()`)
	b.waitFor("the page sees the violation", `window.__csp.length > 0`)
	select {
	case <-console.csp:
	case <-b.ctx.Done():
		t.Fatal("the console never reported the deliberate CSP violation")
	}
	if eval[bool](b, `window.__inlineRan === true`) {
		t.Error("an inline script ran: the CSP does not forbid inline script")
	}
}
