package web_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/mail/mailtest"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

const newPassword = "a-new-password-1"

// linkOf checks an email carrying a one-time link: its one recipient, its subject, the same link
// in both parts, leading back to the server under -public-url; it returns the link's path.
func linkOf(t *testing.T, h *harness, m mailtest.Message, to, subject string) string {
	t.Helper()
	if !slices.Equal(m.To, []string{to}) || !slices.Equal(m.EnvelopeTo, []string{to}) || m.Subject != subject || m.From != "creditdesk@northwind.example" {
		t.Errorf("email to %q (envelope %q) from %s, subject %q; want to %s, %q", m.To, m.EnvelopeTo, m.From, m.Subject, to, subject)
	}
	link, err := m.Link(h.server.URL + "/password/set/")
	if err != nil {
		t.Fatalf("%v\ntext:\n%s\nhtml:\n%s", err, m.Text, m.HTML)
	}
	if !strings.Contains(m.Text, to) || !strings.Contains(m.HTML, to) || !strings.Contains(m.Text, "UTC") {
		t.Errorf("the parts do not name the account and the expiry:\n%s\n%s", m.Text, m.HTML)
	}
	return strings.TrimPrefix(link, h.server.URL)
}

// setPasswordBy posts a password to a one-time link.
func setPasswordBy(c *client, path, pw, confirm string) (*http.Response, string) {
	return c.post(path, url.Values{"password": {pw}, "confirm": {confirm}})
}

// TestForgotPasswordResetsAndEndsSessions (issue 12): Forgot password emails a reset link; the
// answer for an unknown address is the same; the link sets the password once, ends the user's
// other sessions and signs this one in. On SQLite and PostgreSQL.
func TestForgotPasswordResetsAndEndsSessions(t *testing.T) {
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) {
		h := newMailHarness(t, d, "testdata/roles.json")
		other := h.signedIn(t, partnerHolder)
		anon := h.client(t)
		if resp, body := anon.get("/signin"); resp.StatusCode != ok || !strings.Contains(body, `href="/password/forgot"`) {
			t.Fatalf("the sign-in page has no Forgot password link: %d", resp.StatusCode)
		}
		resp, known := anon.post("/password/forgot", url.Values{"email": {" Partner.Holder@Fabrikam.example "}})
		if resp.StatusCode != ok || !strings.Contains(known, "If partner.holder@fabrikam.example belongs to an account") {
			t.Fatalf("forgot: %d %.500s", resp.StatusCode, known)
		}
		path := linkOf(t, h, h.mail.Next(t), partnerHolder, "Reset your CreditDesk password")

		resp, unknown := anon.post("/password/forgot", url.Values{"email": {"ghost@fabrikam.example"}})
		h.web.WaitBackground()
		if resp.StatusCode != ok || strings.ReplaceAll(unknown, "ghost@fabrikam.example", partnerHolder) != known {
			t.Errorf("an unknown address is answered differently: %d", resp.StatusCode)
		}
		if n := h.mail.Pending(); n != 0 {
			t.Errorf("%d emails for an unknown address", n)
		}

		if resp, body := anon.get(path); resp.StatusCode != ok || !strings.Contains(body, partnerHolder) ||
			resp.Header.Get("Referrer-Policy") != "no-referrer" {
			t.Fatalf("the link's page: %d %s", resp.StatusCode, resp.Header.Get("Referrer-Policy"))
		}
		for _, tt := range []struct{ name, pw, confirm, want string }{
			{"too short", "short", "short", "at least 12 characters"},
			{"different", newPassword, newPassword + "x", "The two passwords differ"},
		} {
			if resp, body := setPasswordBy(anon, path, tt.pw, tt.confirm); resp.StatusCode != bad || !strings.Contains(body, tt.want) {
				t.Errorf("%s: %d, want 422 with %q", tt.name, resp.StatusCode, tt.want)
			}
		}
		if resp, body := setPasswordBy(anon, path, newPassword, newPassword); resp.StatusCode != see || resp.Header.Get("Location") != "/" {
			t.Fatalf("set password: %d %.300s", resp.StatusCode, body)
		}
		if resp, _ := anon.get("/benefits"); resp.StatusCode != ok {
			t.Errorf("after the reset this client is not signed in: %d", resp.StatusCode)
		}
		if resp, _ := other.get("/benefits"); resp.StatusCode != see {
			t.Errorf("the other session survived the reset: %d", resp.StatusCode)
		}
		if resp, body := setPasswordBy(h.client(t), path, "another-password-2", "another-password-2"); resp.StatusCode != gone || !strings.Contains(body, "does not work") {
			t.Errorf("the link used twice: %d", resp.StatusCode)
		}
		again := h.client(t)
		resp, _ = again.post("/signin", url.Values{"email": {partnerHolder}, "password": {newPassword}})
		if resp.StatusCode != see {
			t.Errorf("sign in with the new password: %d", resp.StatusCode)
		}
	})
}

// TestResetLinkExpiresOnTheWallClock: seven days of wall time end a link, whatever the business
// clock does; moving the business clock does not.
func TestResetLinkExpiresOnTheWallClock(t *testing.T) {
	t.Parallel()
	h := newMailHarness(t, store.SQLite, "testdata/roles.json")
	c := h.client(t)
	c.post("/password/forgot", url.Values{"email": {partnerHolder}})
	path := linkOf(t, h, h.mail.Next(t), partnerHolder, "Reset your CreditDesk password")
	h.clock.T = h.clock.T.AddDate(1, 0, 0)
	if resp, _ := c.get(path); resp.StatusCode != ok {
		t.Errorf("a year of business time ended the link: %d", resp.StatusCode)
	}
	h.wall.T = h.wall.T.Add(7*24*time.Hour - time.Minute)
	if resp, _ := c.get(path); resp.StatusCode != ok {
		t.Errorf("the link ended before 7 days: %d", resp.StatusCode)
	}
	h.wall.T = h.wall.T.Add(time.Minute)
	if resp, body := setPasswordBy(c, path, newPassword, newPassword); resp.StatusCode != gone || !strings.Contains(body, "does not work") {
		t.Errorf("the link works after 7 days: %d", resp.StatusCode)
	}
}

// TestForgotPasswordLimitsAndBadInput: a malformed address is refused on the field; requests are
// limited per address (3 an hour) whether or not it has an account, and per client (20).
func TestForgotPasswordLimitsAndBadInput(t *testing.T) {
	t.Parallel()
	h := newMailHarness(t, store.SQLite, "testdata/roles.json")
	c := h.client(t)
	for _, e := range []string{"", "not an email", "Ana <ana@fabrikam.example>", strings.Repeat("a", 250) + "@fabrikam.example"} {
		if resp, body := c.post("/password/forgot", url.Values{"email": {e}}); resp.StatusCode != bad || !strings.Contains(body, "Enter the email you sign in with") {
			t.Errorf("email %q: %d, want 422 naming the field", e, resp.StatusCode)
		}
	}
	for _, email := range []string{"ghost@fabrikam.example", partnerHolder} {
		for i := 1; i <= 4; i++ {
			resp, body := c.post("/password/forgot", url.Values{"email": {email}})
			if want := map[bool]int{true: ok, false: http.StatusTooManyRequests}[i <= 3]; resp.StatusCode != want {
				t.Errorf("%s request %d: %d, want %d %.200s", email, i, resp.StatusCode, want, body)
			}
		}
	}
	h.web.WaitBackground()
	if got := len(h.mail.Messages()); got != 3 {
		t.Errorf("%d emails, want 3: the limit holds for the known address", got)
	}
	for i := range 14 { // 20 from this client in the hour
		c.post("/password/forgot", url.Values{"email": {"x" + strings.Repeat("y", i) + "@fabrikam.example"}})
	}
	if resp, _ := c.post("/password/forgot", url.Values{"email": {"fresh@fabrikam.example"}}); resp.StatusCode != http.StatusTooManyRequests {
		t.Errorf("the 21st request of a client: %d, want 429", resp.StatusCode)
	}
	h.wall.T = h.wall.T.Add(time.Hour + time.Second)
	if resp, _ := c.post("/password/forgot", url.Values{"email": {"fresh@fabrikam.example"}}); resp.StatusCode != ok {
		t.Errorf("an hour later: %d, want 200", resp.StatusCode)
	}
	if resp, _ := c.do("POST", "/password/forgot", url.Values{"email": {partnerHolder}}, nil); resp.StatusCode != no {
		t.Errorf("forgot without a CSRF token: %d, want 403", resp.StatusCode)
	}
	if resp, _ := c.do("POST", "/password/set/anything", url.Values{"password": {newPassword}, "confirm": {newPassword}}, nil); resp.StatusCode != no {
		t.Errorf("set password without a CSRF token: %d, want 403", resp.StatusCode)
	}
}

// TestForgotPasswordTakesAsLongForUnknownAddresses: the lookup and the email happen after the
// answer, so answering for addresses with accounts takes no obviously longer than for others.
func TestForgotPasswordTakesAsLongForUnknownAddresses(t *testing.T) {
	t.Parallel()
	h := newMailHarness(t, store.SQLite, "testdata/roles.json")
	c := h.client(t)
	c.csrf()
	// Each answer is timed alone: the background work of one request is waited for outside the
	// timing, so that it does not slow the next one down (SQLite has one writer).
	timeOf := func(emails []string) time.Duration {
		var total time.Duration
		for _, e := range emails {
			start := time.Now()
			if resp, _ := c.post("/password/forgot", url.Values{"email": {e}}); resp.StatusCode != ok {
				t.Fatalf("%s: %d", e, resp.StatusCode)
			}
			total += time.Since(start)
			h.web.WaitBackground()
		}
		return total
	}
	known := []string{partnerHolder, partnerAdmin, partnerMember, otherPartnerAd, "account.owner@northwind.example"}
	unknown := []string{"u1@fabrikam.example", "u2@fabrikam.example", "u3@fabrikam.example", "u4@fabrikam.example", "u5@fabrikam.example"}
	tk, tu := timeOf(known), timeOf(unknown)
	if tk > 2*tu+100*time.Millisecond {
		t.Errorf("5 known addresses took %v, 5 unknown ones %v", tk, tu)
	}
	h.web.WaitBackground()
	if got := len(h.mail.Messages()); got != len(known) {
		t.Errorf("%d emails, want %d", got, len(known))
	}
}

// TestInvitationFromAddUser (issue 12): Add a new user emails an invitation; the tab shows it
// pending and can resend it (the old link stops) or revoke it; the invited user chooses a
// password, signs in and redeems (P5).
func TestInvitationFromAddUser(t *testing.T) {
	t.Parallel()
	h := newMailHarness(t, store.SQLite, "testdata/roles.json")
	admin := h.signedIn(t, partnerAdmin)
	pane := partPath + "/benefits/b-001"
	resp, body := admin.postHTMX(pane+"/add-user", url.Values{"name": {"Nia Patel"}, "email": {"Nia@Fabrikam.example"}})
	if resp.StatusCode != ok || !strings.Contains(visible(t, body), "An invitation to choose a password was sent to nia@fabrikam.example") ||
		!strings.Contains(body, `data-testid="invitation-pending"`) {
		t.Fatalf("add user: %d %.600s", resp.StatusCode, body)
	}
	m := h.mail.Next(t)
	first := linkOf(t, h, m, "nia@fabrikam.example", "You are invited to CreditDesk")
	if !strings.Contains(m.Text, "Hello Nia Patel,") || !strings.Contains(m.HTML, "Choose your password") {
		t.Errorf("invitation parts:\n%s\n%s", m.Text, m.HTML)
	}

	resp, body = admin.postHTMX(pane+"/invitation", nil)
	if resp.StatusCode != ok || !strings.Contains(body, "An invitation to choose a password was sent") {
		t.Fatalf("resend: %d %.300s", resp.StatusCode, body)
	}
	second := linkOf(t, h, h.mail.Next(t), "nia@fabrikam.example", "You are invited to CreditDesk")
	if resp, _ := admin.get(first); resp.StatusCode != gone {
		t.Errorf("the first link after a resend: %d, want 404", resp.StatusCode)
	}
	resp, body = admin.postHTMX(pane+"/invitation/revoke", nil)
	if resp.StatusCode != ok || !strings.Contains(body, "was revoked") || !strings.Contains(body, "no invitation is pending") {
		t.Fatalf("revoke: %d %.300s", resp.StatusCode, body)
	}
	if resp, _ := admin.get(second); resp.StatusCode != gone {
		t.Errorf("the link after revocation: %d, want 404", resp.StatusCode)
	}
	if resp, body := admin.postHTMX(pane+"/invitation/revoke", nil); resp.StatusCode != bad || !strings.Contains(body, "No invitation to nia@fabrikam.example is pending") {
		t.Errorf("revoking nothing: %d", resp.StatusCode)
	}
	admin.postHTMX(pane+"/invitation", nil)
	third := linkOf(t, h, h.mail.Next(t), "nia@fabrikam.example", "You are invited to CreditDesk")

	nia := h.client(t)
	if resp, body := nia.get(third); resp.StatusCode != ok || !strings.Contains(body, "Welcome to CreditDesk") {
		t.Fatalf("the invitation's page: %d", resp.StatusCode)
	}
	if resp, _ := setPasswordBy(nia, third, newPassword, newPassword); resp.StatusCode != see {
		t.Fatalf("choose a password: %d", resp.StatusCode)
	}
	if resp, body := nia.post("/benefits/b-001/redeem", nil); resp.StatusCode != see {
		t.Errorf("redeem: %d %.300s", resp.StatusCode, body)
	}
	if _, body := admin.get(pane + "?tab=activate"); strings.Contains(body, `data-testid="holder-no-password"`) {
		t.Error("the tab still says the holder has no password")
	}
	if resp, _ := admin.do("POST", pane+"/invitation", url.Values{}, nil); resp.StatusCode != no {
		t.Errorf("resend without a CSRF token: %d, want 403", resp.StatusCode)
	}
}

// TestInvitationFromRoleGrant: granting a role to an email without an account emails an
// invitation.
func TestInvitationFromRoleGrant(t *testing.T) {
	t.Parallel()
	h := newMailHarness(t, store.SQLite, "testdata/roles.json")
	c := h.signedIn(t, "account.owner@northwind.example")
	resp, body := c.postHTMX(accountPath+"/access", url.Values{"email": {"new.reader@northwind.example"}, "role": {"reader"}})
	if resp.StatusCode != ok || !strings.Contains(body, `An invitation to choose a password was sent to <span class="email">new.reader<wbr>@northwind.example</span>.`) {
		t.Fatalf("grant: %d %.400s", resp.StatusCode, body)
	}
	path := linkOf(t, h, h.mail.Next(t), "new.reader@northwind.example", "You are invited to CreditDesk")
	reader := h.client(t)
	if resp, _ := setPasswordBy(reader, path, newPassword, newPassword); resp.StatusCode != see {
		t.Fatalf("choose a password: %d", resp.StatusCode)
	}
	if resp, _ := reader.get(accountPath); resp.StatusCode != ok {
		t.Errorf("the invited reader opens the account: %d", resp.StatusCode)
	}
	u, _ := h.store.UserByEmail(context.Background(), "new.reader@northwind.example")
	if !u.HasPassword() {
		t.Error("no password after the invitation")
	}
}
