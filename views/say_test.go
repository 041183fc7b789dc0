package views

import (
	"context"
	"io"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// sampleArgs are one argument of each type a message may carry, with the text each shows for
// a US reader and for a British one (X3, M16).
var sampleArgs = []struct {
	arg      any
	us, gb   string
	wantHTML string // a fragment the markup must hold for a US reader
}{
	{ledger.NewDate(2026, time.October, 1), "Oct 1, 2026", "1 Oct 2026", `<time class="nowrap" datetime="2026-10-01">Oct 1, 2026</time>`},
	{time.Date(2027, 7, 15, 10, 0, 5, 0, time.UTC), "Jul 15, 2027, 10:00:05 UTC", "15 Jul 2027, 10:00:05 UTC",
		`<time datetime="2027-07-15T10:00:05Z"><span class="nowrap">Jul 15, 2027,</span> <span class="nowrap">10:00:05 UTC</span></time>`},
	{fault.Money{Amount: money.MustParse("6000"), Currency: "USD"}, "USD 6,000.00", "USD 6,000.00", `<span class="nowrap">USD 6,000.00</span>`},
	{fault.Money{Amount: money.MustParse("1234.5"), Currency: "JPY"}, "JPY 1,234.5", "JPY 1,234.5", `<span class="nowrap">JPY 1,234.5</span>`},
	{fault.Email("raj@tailspin.example"), "raj@tailspin.example", "raj@tailspin.example", `<span class="email">raj<wbr>@tailspin.example</span>`},
	{fault.ID("0f2b0a0e-58e5-4c5e-9a43-3b2f0e4d9b11"), "0f2b0a0e-58e5-4c5e-9a43-3b2f0e4d9b11", "0f2b0a0e-58e5-4c5e-9a43-3b2f0e4d9b11",
		`<span class="token">0f2b0a0e-58e5-4c5e-9a43-3b2f0e4d9b11</span>`},
	{fault.Code("creditdesk users set-password"), "creditdesk users set-password", "creditdesk users set-password",
		"<code>creditdesk users set-password</code>"},
	{access.InvoiceManager, "Invoice manager", "Invoice manager", "Invoice manager"},
	{access.PartnerAdmin, "Partner admin", "Partner admin", "Partner admin"},
	{fault.Minute(time.Date(2027, 7, 15, 10, 0, 0, 0, time.UTC)), "Jul 15, 2027, 10:00 UTC", "15 Jul 2027, 10:00 UTC",
		`<time datetime="2027-07-15T10:00Z"><span class="nowrap">Jul 15, 2027,</span> <span class="nowrap">10:00 UTC</span></time>`},
	{fault.Say(benefits.KeyValidThrough, ledger.NewDate(2027, time.February, 4)), "through Feb 4, 2027 (the last day included)",
		"through 4 Feb 2027 (the last day included)", `through <time class="nowrap" datetime="2027-02-04">Feb 4, 2027</time>`},
	{ledger.Period{Year: 2026, Month: time.July}, "Jul 2026", "Jul 2026", `<time class="nowrap" datetime="2026-07">Jul 2026</time>`},
	{money.MustParse("6000.5"), "6000.50", "6000.50", `<span class="nowrap">6000.50</span>`},
	{7, "7", "7", "7"},
	{int64(40), "40", "40", "40"}, // a count the database gives
	{uint8(3), "3", "3", "3"},     // any other value shows as Go prints it, never as nothing
	{"Fabrikam <Solutions>", "Fabrikam <Solutions>", "Fabrikam <Solutions>", "Fabrikam &lt;Solutions&gt;"},
	// Plain text stays as written: a date or an address in it is not a value to format.
	{"`x` 2026-10-01 raj@x.example", "`x` 2026-10-01 raj@x.example", "`x` 2026-10-01 raj@x.example", "`x` 2026-10-01 raj@x.example"},
}

// TestSayEveryKey: each message key has words, and each of its placeholders renders an
// argument of every type in the reader's locale: no key leaves a placeholder or loses a value.
func TestSayEveryKey(t *testing.T) {
	us, gb := LocaleOf("en-US"), LocaleOf("en-GB")
	for key, sentence := range sentences {
		n, args := placeholders(sentence)
		for _, sa := range sampleArgs {
			args := make([]any, args)
			for i := range args {
				args[i] = sa.arg
			}
			m := fault.Say(key, args...)
			for _, loc := range []struct {
				loc  Locale
				want string
			}{{us, sa.us}, {gb, sa.gb}} {
				text := textOf(t, render(t, Say(loc.loc, m)))
				if strings.Contains(text, "{") || n > 0 && strings.Count(text, loc.want) < n {
					t.Errorf("Say(%s, %T) = %q: want %d × %q", key, sa.arg, text, n, loc.want)
				}
			}
			if got := render(t, Say(us, m)); n > 0 && !strings.Contains(got, sa.wantHTML) {
				t.Errorf("Say(%s, %T) = %s, lacks %s", key, sa.arg, got, sa.wantHTML)
			}
		}
	}
}

// TestTextIsCanonical: plain text keeps each value in its canonical form, for a banner or a log.
func TestTextIsCanonical(t *testing.T) {
	tests := []struct {
		m    fault.Message
		want string
	}{
		{fault.Say(access.KeyLastOwner), "The last owner of a billing scope cannot be removed. Grant the owner role to someone else first."},
		{fault.Say("audit.lot", fault.Money{Amount: money.MustParse("6000"), Currency: "USD"}, ledger.NewDate(2026, time.March, 1),
			ledger.NewDate(2027, time.February, 28)), "USD 6,000.00, 2026-03-01 to 2027-02-28"},
		{fault.Say("audit.canceled_from"), "Canceled from {0}"}, // a missing argument stays visible
		{fault.Say("no.such.key", "x"), "no.such.key"},          // so does a key without words
		{fault.Say("audit.value", access.Owner), "Owner"},       // roles as the portal names them
		{fault.Say("audit.value", fault.Code("creditdesk")), "creditdesk"},
	}
	for _, tt := range tests {
		if got := Text(tt.m); got != tt.want {
			t.Errorf("Text(%v) = %q, want %q", tt.m, got, tt.want)
		}
	}
}

// placeholders counts the placeholders of a sentence, and the arguments they need.
func placeholders(sentence string) (n, args int) {
	for i := range 10 {
		if c := strings.Count(sentence, "{"+strconv.Itoa(i)+"}"); c > 0 {
			n, args = n+c, i+1
		}
	}
	return n, args
}

// TestEveryKeyHasWords: every key the benefits rules and the store's benefit changes say has
// words (P1-P12, X1, X2).
func TestEveryKeyHasWords(t *testing.T) {
	for _, key := range benefits.Keys {
		if !HasSentence(key) {
			t.Errorf("no words for %s", key)
		}
	}
}

// textOf is the text a person reads in markup.
func textOf(t *testing.T, markup string) string {
	t.Helper()
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(markup))
	if err != nil {
		t.Fatal(err)
	}
	return doc.Text()
}

// render writes a component to a string.
func render(t *testing.T, c interface {
	Render(context.Context, io.Writer) error
}) string {
	t.Helper()
	var b strings.Builder
	if err := c.Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
