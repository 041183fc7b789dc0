package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/creditdesk/creditdesk/internal/password"
)

// The Benefits workspace as the browser test finds it.
const (
	notRedeemedChip = `[data-testid=filter-not-redeemed]`
	benefitRows     = `[data-testid=benefit-row]`
	newUser         = "nia@fabrikam.example"
)

// rowOf selects the list row of a benefit; rowStatus also requires its status.
func rowOf(id string) string { return `tr[data-benefit="` + id + `"]` }

func rowStatus(id, status string) string { return rowOf(id) + `[data-status="` + status + `"]` }

// TestBrowserPartnerAdminAssignsAndUserRedeems: the partner admin filters Not redeemed in
// place (P2), opens a benefit's side pane (P4), adds a new user and assigns the benefit in one
// step, assigns another through the type-ahead search, and sees each row refresh in place
// without a page load; the new user follows the invitation email's link (issue 12), chooses a
// password, is signed in, finds "Benefits assigned to me" and redeems into a new subscription
// valid 13 months (P5, P11);
// a member without the partner admin role gets no access to the workspace (P1). No CSP
// violation or script error happens on the way.
func TestBrowserPartnerAdminAssignsAndUserRedeems(t *testing.T) {
	t.Parallel()
	h, b := newBrowserMailHarness(t)
	console := b.watchConsole()

	b.signIn(partnerAdmin)
	if got := b.location(); got != "/partners" {
		t.Fatalf("a partner admin without billing scopes lands on %s, want /partners", got)
	}
	b.load("open the workspace", chromedp.Click(chromedp.CSS(`[data-testid=partner-row] a`)))
	b.do("wait for the list", chromedp.WaitVisible(chromedp.CSS(`[data-testid=benefits]`)))

	// Not redeemed: the list narrows in place and the URL is pushed.
	b.markWindow()
	b.do("filter Not redeemed", chromedp.Click(chromedp.CSS(notRedeemedChip)))
	b.waitFor("only not-redeemed benefits, URL pushed", `location.search === '?filter=not-redeemed' &&
		[...document.querySelectorAll('`+benefitRows+`')].every(r => r.dataset.status === 'NotRedeemed') &&
		document.querySelector('`+rowOf("b-001")+`') !== null && document.querySelector('`+rowOf("b-002")+`') === null`)
	b.settled()
	if !b.marked() {
		t.Fatal("the quick filter reloaded the page; want the table swapped in place")
	}
	b.screenshot("benefits-not-redeemed")

	// The side pane, Activate benefits, Add a new user: the row becomes Assigned in place.
	b.do("open b-001", chromedp.Click(chromedp.CSS(rowOf("b-001")+` [data-testid=open-benefit]`)))
	b.waitFor("the pane of b-001", `document.querySelector('[data-testid=pane-body][data-benefit="b-001"]') !== null`)
	b.settled()
	b.do("open Activate benefits", chromedp.Click(chromedp.CSS(`[data-testid=tab-activate]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=add-user-form]`)))
	b.settled()
	b.do("add a new user",
		chromedp.SendKeys(chromedp.CSS(`[data-testid=add-name]`), "Nia Patel"),
		chromedp.SendKeys(chromedp.CSS(`[data-testid=add-email]`), newUser),
		chromedp.Click(chromedp.CSS(`[data-testid=add-user-submit]`)),
		chromedp.WaitVisible(chromedp.CSS(rowStatus("b-001", "Assigned"))))
	if got := b.text(rowOf("b-001") + ` [data-testid=benefit-holder]`); !strings.Contains(got, newUser) {
		t.Errorf("row b-001 holder = %q, want %s", got, newUser)
	}
	if got := b.text(`[data-testid=pane] [data-testid=flash]`); !strings.Contains(got, "Assigned "+newUser+" to b-001") ||
		!strings.Contains(got, "An invitation to choose a password was sent to "+newUser) {
		t.Errorf("pane message = %q", got)
	}
	if got := b.text(`[data-testid=invitation-pending]`); !strings.Contains(got, "Invitation pending") {
		t.Errorf("the tab says %q, want the invitation pending", got)
	}
	if !b.marked() {
		t.Fatal("assigning reloaded the page; want the pane and the row swapped in place")
	}
	b.screenshot("benefits-assigned")

	// The type-ahead: search the members, Assign user on the bulk credit b-003.
	b.settled()
	b.do("open b-003", chromedp.Click(chromedp.CSS(rowOf("b-003")+` [data-testid=open-benefit]`)))
	b.waitFor("the pane of b-003", `document.querySelector('[data-testid=pane-body][data-benefit="b-003"]') !== null`)
	b.settled()
	b.do("open Activate benefits", chromedp.Click(chromedp.CSS(`[data-testid=tab-activate]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-testid=member-search]`)))
	b.settled()
	b.do("search for the member", chromedp.SendKeys(chromedp.CSS(`[data-testid=member-search]`), "Partner Mem"))
	b.waitFor("one match", `[...document.querySelectorAll('[data-testid=member-option]')].map(o => o.dataset.email).join() === '`+partnerMember+`'`)
	b.settled()
	b.do("assign the member", chromedp.Click(chromedp.CSS(`[data-testid=member-option] [data-testid=assign-member]`)),
		chromedp.WaitVisible(chromedp.CSS(rowStatus("b-003", "Assigned"))))
	if !b.marked() {
		t.Fatal("the type-ahead assignment reloaded the page")
	}

	// The new user follows the invitation email's link, chooses a password and is signed in.
	ctx := context.Background()
	if u, err := h.store.UserByEmail(ctx, newUser); err != nil || !password.IsUnset(u.PasswordHash) {
		t.Fatalf("the new user %+v, %v: want an account without a password until the invitation", u, err)
	}
	link, err := h.mail.Next(t).Link(h.server.URL + "/password/set/")
	if err != nil {
		t.Fatal(err)
	}
	b.signOut()
	b.load("follow the invitation", chromedp.Navigate(strings.Replace(link, h.server.URL, b.base, 1)))
	if got := b.text(`[data-testid=link-email]`); got != newUser {
		t.Errorf("the invitation page is for %q, want %s", got, newUser)
	}
	b.do("choose a password",
		chromedp.SendKeys(chromedp.CSS(`[data-testid=new-password]`), testPassword),
		chromedp.SendKeys(chromedp.CSS(`[data-testid=confirm-password]`), testPassword))
	b.load("set the password", chromedp.Click(chromedp.CSS(`[data-testid=set-password-submit]`)))
	if got := b.location(); got != "/benefits" {
		t.Fatalf("a member who is no partner admin, without billing scopes, lands on %s, want /benefits", got)
	}
	b.markWindow()
	// Activation cannot be undone (P5): it asks first in a modal dialog; Cancel changes nothing.
	b.do("open the confirmation", chromedp.Click(chromedp.CSS(`[data-benefit="b-001"] [data-testid=redeem]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-benefit="b-001"] [data-testid=redeem-dialog]`)))
	if !eval[bool](b, `document.querySelector('[data-benefit="b-001"] [data-testid=redeem-dialog]').matches(':modal')`) {
		t.Errorf("the confirmation is not a modal dialog")
	}
	b.do("cancel", chromedp.Click(chromedp.CSS(`[data-benefit="b-001"] [data-testid=redeem-cancel]`)))
	b.waitFor("the dialog closes", `!document.querySelector('[data-benefit="b-001"] [data-testid=redeem-dialog]').open`)
	if got := b.text(`[data-benefit="b-001"] [data-testid=my-benefit-status]`); got != "Assigned" {
		t.Errorf("status %q after Cancel, want Assigned", got)
	}
	b.do("activate b-001", chromedp.Click(chromedp.CSS(`[data-benefit="b-001"] [data-testid=redeem]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-benefit="b-001"] [data-testid=redeem-confirm]`)),
		chromedp.Click(chromedp.CSS(`[data-benefit="b-001"] [data-testid=redeem-confirm]`)),
		chromedp.WaitVisible(chromedp.CSS(`[data-benefit="b-001"] [data-testid=subscription-id]`)))
	sub := b.text(`[data-benefit="b-001"] [data-testid=subscription-id]`)
	if len(sub) != 36 || !strings.Contains(b.text(`#my-benefits [data-testid=flash]`), sub) {
		t.Errorf("subscription %q is not a new GUID shown in the message", sub)
	}
	if got := b.text(`[data-benefit="b-001"] [data-testid=valid-until]`); !strings.Contains(got, "13 months from activation") {
		t.Errorf("valid until = %q, want 13 months from activation (P11)", got)
	}
	if got := b.text(`[data-benefit="b-001"] [data-testid=my-benefit-status]`); got != "Redeemed" || !b.marked() {
		t.Errorf("status %q after activating in place, want Redeemed", got)
	}
	b.screenshot("benefits-redeemed")

	// A member without the partner admin role: the organisation is listed, the workspace is not.
	b.signOut()
	b.signIn(partnerMember)
	if n := eval[int](b, `document.querySelectorAll('[data-testid=partner-row] a').length`); n != 0 {
		t.Errorf("a member sees %d workspace links, want none (P1)", n)
	}
	resp, err := chromedp.RunResponse(b.ctx, chromedp.Navigate(b.base+partPath+"/benefits"))
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != http.StatusForbidden || !strings.Contains(b.text(`[data-testid=error]`), "Only a partner admin") {
		t.Errorf("a member opening the workspace: status %d, want 403 with the P1 message", resp.Status)
	}
	if got := console.matching("Content Security Policy"); len(got) > 0 {
		t.Errorf("CSP violations: %q", got)
	}
	if got := console.matching("exception:"); len(got) > 0 {
		t.Errorf("uncaught exceptions: %q", got)
	}
}
