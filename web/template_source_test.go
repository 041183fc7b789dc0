package web_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/scenario"
)

// templateSource is what a templ component call looks like when it is printed as text instead
// of being rendered, for example "starts @Day(p.Loc, l.StartDate)".
var templateSource = regexp.MustCompile(`@[A-Z]\w*\(`)

// TestNoPageShowsTemplateSource (issue 11): every GET page of the route matrices, as every
// caller, on the demo before its first processing run (every lot pending new credit, M15) and
// after it (every status), renders no template source; so do the demo's Benefits workspace,
// each benefit's pane and an empty filtered list, as its partner admin.
func TestNoPageShowsTemplateSource(t *testing.T) {
	t.Parallel()
	h := rolesHarness(t)
	h.clock.T = demoDay
	demo := h.loadDemo(t, demoDay)
	check := func(c *client, who, path string) {
		t.Helper()
		resp, body := c.get(path)
		if resp.StatusCode == http.StatusOK && strings.Contains(resp.Header.Get("Content-Type"), "text/html") {
			if m := templateSource.FindAllString(body, 3); m != nil {
				t.Errorf("GET %s as %s shows template source %q", path, who, m)
			}
		}
	}
	visitAll := func() {
		for _, caller := range callers[1:] {
			c := h.signedIn(t, caller.email)
			for route, row := range matrix {
				if strings.HasPrefix(route, "GET ") {
					check(c, caller.name, fillAssignments(t, h, row.path))
				}
			}
		}
		for _, caller := range partnerCallers[1:] {
			c := h.signedIn(t, caller.email)
			for _, row := range partnerMatrix {
				if row.method == http.MethodGet {
					check(c, caller.name, row.path)
				}
			}
		}
		admin := h.client(t)
		admin.signInWith("olga@tailspin.example", scenario.DemoPassword)
		list := "/partners/" + demo.Partners[0].ID + "/benefits"
		check(admin, "the demo partner admin", list)
		check(admin, "the demo partner admin", list+"?q=nothing-matches-this")
		for _, b := range demo.Partners[0].Benefits {
			check(admin, "the demo partner admin", list+"/"+b.ID)
		}
	}
	visitAll()
	h.process(t, demoDay)
	visitAll()
}
