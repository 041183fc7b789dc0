package web_test

import (
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserAssignFromTheCommandBar: on the Benefits workspace, with the keyboard, Assign in
// the command bar stays disabled until a benefit of the list is selected; then it opens that
// benefit's side pane on Activate benefits, in place, pushing the pane's URL with the list's
// state, and moves the keyboard into the pane (P4).
func TestBrowserAssignFromTheCommandBar(t *testing.T) {
	t.Parallel()
	_, b := newBrowserHarness(t)
	console := b.watchConsole()
	b.signIn(partnerAdmin)
	b.open(partPath + "/benefits?sort=id")
	command := `document.querySelector('[data-testid=assign-command]')`
	if !eval[bool](b, command+`.disabled`) {
		t.Error("Assign is enabled before a benefit is selected")
	}
	b.markWindow()
	b.do("focus the selection of b-002", chromedp.Focus(chromedp.CSS(rowOf("b-002")+` [data-testid=benefit-select]`)))
	b.do("select it", chromedp.KeyEvent(" "))
	b.waitFor("Assign enabled", `!`+command+`.disabled`)
	b.do("focus Assign", chromedp.Focus(chromedp.CSS(`[data-testid=assign-command]`)))
	b.do("press Assign", chromedp.KeyEvent(kb.Enter))
	b.waitFor("the pane of b-002 on Activate benefits", `document.querySelector('[data-testid=pane-body][data-benefit="b-002"] [data-testid=activate-tab]') !== null`)
	b.settled()
	if got, want := b.location(), partPath+"/benefits/b-002?tab=activate&list=sort%3Did"; got != want {
		t.Errorf("location %s, want the pushed pane URL %s", got, want)
	}
	if !b.marked() {
		t.Error("Assign reloaded the whole page; want the pane opened in place")
	}
	b.waitFor("focus in the pane", `document.activeElement && document.activeElement.matches('#pane [data-pane-close]')`)
	if csp := console.matching("Content Security Policy"); len(csp) > 0 {
		t.Errorf("CSP violations: %v", csp)
	}
}
