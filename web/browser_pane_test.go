package web_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// oneLine is a JavaScript predicate: every element matching the selector that has text shows
// it on one line, so no id, email, date or amount is broken mid-token.
func oneLine(sel string) string {
	return `[...document.querySelectorAll('` + sel + `')].every(el => {
		const r = document.createRange(); r.selectNodeContents(el);
		return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size <= 1; })`
}

// TestBrowserPaneKeyboardAndLayout: at 1400 px the list, the pane and the audit log keep ids,
// emails, dates and amounts whole; opening a benefit pushes the pane's URL and moves the
// keyboard into the pane; Escape closes it back to the same sorted list, pushing the list's
// URL and returning focus to the benefit's link; a reload of the pane URL shows the pane as a
// page with an h1 (P2, P4, X3).
func TestBrowserPaneKeyboardAndLayout(t *testing.T) {
	t.Parallel()
	_, b := newBrowserHarness(t)
	console := b.watchConsole()
	b.do("a 1400 px window", chromedp.EmulateViewport(1400, 900))
	b.signIn(partnerAdmin)
	list := partPath + "/benefits?sort=id"
	b.open(list)
	for _, sel := range []string{`table.benefits .token`, `table.benefits td.dates time`, `table.benefits .nowrap`} {
		if !eval[bool](b, oneLine(sel)) {
			t.Errorf("X3 %s breaks across lines at 1400 px", sel)
		}
	}
	b.screenshot("benefits-list-1400")

	b.do("open b-002", chromedp.Click(chromedp.CSS(rowOf("b-002")+` [data-testid=open-benefit]`)))
	b.waitFor("the pane of b-002", `document.querySelector('[data-testid=pane-body][data-benefit="b-002"]') !== null`)
	b.settled()
	if got, want := b.location(), partPath+"/benefits/b-002?list=sort%3Did"; got != want {
		t.Errorf("P4 opening the pane: location %s, want the pushed pane URL %s", got, want)
	}
	b.waitFor("focus in the pane", `document.activeElement && document.activeElement.matches('#pane [data-pane-close]')`)
	if !eval[bool](b, oneLine(`#pane .token`)) {
		t.Error("X3 an id or email in the pane breaks across lines")
	}
	b.screenshot("benefits-pane-1400")
	b.do("open Activate benefits", chromedp.Click(chromedp.CSS(`[data-testid=tab-activate]`)))
	b.waitFor("the tab, focused and in the URL", `document.querySelector('[data-testid=activate-tab]') !== null &&
		document.activeElement && document.activeElement.matches('[data-testid=tab-activate]') && location.search.includes('tab=activate')`)
	b.settled()
	b.screenshot("benefits-pane-activate-1400")

	b.markWindow()
	b.do("press Escape", chromedp.KeyEvent(kb.Escape))
	b.waitFor("the pane closed, back to the sorted list", `document.querySelector('#pane .pane-body') === null &&
		location.pathname + location.search === '`+list+`'`)
	b.waitFor("focus back on the benefit's link", `document.activeElement && document.activeElement.matches('`+rowOf("b-002")+` [data-testid=open-benefit]')`)
	if !b.marked() {
		t.Error("closing the pane reloaded the page; want the list swapped in place")
	}

	// Back reopens the pane's URL, which without a cache is the pane as a page of its own.
	b.load("go back", chromedp.NavigateBack())
	b.waitFor("the pane page", `location.search.includes('list=sort') && document.querySelector('h1#pane-title') !== null`)
	if got := b.text(`h1#pane-title`); !strings.Contains(got, "Azure monthly credit") || !strings.Contains(got, "Fabrikam Solutions") {
		t.Errorf("P4 pane page h1 = %q, want the kind and the organisation", got)
	}
	b.load("close the pane page", chromedp.Click(chromedp.CSS(`[data-pane-close]`)))
	if got := b.location(); got != list {
		t.Errorf("closing the pane page leads to %s, want %s", got, list)
	}

	b.open(partPath + "/audit")
	if !eval[bool](b, oneLine(`table.audit .nowrap`)) || !eval[bool](b, oneLine(`table.audit .token`)) {
		t.Error("X3 a date, amount or id in the audit log breaks across lines")
	}
	// An email may break before its @ only: each of its two text nodes stays on one line.
	if !eval[bool](b, `[...document.querySelectorAll('table.audit .email')].every(el => [...el.childNodes].every(n => {
		if (n.nodeType !== Node.TEXT_NODE) return true;
		const r = document.createRange(); r.selectNodeContents(n);
		return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size <= 1; }))`) {
		t.Error("an email in the audit log breaks elsewhere than before its @")
	}
	if w := eval[bool](b, `document.documentElement.scrollWidth <= window.innerWidth`); !w {
		t.Error("the audit log makes the page wider than the window")
	}
	b.screenshot("partner-audit-1400")
	if got := console.matching("Content Security Policy"); len(got) > 0 {
		t.Errorf("CSP violations: %q", got)
	}
	if got := console.matching("exception:"); len(got) > 0 {
		t.Errorf("uncaught exceptions: %q", got)
	}
}
