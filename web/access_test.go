package web_test

import (
	"context"
	"maps"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/store"
)

var htmxHeaders = map[string]string{"HX-Request": "true"}

// postHTMX posts a form as htmx does: token in the X-CSRF-Token header.
func (c *client) postHTMX(path string, form url.Values) (*http.Response, string) {
	h := map[string]string{"X-CSRF-Token": c.csrf()}
	maps.Copy(h, htmxHeaders)
	return c.do("POST", path, form, h)
}

// TestGrantRefreshesPanelAndAudits: an owner grants a role with htmx and gets the refreshed panel
// (not a page); bad input names the field with 422 and grants nothing; the grant is audited (X1).
func TestGrantRefreshesPanelAndAudits(t *testing.T) {
	t.Parallel()
	for _, d := range []store.Dialect{store.SQLite} {
		h := newHarness(t, d, "testdata/roles.json", false)
		c := h.signedIn(t, "account.owner@northwind.example")
		resp, body := c.postHTMX(accountPath+"/access", url.Values{"email": {"Outsider@Elsewhere.example"}, "role": {"contributor"}})
		if resp.StatusCode != http.StatusOK || strings.Contains(body, "<html") || !strings.Contains(body, "outsider@elsewhere.example") {
			t.Fatalf("grant: status %d, body %.300s", resp.StatusCode, body)
		}
		tests := []struct {
			name, email, role, field string
		}{
			{"empty email", "", "reader", "Enter the email"},
			{"malformed email", "not an email", "reader", "Enter an email address"},
			{"already held", "outsider@elsewhere.example", "contributor", "already holds"},
			{"a second role", "account.owner@northwind.example", "reader", "already holds the Owner role here"},
			{"invoice manager on an account", "profile.reader@northwind.example", "invoiceManager", "Choose one of the roles"},
			{"unknown role", "profile.reader@northwind.example", "admin", "Choose one of the roles"},
		}
		for _, tt := range tests {
			resp, body := c.postHTMX(accountPath+"/access", url.Values{"email": {tt.email}, "role": {tt.role}})
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, tt.field) {
				t.Errorf("%s: status %d, want 422 with %q\n%.400s", tt.name, resp.StatusCode, tt.field, body)
			}
		}
		account := store.Scope{Account: profileScope(t, h.store).Account}
		rows, err := h.store.AssignmentsOn(t.Context(), account)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 4 {
			t.Errorf("after one grant and five refusals the account has %d assignments, want 4", len(rows))
		}
		events, _ := h.store.AuditOf(t.Context(), account.ID(), 0, 1)
		if len(events) != 1 {
			t.Fatalf("newest audit events %+v", events)
		}
		entry, _, err := events[0].Entry()
		if err != nil || entry.Action != store.AuditRoleGranted || events[0].Target != "outsider@elsewhere.example" ||
			len(entry.After.Args) != 1 || entry.After.Args[0] != access.Contributor {
			t.Errorf("newest audit event %+v (%v)", entry, err)
		}
		// An email without an account gets one and the role; without a mail server the panel
		// says that an operator passes the invitation on (issue 12).
		resp, body = c.postHTMX(accountPath+"/access", url.Values{"email": {"ghost@northwind.example"}, "role": {"reader"}})
		flash := strings.Join(strings.Fields(doc(t, body).Find(testid("flash")).Text()), " ")
		if resp.StatusCode != http.StatusOK || !strings.HasPrefix(flash, "ghost@northwind.example now holds the Reader role. Invitations cannot be sent") ||
			!strings.Contains(body, `<span class="email">ghost<wbr>@northwind.example</span> now holds`) {
			t.Errorf("grant to a new email: %d %.400s", resp.StatusCode, body)
		}
		if u, err := h.store.UserByEmail(context.Background(), "ghost@northwind.example"); err != nil || u.HasPassword() {
			t.Errorf("the invitee %+v, %v: want an account without a password", u, err)
		}
	}
}

// TestLastOwnerRemovalRefusedInPlace: M4 through the UI: the refusal is a 409 whose message is
// swapped into the panel; the owner stays.
func TestLastOwnerRemovalRefusedInPlace(t *testing.T) {
	t.Parallel()
	h, c := rolesAs(t, "account.owner@northwind.example")
	rows, err := h.store.AssignmentsOn(t.Context(), store.Scope{Account: profileScope(t, h.store).Account})
	if err != nil {
		t.Fatal(err)
	}
	var ownerID int64
	for _, r := range rows {
		if r.Role == "owner" {
			ownerID = r.ID
		}
	}
	resp, body := c.postHTMX(accountPath+"/access/"+strconv.FormatInt(ownerID, 10)+"/remove", nil)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(body, "last owner") {
		t.Errorf("removing the last owner: status %d\n%.300s", resp.StatusCode, body)
	}
	if resp, _ := c.postHTMX(accountPath+"/access/999999/remove", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("removing an unknown assignment: status %d, want 404", resp.StatusCode)
	}
	if resp, _ := c.postHTMX(accountPath+"/access/abc/remove", nil); resp.StatusCode != http.StatusNotFound {
		t.Errorf("removing a malformed id: status %d, want 404", resp.StatusCode)
	}
}

// TestGrantWithoutJavaScriptRedirects: the form works without htmx: post, redirect, flash.
func TestGrantWithoutJavaScriptRedirects(t *testing.T) {
	t.Parallel()
	_, c := rolesAs(t, "profile.owner@northwind.example")
	resp, _ := c.post(profilePath+"/access", url.Values{"email": {"account.reader@northwind.example"}, "role": {"invoiceManager"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != profilePath+"/access" {
		t.Fatalf("status %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body := c.get(profilePath + "/access")
	if !strings.Contains(doc(t, body).Find(`[data-testid="flash"]`).Text(), "Invoice manager") {
		t.Error("no confirmation after the redirect")
	}
	_, again := c.get(profilePath + "/access")
	if doc(t, again).Find(`[data-testid="flash"]`).Length() != 0 {
		t.Error("the confirmation shows twice")
	}
}
