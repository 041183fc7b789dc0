package web_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// ruleCode finds a rule code shown as text, "(P8)" or "P10)", rather than kept in an attribute.
var ruleCode = regexp.MustCompile(`>[^<]*\(?\bP\d{1,2}\)[^<]*<|refused by P\d`)

// TestBenefitPagesSpeakTheReadersLanguage: every Benefits page shows money and dates with the
// billing pages' helpers in the reader's locale (X3, M16), one validity wording with the end
// date said to be included (P3, P11), plurals, and sentences without rule codes or raw role
// names (P1, P6, P10, X1).
func TestBenefitPagesSpeakTheReadersLanguage(t *testing.T) {
	t.Parallel()
	h := rolesHarness(t)
	admin, holder := h.signedIn(t, partnerAdmin), h.signedIn(t, partnerHolder)
	// A refusal and a new user without a password, so the audit log has both.
	admin.postHTMX(partPath+"/benefits/b-006/assign", url.Values{"user": {partnerMember}})
	admin.postHTMX(partPath+"/benefits/b-001/add-user", url.Values{"name": {"Nia Patel"}, "email": {"nia@fabrikam.example"}})
	us := map[string]string{"Accept-Language": "en-US,en;q=0.9"}
	gb := map[string]string{"Accept-Language": "en-GB"}
	tests := []struct {
		name      string
		c         *client
		path      string
		headers   map[string]string
		want, not []string
	}{
		{"X3 M16 list, US", admin, partPath + "/benefits", us,
			[]string{"USD 6,000.00", `<time datetime="2026-02-05">Feb 5, 2026</time>`, "Valid through", "(the last day included)", "Available on"},
			[]string{"6000.00 USD", ">2026-02-05", " to 2027-02-04"}},
		{"X3 list, day first for en-GB", admin, partPath + "/benefits", gb,
			[]string{"5 Feb 2026", "4 Feb 2027"}, []string{"Feb 5, 2026"}},
		{"P3 pane details", admin, partPath + "/benefits/b-003", us,
			[]string{"USD 6,000.00", "Feb 4, 2027</time> (included)", "through <time class=\"nowrap\" datetime=\"2027-02-04\">Feb 4, 2027</time> (the last day included)"},
			[]string{"6000.00 USD", "(P8)"}},
		{"P12 pane history in the reader's format", admin, partPath + "/benefits/b-001?tab=history", us,
			[]string{`<time datetime="2026-06-15T10:00Z"><span class="nowrap">Jun 15, 2026,</span> <span class="nowrap">10:00 UTC</span></time>`}, []string{">2026-06-15"}},
		{"X3 card, the same validity wording", holder, "/benefits", us,
			[]string{"USD 100.00", "per month", "through <time class=\"nowrap\" datetime=\"2027-02-04\">Feb 4, 2027</time> (the last day included)"},
			[]string{"100.00 USD", "Valid until"}},
		{"X1 audit in words", admin, partPath + "/audit", us,
			[]string{"USD 6,000.00", "Feb 5, 2026", "Partner role granted", "Partner admin", "Assignment refused", "Refused: This benefit ended on",
				`data-rule="P3"`, "<code>creditdesk users invite</code>"},
			[]string{"6000.00 USD", ">partnerAdmin<", ">partner.role_granted<", "`"}},
		{"P6 add-user tab: command as code", admin, partPath + "/benefits/b-001?tab=activate", us,
			[]string{`data-testid="holder-no-password"`, "Invitations cannot be sent", "<code>creditdesk users invite</code>"}, []string{"`"}},
		{"plural", holder, "/partners", us, []string{"You hold 3 benefits."}, []string{"benefit(s)"}},
		{"P1 member sees no code", holder, "/partners", us, []string{"Only partner admins can open the Benefits workspace."}, nil},
		{"P8 membership", admin, partPath + "/membership", us, []string{"Jun 13, 2026"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := tt.c.do("GET", tt.path, nil, tt.headers)
			if resp.StatusCode != ok {
				t.Fatalf("status %d", resp.StatusCode)
			}
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q", w)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(body, n) {
					t.Errorf("body has %q", n)
				}
			}
			if m := ruleCode.FindString(body); m != "" {
				t.Errorf("a rule code is shown to the reader: %q", m)
			}
		})
	}
}

// TestRefusalsAreSaidOnce: a refusal is a proper sentence, shown once, under its field when the
// pane shows that field, else in the banner (P6, P10, X2).
func TestRefusalsAreSaidOnce(t *testing.T) {
	t.Parallel()
	_, c := rolesAs(t, partnerAdmin)
	tests := []struct {
		name     string
		path     string
		form     url.Values
		sentence string
		not      string
	}{
		{"P10 free mail named once", "/benefits/b-001/add-user", url.Values{"name": {"Raj"}, "email": {"raj@gmail.com"}},
			"gmail.com is a free-hosted mail domain; Azure credits can be assigned only to users with a company domain.", "(gmail.com)"},
		{"P10 free mail on assign", "/benefits/b-001/assign", url.Values{"user": {"raj@gmail.com"}},
			"gmail.com is a free-hosted mail domain;", ""},
		{"P6 P7 yearly benefit", "/benefits/b-007/reassign", url.Values{"user": {partnerMember}},
			"Reassignment isn&#39;t supported for a GitHub Copilot Enterprise benefit: once it is assigned,", "for this GitHub"},
		{"P8 pending, not also as the notice", "/benefits/b-005/assign", url.Values{"user": {partnerMember}},
			"it becomes available on", ""},
		{"X2 renewal date", "/renew", url.Values{"renewalDate": {"15/06/2026"}}, "Enter the renewal date as YYYY-MM-DD.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, body := c.postHTMX(partPath+tt.path, tt.form)
			if n := strings.Count(body, tt.sentence); n != 1 {
				t.Errorf("%q appears %d times, want once\n%.1500s", tt.sentence, n, body)
			}
			if tt.not != "" && strings.Contains(body, tt.not) {
				t.Errorf("body has %q", tt.not)
			}
		})
	}
}
