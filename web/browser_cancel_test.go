package web_test

import (
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// TestBrowserOwnerCancelsTheSelectedCredit: on 05-20 of the worked example an owner cancels a
// credit from the command bar, as in the Azure portal, with the keyboard: Cancel credit stays
// disabled until a credit of the list is selected; it opens a modal confirmation naming the
// credit, whose Keep button (focused first) and Escape leave everything as it was; confirming
// cancels it (M3), and the page shows it canceled with a pending canceled-credit transaction
// (M8, M13).
func TestBrowserOwnerCancelsTheSelectedCredit(t *testing.T) {
	t.Parallel()
	h, b := newBrowserHarness(t)
	h.addLedger(t, time.Date(2026, 5, 20, 9, 0, 0, 0, time.UTC))
	console := b.watchConsole()
	b.signIn("account.owner@northwind.example")
	b.open(creditsPath)

	command := `document.querySelector('[data-testid=lot-cancel]')`
	if !eval[bool](b, command+`.disabled`) {
		t.Error("Cancel credit is enabled before a credit is selected")
	}
	b.do("focus the selection of prepaid", chromedp.Focus(chromedp.CSS(`[data-testid=lot-select][value=prepaid]`)))
	b.do("select it", chromedp.KeyEvent(" "))
	b.waitFor("Cancel credit enabled", `!`+command+`.disabled`)

	openConfirm := func() {
		b.t.Helper()
		b.do("focus Cancel credit", chromedp.Focus(chromedp.CSS(`[data-testid=lot-cancel]`)))
		b.do("press Cancel credit", chromedp.KeyEvent(kb.Enter))
		b.waitFor("the modal confirmation, its Keep button focused", `document.querySelector('#lot-cancel-dialog:modal') !== null &&
			document.activeElement.matches('[data-testid=lot-cancel-keep]')`)
		b.settled()
	}
	openConfirm()
	if got := b.text(`#lot-cancel-title`); got != "Cancel credit prepaid?" {
		t.Errorf("confirmation title %q", got)
	}
	b.do("press Escape", chromedp.KeyEvent(kb.Escape))
	b.waitFor("the confirmation closed", `document.querySelector('#lot-cancel-dialog:modal') === null`)
	if got := b.text(`[data-testid=estimated-balance]`); got == "USD 0.00" {
		t.Fatal("closing the confirmation canceled the credit")
	}

	openConfirm()
	b.do("Shift+Tab to Cancel credit", chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(kb.ModifierShift)))
	b.waitFor("focus on the confirmation's Cancel credit", `document.activeElement.matches('[data-testid=lot-cancel-confirm]')`)
	b.load("confirm: htmx follows the redirect to the page", chromedp.KeyEvent(kb.Enter))
	b.waitFor("the page reloaded with the credit canceled", `document.querySelector('[data-testid=lot-select]') === null &&
		document.querySelector('[data-testid=canceled-credit]') !== null`)
	if got := b.text(`[data-testid=canceled-credit]`); got != "-USD 2,000.00" {
		t.Errorf("canceled credit %q, want -USD 2,000.00", got)
	}
	if csp := console.matching("Content Security Policy"); len(csp) > 0 {
		t.Errorf("CSP violations: %v", csp)
	}
}
