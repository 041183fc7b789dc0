package views

import (
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// TestOutcomeSentences: the outcomes and problems the portal says with values (an upload, a
// cost export's line, a grant, an Azure sync, a benefits page, a query parameter) are written
// from their key, each value formatted for the reader (X2, X3, M16): a JPY amount without
// decimals, dates and months in the reader's order, the line and column of a bad cell.
func TestOutcomeSentences(t *testing.T) {
	us, gb := LocaleOf("en-US"), LocaleOf("en-GB")
	lowered := fault.Say(KeyAnd, fault.Say(KeyUploadImported, fault.Code("may.csv"), 12, 3),
		fault.Say(KeyUploadLowered, 2, fault.Money{Amount: money.MustParse("1235"), Currency: "JPY"}))
	invoiced := fault.Say("costcsv.at_cell", 3, fault.Code("date"), fault.Say("store.charge_invoiced", "Virtual Machines",
		ledger.NewDate(2026, time.May, 2), ledger.Period{Year: 2026, Month: time.June}))
	tests := []struct {
		name   string
		loc    Locale
		m      fault.Message
		want   string
		inHTML string // a fragment the markup must hold
	}{
		{"upload lowered, JPY", us, lowered, "Imported may.csv: 12 charge totals, 3 changed. The estimated balance now includes them. " +
			"2 day totals went down, by JPY 1,235 in all: a file states the whole total of a day and product, so it replaces " +
			"what an earlier upload said. Upload complete exports, not parts of one.", `<code>may.csv</code>`},
		{"bad line, US", us, invoiced, "line 3, column date: a charge for Virtual Machines dated May 2, 2026 falls in a month " +
			"already invoiced (the next invoice covers Jun 2026): invoiced data cannot change", `<time class="nowrap" datetime="2026-05-02">`},
		{"bad line, GB", gb, invoiced, "line 3, column date: a charge for Virtual Machines dated 2 May 2026 falls in a month " +
			"already invoiced (the next invoice covers Jun 2026): invoiced data cannot change", `<code>date</code>`},
		{"bad cell value", us, fault.Say("costcsv.at_cell", 7, fault.Code("costInBillingCurrency"), fault.Say("costcsv.not_number", "1,5")),
			`line 7, column costInBillingCurrency: not a number: "1,5"`, `<code>costInBillingCurrency</code>`},
		{"month past its limit", gb, fault.Say("store.charge_month_limit", fault.ID("PBFV-AB12-CD3-EF4"), ledger.Period{Year: 2026, Month: time.June},
			money.MustParse("99999999999.5"), ledger.MonthLimitAmount),
			"billing profile PBFV-AB12-CD3-EF4's charges of Jun 2026 would total 99999999999.50: a profile's charges of one month stay below 100000000000.00 (M16)",
			`<span class="token">PBFV-AB12-CD3-EF4</span>`},
		{"granted", us, fault.Say(KeyGranted, fault.Email("raj@tailspin.example"), access.InvoiceManager),
			"raj@tailspin.example now holds the Invoice manager role.", `<span class="email">raj<wbr>@tailspin.example</span>`},
		{"synced", us, fault.Say(KeySynced, 2, 14, 3), "Synced 2 billing profiles from Azure: 14 new transactions, 3 new credits.", "Synced 2"},
		{"benefits page", us, fault.Say(KeyPageOf, 26, 50, 73), "26-50 of 73 benefits", "26-50 of 73"},
		{"query parameter", us, fault.Say(KeyParam, "after", fault.Say(KeyCursorTooLong, 512)),
			"after: too long (at most 512 characters); start again from the first page", "after: too long"},
		{"ledger input", us, fault.Say(ledger.KeyAtField, fault.Code("lots[2].amount"), fault.Say(ledger.KeyNegative)),
			"lots[2].amount: must not be negative", "<code>lots[2].amount</code>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			html := render(t, Say(tt.loc, tt.m))
			if got := textOf(t, html); got != tt.want {
				t.Errorf("text\n got %q\nwant %q", got, tt.want)
			}
			if !strings.Contains(html, tt.inHTML) {
				t.Errorf("markup %s\nlacks %s", html, tt.inHTML)
			}
		})
	}
}
