package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// tabTo presses Tab until the focused element satisfies a JavaScript predicate on el, as a
// keyboard user moves through a page; it fails the test after max presses.
func (b *browser) tabTo(what, predicate string, max int) {
	b.t.Helper()
	for range max {
		b.do("press Tab", chromedp.KeyEvent(kb.Tab))
		if eval[bool](b, `(el => !!el && (`+predicate+`))(document.activeElement)`) {
			return
		}
	}
	b.t.Fatalf("%s: not reached in %d presses of Tab", what, max)
}

// TestBrowserKeyboardOnAPhone: on a 390 px phone, with the keyboard only: the first Tab reaches
// the skip link, which moves focus to the content; the menu button opens the resource menu; a
// quick filter filters the list; Enter on a benefit opens its side pane across the whole width
// with focus inside it, and Escape closes it back to the benefit's link (P2, P4).
func TestBrowserKeyboardOnAPhone(t *testing.T) {
	t.Parallel()
	_, b := newBrowserHarness(t)
	b.do("a phone window", chromedp.EmulateViewport(phoneWidth, phoneHeight))
	b.signIn(partnerAdmin)
	list := partPath + "/benefits"
	b.open(list)

	b.tabTo("the skip link", `el.matches('[data-testid=skip-link]')`, 1)
	b.do("follow the skip link", chromedp.KeyEvent(kb.Enter))
	b.waitFor("focus on the content", `document.activeElement === document.getElementById('main')`)

	b.open(list)
	if eval[bool](b, `getComputedStyle(document.getElementById('scopemenu')).display !== 'none'`) {
		t.Error("the resource menu shows on a phone before the menu button is pressed")
	}
	b.tabTo("the menu button", `el.matches('[data-testid=nav-toggle]')`, 3)
	b.do("press the menu button", chromedp.KeyEvent(" "))
	b.waitFor("the resource menu open", `getComputedStyle(document.getElementById('scopemenu')).display !== 'none'`)
	b.tabTo("the menu's Membership link", `el.matches('#scopemenu a') && el.textContent.includes('Membership')`, 10)

	b.tabTo("the Not redeemed filter", `el.matches('[data-testid=filter-not-redeemed]')`, 40)
	b.do("choose the filter", chromedp.KeyEvent(kb.Enter))
	b.waitFor("the filtered list", `location.search.includes('filter=') && document.querySelector('.chip.active') !== null &&
		document.querySelector('.chip.active').textContent.trim() === 'Not redeemed'`)
	b.settled()

	b.tabTo("a benefit's link", `el.matches('[data-testid=open-benefit]')`, 20)
	benefit := eval[string](b, `document.activeElement.closest('[data-benefit]').dataset.benefit`)
	b.do("open the benefit", chromedp.KeyEvent(kb.Enter))
	b.waitFor("focus in the pane", `document.activeElement && document.activeElement.matches('#pane [data-pane-close]')`)
	b.settled()
	if w := eval[[]int](b, `[Math.round(document.getElementById('pane').getBoundingClientRect().width), document.documentElement.clientWidth]`); w[0] != w[1] {
		t.Errorf("the side pane is %d px wide on a %d px phone, want the whole width", w[0], w[1])
	}
	b.do("press Escape", chromedp.KeyEvent(kb.Escape))
	b.waitFor("focus back on the benefit's link", `document.querySelector('#pane .pane-body') === null && document.activeElement &&
		document.activeElement.matches('[data-benefit="`+benefit+`"] [data-testid=open-benefit]')`)
	if w := eval[[]int](b, `[document.documentElement.scrollWidth, window.innerWidth]`); w[0] > w[1] {
		t.Errorf("the list is %d px wide on a %d px phone", w[0], w[1])
	}
}
