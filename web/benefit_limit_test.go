package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestCreditAtTheLimitIsNeverStranded walks b-002 through all five reassignments (P6, P12) with
// Add a new user, then removes its holder. At 5 of 5 the Remove confirmation warns that only
// that holder could come back; after the removal the pane offers exactly that member, not a
// search or Add a new user that could only fail, a different user is refused with a sentence
// shown once, and putting the holder back works and stays free.
func TestCreditAtTheLimitIsNeverStranded(t *testing.T) {
	t.Parallel()
	_, c := rolesAs(t, partnerAdmin)
	pane := partPath + "/benefits/b-002"
	for i := 1; i <= 5; i++ {
		form := url.Values{"name": {fmt.Sprintf("User %d", i)}, "email": {fmt.Sprintf("u%d@fabrikam.example", i)}, "mode": {"reassign"}}
		if resp, body := c.postHTMX(pane+"/add-user", form); resp.StatusCode != ok {
			t.Fatalf("reassignment %d: %d %.400s", i, resp.StatusCode, body)
		}
	}
	const last = "u5@fabrikam.example"
	steps := []struct {
		name       string
		method     string
		path       string
		form       url.Values
		status     int
		want, not  []string
		onceMarker string // a sentence that must appear exactly once, "" to skip
	}{
		{"P6 remove at 5 of 5 warns", "GET", pane + "?tab=activate", nil, ok,
			[]string{"5 of 5 used", "All 5 reassignments of this credit are used: after the removal, only " + last + " can be assigned to it again."},
			[]string{"uses one of the five reassignments", `data-testid="member-search"`}, ""},
		{"P6 a sixth reassignment is refused once", "POST", pane + "/add-user",
			url.Values{"name": {"User 6"}, "email": {"u6@fabrikam.example"}, "mode": {"reassign"}}, http.StatusConflict,
			[]string{"no further reassignment is possible"}, nil, "This credit has used all 5 of its 5 reassignments"},
		{"P6 remove works", "POST", pane + "/remove", nil, ok, []string{"Removed " + last}, nil, ""},
		{"P6 only the last holder is offered", "GET", pane + "?tab=activate", nil, ok,
			[]string{`data-testid="assign-only"`, "Only " + last + ", its most recent user, can be assigned to it again", "Assign " + last + " again"},
			[]string{`data-testid="member-search"`, `data-testid="add-user-form"`, `data-testid="member-option"`}, ""},
		{"P6 another member is refused once", "POST", pane + "/assign", url.Values{"user": {partnerMember}}, http.StatusConflict,
			[]string{`class="field-error"`}, []string{`class="flash error"`}, "only " + last + ", its most recent user, can be assigned to it again."},
		{"P6 putting the last holder back is free", "POST", pane + "/assign", url.Values{"user": {last}}, ok,
			[]string{"Assigned " + last + " to b-002", "5 of 5 used"}, []string{"reassignment 6"}, ""},
	}
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			var resp *http.Response
			var body string
			if s.method == "POST" {
				resp, body = c.postHTMX(s.path, s.form)
			} else {
				resp, body = c.do("GET", s.path, nil, htmxHeaders)
			}
			if resp.StatusCode != s.status {
				t.Fatalf("status %d, want %d\n%.600s", resp.StatusCode, s.status, body)
			}
			text := visible(t, body) // an email in a sentence may break before its @ (a <wbr>)
			for _, w := range s.want {
				if !strings.Contains(body, w) && !strings.Contains(text, w) {
					t.Errorf("body lacks %q\n%.1500s", w, body)
				}
			}
			for _, n := range s.not {
				if strings.Contains(body, n) || strings.Contains(text, n) {
					t.Errorf("body has %q", n)
				}
			}
			if s.onceMarker != "" {
				if n := strings.Count(text, s.onceMarker); n != 1 {
					t.Errorf("the refusal appears %d times, want once (under the field)\n%.1500s", n, body)
				}
			}
		})
	}
}
