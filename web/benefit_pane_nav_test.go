package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestPaneKeepsTheListsState: the list's rows open the pane with the list's filter, search,
// sort and page in its URL, and push that URL (P2, P4); every way back (the close button in
// place, the page's back link, a change's redirect) returns to the same list; a list request
// from htmx empties the pane out of band; the pane as a page of its own has an h1 and a title
// naming the benefit's kind and the organisation.
func TestPaneKeepsTheListsState(t *testing.T) {
	t.Parallel()
	_, c := rolesAs(t, partnerAdmin)
	const listQuery = "filter=monthly&sort=id&dir=desc"
	list := url.QueryEscape(listQuery)
	pane := partPath + "/benefits/b-001"
	back := `href="` + partPath + `/benefits?dir=desc&amp;filter=monthly&amp;sort=id"`
	tests := []struct {
		name     string
		path     string
		headers  map[string]string
		want     []string
		location string // for a redirect, the wanted Location
	}{
		{"P2 row links carry the state and push the pane URL", partPath + "/benefits?" + listQuery, htmxHeaders,
			[]string{`href="` + partPath + `/benefits/b-001?list=dir%3Ddesc%26filter%3Dmonthly%26sort%3Did"`, `hx-push-url="true" data-testid="open-benefit"`,
				`<aside id="pane" class="pane" aria-label="Benefit" data-testid="pane" hx-swap-oob="true"></aside>`}, ""},
		{"P4 close in place returns to the list", pane + "?list=" + list, htmxHeaders,
			[]string{`hx-get="` + partPath + `/benefits?dir=desc&amp;filter=monthly&amp;sort=id"`, `hx-target="#benefits-table"`, "data-pane-close",
				`hx-replace-url="true"`, `tab=activate&amp;list=dir%3Ddesc%26filter%3Dmonthly%26sort%3Did"`}, ""},
		{"P4 the pane page: h1, title and back link", pane + "?list=" + list, nil,
			[]string{"<title>Azure monthly credit b-001 · Fabrikam Solutions · CreditDesk</title>", `<h1 id="pane-title">Azure monthly credit`,
				"Fabrikam Solutions</small></h1>", back}, ""},
		{"a malformed state gives the default list", pane + "?list=%zz", nil, []string{`class="close" href="` + partPath + `/benefits"`}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := c.do("GET", tt.path, nil, tt.headers)
			if resp.StatusCode != ok {
				t.Fatalf("status %d\n%.400s", resp.StatusCode, body)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %s\n%.2000s", w, body)
				}
			}
		})
	}
	// Without JavaScript a change redirects to the pane with the same state.
	resp, _ := c.post(pane+"/assign?list="+list, url.Values{"user": {partnerMember}})
	if want := pane + "?tab=activate&list=dir%3Ddesc%26filter%3Dmonthly%26sort%3Did"; resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != want {
		t.Errorf("assign without htmx: %d to %q, want %q", resp.StatusCode, resp.Header.Get("Location"), want)
	}
	resp, _ = c.postHTMX(pane+"/remove?list="+list, nil)
	if want := pane + "?tab=activate&list=dir%3Ddesc%26filter%3Dmonthly%26sort%3Did"; resp.Header.Get("HX-Replace-Url") != want {
		t.Errorf("remove with htmx: HX-Replace-Url %q, want %q", resp.Header.Get("HX-Replace-Url"), want)
	}
}

// TestMemberWithoutAdminRoleFindsTheirBenefits: a partner member who is no partner admin and has
// no billing scope lands on, and is linked to, Benefits assigned to me; refused a workspace
// (P1), the error page leads there too. A partner admin keeps the Benefits page.
func TestMemberWithoutAdminRoleFindsTheirBenefits(t *testing.T) {
	t.Parallel()
	h := rolesHarness(t)
	tests := []struct {
		name, user, home, link string
	}{
		{"P1 member lands on their benefits", partnerMember, "/benefits", `href="/benefits" data-testid="benefits-link"`},
		{"P1 holder lands on their benefits", partnerHolder, "/benefits", `href="/benefits" data-testid="benefits-link"`},
		{"P1 partner admin lands on the Benefits page", partnerAdmin, "/partners", `href="/partners" data-testid="benefits-link"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := h.signedIn(t, tt.user)
			if resp, _ := c.get("/"); resp.Header.Get("Location") != tt.home {
				t.Errorf("home leads to %q, want %q", resp.Header.Get("Location"), tt.home)
			}
			if _, body := c.get("/benefits"); !strings.Contains(body, tt.link) {
				t.Errorf("top bar lacks %s", tt.link)
			}
			if tt.user == partnerAdmin {
				return
			}
			resp, body := c.get(partPath + "/benefits")
			if resp.StatusCode != no || !strings.Contains(body, `href="/benefits" data-testid="error-back">Go to Benefits assigned to me</a>`) ||
				strings.Contains(body, "Go to your billing scopes") {
				t.Errorf("403 on the workspace: %d, want a link to Benefits assigned to me\n%.1500s", resp.StatusCode, body)
			}
		})
	}
}
