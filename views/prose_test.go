package views

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"
)

// markup matches the tags of rendered HTML, so a test can read the text a person sees.
var markup = regexp.MustCompile(`<[^>]*>`)

// TestProse: sentences from the rules and the audit log show their dates, instants and amounts
// with the helpers of the billing pages, in the reader's order (X3, M16), each value on one
// line; commands become code; ids that merely contain digits are left alone.
func TestProse(t *testing.T) {
	us, gb := LocaleOf("en-US"), LocaleOf("en-GB")
	tests := []struct {
		name      string
		loc       Locale
		in        string
		wantText  string
		wantHTML  string // a fragment the markup must contain, "" to skip
		forbidden string // a fragment the markup must not contain, "" to skip
	}{
		{"X3 audit line of a created benefit", us, "Azure bulk (yearly) credit, 10000.00 EUR, 2026-03-01 to 2027-02-28",
			"Azure bulk (yearly) credit, EUR 10,000.00, Mar 1, 2026 to Feb 28, 2027",
			`<time class="nowrap" datetime="2026-03-01">Mar 1, 2026</time>`, ""},
		{"X3 day first for en-GB", gb, "It becomes available on 2026-06-17.", "It becomes available on 17 Jun 2026.", "", ""},
		{"X3 instant", us, "valid until 2027-07-15 10:00 UTC (13 months from activation).",
			"valid until Jul 15, 2027, 10:00 UTC (13 months from activation).",
			`<time datetime="2027-07-15T10:00Z"><span class="nowrap">Jul 15, 2027,</span> <span class="nowrap">10:00 UTC</span></time>`, ""},
		{"M16 amount kept on one line", us, "6000.00 USD per month", "USD 6,000.00 per month", `<span class="nowrap">USD 6,000.00</span>`, ""},
		{"a date before a colon", us, "Membership renewed on 2026-06-15: issued 2 benefits.", "Membership renewed on Jun 15, 2026: issued 2 benefits.", "", ""},
		{"ids with digits stay as written", us, "Renewed b-001-y2027 and tsp-2026-10-01; sub 2026-1001-aaaa.",
			"Renewed b-001-y2027 and tsp-2026-10-01; sub 2026-1001-aaaa.", "", "<time"},
		{"not a date", us, "On 2026-13-45 nothing.", "On 2026-13-45 nothing.", "", "<time"},
		{"command as code", us, "an operator sets one with `creditdesk users set-password`",
			"an operator sets one with creditdesk users set-password", "<code>creditdesk users set-password</code>", "`"},
		{"emails and subscription ids kept whole", us, "Assigned raj@tailspin.example; subscription a1b2f017-da20-4ecb-a0d3-61be36293bdc no longer receives it.",
			"Assigned raj@tailspin.example; subscription a1b2f017-da20-4ecb-a0d3-61be36293bdc no longer receives it.",
			`<span class="email">raj<wbr>@tailspin.example</span>; subscription <span class="token">a1b2f017-da20-4ecb-a0d3-61be36293bdc</span>`, ""},
		{"markup is escaped", us, "<b>2026-01-02</b>", "<b>Jan 2, 2026</b>", "&lt;b&gt;", "<b>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b strings.Builder
			if err := ProseCell(tt.loc, tt.in).Render(context.Background(), &b); err != nil {
				t.Fatal(err)
			}
			if got := html.UnescapeString(markup.ReplaceAllString(b.String(), "")); got != tt.wantText {
				t.Errorf("text\n got %q\nwant %q", got, tt.wantText)
			}
			if tt.wantHTML != "" && !strings.Contains(b.String(), tt.wantHTML) {
				t.Errorf("Prose = %s, want it to contain %s", b.String(), tt.wantHTML)
			}
			if tt.forbidden != "" && strings.Contains(b.String(), tt.forbidden) {
				t.Errorf("Prose = %s, must not contain %s", b.String(), tt.forbidden)
			}
		})
	}
}

// TestProseKeepsEmailsAsText: outside a table cell an email needs no markup of its own, so a
// sentence reads and matches as written.
func TestProseKeepsEmailsAsText(t *testing.T) {
	var b strings.Builder
	if err := Prose(LocaleOf(""), "Assigned raj@tailspin.example to b-001.").Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	if got, want := b.String(), "Assigned raj@tailspin.example to b-001."; got != want {
		t.Errorf("Prose = %q, want %q", got, want)
	}
}
