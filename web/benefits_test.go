package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/store"
)

// workspaceState is everything a workspace form could change, to prove a refusal changed nothing.
func workspaceState(t *testing.T, h *harness) string {
	t.Helper()
	ctx := context.Background()
	var b strings.Builder
	for _, id := range []string{partnerID, "5550001"} {
		p, err := h.store.PartnerByExternalID(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		page, err := h.store.BenefitsOfPartner(ctx, p.ID, store.BenefitQuery{Sort: store.SortID, Limit: 100, Now: h.clock.Now()})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range page.Rows {
			fmt.Fprintf(&b, "%s %s %s %d\n", r.Benefit.ID, r.Benefit.AssignedTo, r.Benefit.SubscriptionID, r.Reassignments)
		}
		members, _ := h.store.MembersOfPartner(ctx, p.ID, "", 100)
		fmt.Fprintf(&b, "%d members\n", len(members))
	}
	n, _ := h.store.UserCount(ctx)
	fmt.Fprintf(&b, "%d users\n", n)
	return b.String()
}

// TestBenefitsListFiltersInPlace: the quick filter Not redeemed lists exactly the available
// unassigned benefits (P2); htmx gets the table alone, a plain request the page; search,
// sort and an unknown filter behave (X2).
func TestBenefitsListFiltersInPlace(t *testing.T) {
	t.Parallel()
	_, c := rolesAs(t, partnerAdmin)
	tests := []struct {
		name, query string
		status      int
		want, not   []string
	}{
		{"all", "", ok, []string{"b-001", "b-002", "b-005", "b-006", "b-007", "Pending provisioning", "Available on", "Jun 17, 2026",
			"1-7 of 7 benefits"}, []string{"c-001"}},
		{"page past the end", "?page=3", ok, []string{"Page 3 is past the end of the 7 benefits."}, nil},
		{"P2 not redeemed", "?filter=not-redeemed", ok, []string{"b-001", "b-003"}, []string{"b-002", "b-005", "b-006", "b-007"}},
		{"redeemed", "?filter=redeemed", ok, []string{"b-007"}, []string{"b-001", "b-002"}},
		{"monthly", "?filter=monthly", ok, []string{"b-001", "b-002", "b-005"}, []string{"b-003", "b-007"}},
		{"bulk", "?filter=bulk", ok, []string{"b-003", "b-004"}, []string{"b-001", "b-007"}},
		{"search by holder", "?q=holder", ok, []string{"b-002", "b-004", "b-007"}, []string{"b-001", "b-003"}},
		{"sort by id descending", "?sort=id&dir=desc", ok, []string{"b-007"}, nil},
		{"X2 unknown filter", "?filter=bogus", bad, []string{"is not a filter", "b-001", "b-007"}, nil},
		{"X2 search too long", "?q=" + strings.Repeat("x", 201), http.StatusBadRequest, []string{"longer than 200"}, nil},
		{"X2 search with a control character", "?q=a%00b", http.StatusBadRequest, []string{"without control characters"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := c.do("GET", partPath+"/benefits"+tt.query, nil, htmxHeaders)
			if resp.StatusCode != tt.status {
				t.Fatalf("status %d, want %d\n%.300s", resp.StatusCode, tt.status, body)
			}
			if tt.status == ok && (strings.Contains(body, "<html") || !strings.Contains(body, `id="benefits-table"`)) {
				t.Errorf("htmx got %.200s, want the table fragment", body)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q", w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(body, `data-benefit="`+n+`"`) {
					t.Errorf("body lists %s", n)
				}
			}
		})
	}
	resp, body := c.get(partPath + "/benefits?filter=not-redeemed")
	if resp.StatusCode != ok || !strings.Contains(body, "<html") || !strings.Contains(body, `aria-current="true"`) ||
		!strings.Contains(strings.Join(resp.Header.Values("Vary"), ","), "HX-Request") {
		t.Errorf("plain GET: status %d, Vary %q, want the whole page with the active filter", resp.StatusCode, resp.Header.Values("Vary"))
	}
}

// TestPaneAssignRefreshesRowInPlace: the pane opens as a fragment for htmx and as a page
// without JavaScript (P4); Assign user answers the pane and the list row out of band; the
// change is audited (X1) and shown to the partner admin.
func TestPaneAssignRefreshesRowInPlace(t *testing.T) {
	t.Parallel()
	_, c := rolesAs(t, partnerAdmin)
	resp, body := c.do("GET", partPath+"/benefits/b-001?tab=activate", nil, htmxHeaders)
	if resp.StatusCode != ok || strings.Contains(body, "<html") || !strings.Contains(body, `data-testid="member-option"`) {
		t.Fatalf("pane fragment: %d %.300s", resp.StatusCode, body)
	}
	if resp, body := c.get(partPath + "/benefits/b-001"); resp.StatusCode != ok || !strings.Contains(body, "<html") {
		t.Fatalf("pane page: %d", resp.StatusCode)
	}
	resp, body = c.do("GET", partPath+"/benefits/b-001/members?q=MEMBER", nil, htmxHeaders)
	if resp.StatusCode != ok || !strings.Contains(body, partnerMember) || strings.Contains(body, partnerAdmin) {
		t.Errorf("type-ahead: %d %.400s", resp.StatusCode, body)
	}
	resp, body = c.postHTMX(partPath+"/benefits/b-001/assign", url.Values{"user": {partnerMember}})
	if resp.StatusCode != ok || !strings.Contains(body, `hx-swap-oob="true"`) || !strings.Contains(body, `data-status="Assigned"`) ||
		!strings.Contains(visible(t, body), "Assigned "+partnerMember+" to b-001") {
		t.Fatalf("assign: %d %.600s", resp.StatusCode, body)
	}
	_, body = c.get(partPath + "/audit")
	// The log may break an email before its @ (a <wbr>), and nowhere else.
	if !strings.Contains(body, "benefit.assign") || !strings.Contains(strings.ReplaceAll(body, "<wbr>", ""), partnerMember) {
		t.Errorf("the audit log lacks the assignment:\n%.600s", body)
	}
	// Without JavaScript: post, redirect, get the pane with the message.
	resp, _ = c.post(partPath+"/benefits/b-002/reassign", url.Values{"user": {partnerMember}})
	if resp.StatusCode != see || !strings.HasSuffix(resp.Header.Get("Location"), "/benefits/b-002?tab=activate") {
		t.Fatalf("reassign without htmx: %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = c.get(resp.Header.Get("Location"))
	if !strings.Contains(visible(t, body), "Reassigned b-002") || !strings.Contains(body, "1 of 5 used") {
		t.Errorf("pane after the reassignment lacks the message or 1 of 5 used (P12):\n%.300s", body)
	}
}

// TestBadInputOnEveryFormChangesNothing: each form refuses empty, too long, wrong-domain,
// unknown-user and tampered input with a message in the form (422 for malformed input, 409
// for a rule, 404 for a benefit of another organisation) and nothing is stored (X2).
func TestBadInputOnEveryFormChangesNothing(t *testing.T) {
	t.Parallel()
	h := rolesHarness(t)
	admin, holder := h.signedIn(t, partnerAdmin), h.signedIn(t, partnerHolder)
	long := strings.Repeat("a", 250) + "@fabrikam.example"
	tests := []struct {
		name   string
		c      *client
		path   string
		form   url.Values
		status int
		text   string
	}{
		{"assign: empty user", admin, "/benefits/b-001/assign", url.Values{"user": {""}}, bad, "Enter an email address"},
		{"assign: too long", admin, "/benefits/b-001/assign", url.Values{"user": {long}}, bad, "longer than 254"},
		{"assign: P10 free mail", admin, "/benefits/b-001/assign", url.Values{"user": {"raj@Gmail.com"}}, http.StatusConflict, "free-hosted"},
		{"assign: P10 wrong domain", admin, "/benefits/b-001/assign", url.Values{"user": {"raj@contoso.example"}}, http.StatusConflict, "not a domain of this organisation"},
		{"assign: unknown user", admin, "/benefits/b-001/assign", url.Values{"user": {"ghost@fabrikam.example"}}, http.StatusConflict, "not a member of Fabrikam Solutions"},
		{"assign: P9 second bulk", admin, "/benefits/b-003/assign", url.Values{"user": {partnerHolder}}, http.StatusConflict, "only one bulk credit"},
		{"assign: P8 pending", admin, "/benefits/b-005/assign", url.Values{"user": {partnerMember}}, http.StatusConflict, "becomes available on"},
		{"assign: P3 expired", admin, "/benefits/b-006/assign", url.Values{"user": {partnerMember}}, http.StatusConflict, "no longer available"},
		{"assign: tampered id of another organisation", admin, "/benefits/c-001/assign", url.Values{"user": {partnerMember}}, gone, "no benefit with this id"},
		{"reassign: P6 bulk", admin, "/benefits/b-004/reassign", url.Values{"user": {partnerMember}}, http.StatusConflict, "Reassignment isn&#39;t supported"},
		{"reassign: same user", admin, "/benefits/b-002/reassign", url.Values{"user": {partnerHolder}}, http.StatusConflict, "already holds"},
		{"remove: P6 bulk", admin, "/benefits/b-004/remove", nil, http.StatusConflict, "Reassignment isn&#39;t supported"},
		{"remove: nobody assigned", admin, "/benefits/b-001/remove", nil, http.StatusConflict, "No user is assigned"},
		{"add: empty", admin, "/benefits/b-001/add-user", url.Values{"name": {""}, "email": {""}}, bad, "Enter the user"},
		{"add: too long name", admin, "/benefits/b-001/add-user", url.Values{"name": {strings.Repeat("n", 101)}, "email": {"new@fabrikam.example"}}, bad, "longer than 100"},
		{"add: P10 free mail", admin, "/benefits/b-001/add-user", url.Values{"name": {"New"}, "email": {"new@mail.gmail.com"}}, http.StatusConflict, "free-hosted"},
		{"add: P10 wrong domain", admin, "/benefits/b-001/add-user", url.Values{"name": {"New"}, "email": {"new@contoso.example"}}, http.StatusConflict, "not a domain"},
		{"add: existing member", admin, "/benefits/b-001/add-user", url.Values{"name": {"X"}, "email": {partnerMember}}, bad, "already a member"},
		{"add: tampered id", admin, "/benefits/c-001/add-user", url.Values{"name": {"New"}, "email": {"new@fabrikam.example"}}, gone, "no benefit with this id"},
		{"renew: empty date", admin, "/renew", url.Values{"renewalDate": {""}}, bad, "YYYY-MM-DD"},
		{"renew: malformed date", admin, "/renew", url.Values{"renewalDate": {"15/06/2026"}}, bad, "YYYY-MM-DD"},
		{"renew: future date", admin, "/renew", url.Values{"renewalDate": {"2026-07-01"}}, bad, "cannot be in the future"},
		{"renew: nothing begun", admin, "/renew", url.Values{"renewalDate": {"2024-01-01"}}, http.StatusConflict, "nothing to renew"},
		{"redeem: not the holder", admin, "redeem:b-002", nil, gone, "assigned to you"},
		{"redeem: P5 already redeemed", holder, "redeem:b-007", nil, http.StatusConflict, "already redeemed"},
		{"redeem: tampered id", holder, "redeem:c-001", nil, gone, "assigned to you"},
	}
	before := workspaceState(t, h)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := partPath + tt.path
			if id, ok := strings.CutPrefix(tt.path, "redeem:"); ok {
				path = "/benefits/" + id + "/redeem"
			}
			resp, body := tt.c.postHTMX(path, tt.form)
			if resp.StatusCode != tt.status || !strings.Contains(body, tt.text) {
				t.Errorf("status %d, want %d with %q\n%.500s", resp.StatusCode, tt.status, tt.text, body)
			}
			if tt.status == bad && !strings.Contains(body, "field-error") && !strings.Contains(body, "flash error") {
				t.Errorf("the message is not shown in the form:\n%.500s", body)
			}
			if after := workspaceState(t, h); after != before {
				t.Errorf("a refused request changed the workspace:\nbefore %s\nafter %s", before, after)
			}
		})
	}
}

// TestHolderRedeemsAndAdminRenews: the holder activates b-002 from "Benefits assigned to me"
// and sees the new subscription and its validity, to the membership's end date, which comes
// before 13 months from activation (P5, P11); the admin renews the membership, issuing next
// year's benefits once (P6).
func TestHolderRedeemsAndAdminRenews(t *testing.T) {
	t.Parallel()
	h, holder := rolesAs(t, partnerHolder)
	if resp, _ := holder.get("/"); resp.Header.Get("Location") != "/benefits" {
		t.Errorf("home of a partner member (no admin) without billing scopes: %q, want /benefits", resp.Header.Get("Location"))
	}
	_, body := holder.get("/benefits")
	if !strings.Contains(body, `data-testid="benefits-link"`) || !strings.Contains(body, "b-002") || !strings.Contains(body, `data-testid="redeem"`) {
		t.Fatalf("Benefits assigned to me:\n%.600s", body)
	}
	resp, body := holder.postHTMX("/benefits/b-002/redeem", nil)
	if resp.StatusCode != ok || !strings.Contains(body, "your new Azure subscription is") ||
		!strings.Contains(body, `valid through <time class="nowrap" datetime="2027-02-04">Feb 4, 2027</time> (the last day included; the membership ends before 13 months from activation)`) ||
		!strings.Contains(body, `data-testid="subscription-id"`) {
		t.Fatalf("redeem: %d %.800s", resp.StatusCode, body)
	}
	admin := h.signedIn(t, partnerAdmin)
	resp, body = admin.postHTMX(partPath+"/renew", url.Values{"renewalDate": {"2026-06-15"}})
	if resp.StatusCode != ok || !strings.Contains(body, "b-001-y2027") || strings.Contains(body, "b-005-y") {
		t.Fatalf("renew: %d %.600s", resp.StatusCode, body)
	}
	resp, _ = admin.postHTMX(partPath+"/renew", url.Values{"renewalDate": {"2026-06-15"}})
	if resp.StatusCode != http.StatusConflict {
		t.Errorf("second renewal: %d, want 409", resp.StatusCode)
	}
	h.clock.T = time.Date(2027, 2, 10, 12, 0, 0, 0, time.UTC) // a new year: sign in again
	admin = h.client(t)
	admin.signIn(partnerAdmin)
	_, body = admin.get(partPath + "/benefits?filter=not-redeemed&q=y2027")
	if !strings.Contains(body, `data-benefit="b-004-y2027"`) {
		t.Errorf("P6: next year's bulk credit is not available to assign:\n%.400s", body)
	}
}
