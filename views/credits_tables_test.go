package views

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"
	"github.com/a-h/templ"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// componentDoc renders a component into a document, as templ's testing guide does: props in, HTML
// out, no database and no server.
func componentDoc(t *testing.T, c templ.Component) *goquery.Document {
	t.Helper()
	var b strings.Builder
	if err := c.Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// tid selects the elements of a data-testid.
func tid(id string) string { return `[data-testid="` + id + `"]` }

// squash is the selection's text with its white space collapsed.
func squash(s *goquery.Selection) string { return strings.Join(strings.Fields(s.Text()), " ") }

// squashAll is the text of each element of a selection, in document order.
func squashAll(s *goquery.Selection) []string {
	var out []string
	s.Each(func(_ int, e *goquery.Selection) { out = append(out, squash(e)) })
	return out
}

// rowTexts is each row (the elements of data-testid row) of doc as the text of its cells (the
// data-testids cells, in order), joined by " | ".
func rowTexts(doc *goquery.Document, row string, cells ...string) []string {
	return doc.Find(tid(row)).Map(func(_ int, tr *goquery.Selection) string {
		texts := make([]string, len(cells))
		for i, c := range cells {
			texts[i] = squash(tr.Find(tid(c)))
		}
		return strings.Join(texts, " | ")
	})
}

// wantRows fails t, showing both, when the rows got are not want.
func wantRows(t *testing.T, got []string, want ...string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// headings are the credits list's sort headings as the handler builds them with the
// expiration date sorting (the default: the burn order, M9) in the given direction.
func headings(active string, desc bool) []SortHeader {
	var hs []SortHeader
	for _, label := range []string{"Source", "Start date", "Expiration date", "Current balance", "Original amount"} {
		on := label == active
		hs = append(hs, SortHeader{Label: label, Active: on, Desc: on && desc,
			Link: Link{Href: "/credits?sort=" + label, HxGet: "/credits?lots=" + label}})
	}
	return hs
}

// lotsList is a credits list of three lots in USD, read by a contributor, on its second page.
func lotsList() CreditsList {
	return CreditsList{
		Loc: LocaleOf("en-GB"), Currency: "USD", Action: "/credits", Window: 30, CanCancel: true, CSRF: "tok",
		Headers: headings("Expiration date", false),
		Rows: []LotRow{
			{Name: "lot-a", Source: ledger.SourcePromotional, StartDate: ledger.NewDate(2026, time.January, 1),
				ExpirationDate: ledger.NewDate(2026, time.June, 20), Balance: money.MustParse("1234.5"),
				Original: money.MustParse("5000"), Status: ledger.StatusExpiring, DaysToExpiry: 1, CancelURL: "/lots/lot-a/cancel"},
			{Name: "lot-b", Source: ledger.SourcePurchased, StartDate: ledger.NewDate(2026, time.July, 1),
				ExpirationDate: ledger.NewDate(2027, time.July, 1), Original: money.MustParse("0.000001"),
				NotInvoiced: true, Status: ledger.StatusNotStarted},
			{Name: "lot-c", Source: ledger.SourceCommitment, StartDate: ledger.NewDate(2025, time.March, 1),
				ExpirationDate: ledger.NewDate(2026, time.March, 1), Original: money.MustParse("1000000"),
				Status: ledger.StatusCanceled},
		},
		Next:    &Link{Href: "/credits?after=c2", HxGet: "/credits?lots_after=c2"},
		First:   &Link{Href: "/credits", HxGet: "/credits?lots=1"},
		CSVHref: "/credits/lots.csv",
	}
}

// TestLotsTableRows (M7, M8, M16, X3): each lot's source in words, its dates in the reader's
// order, its amounts exact with thousands separators and the currency, its status label with
// "expires in" for an expiring lot, and the note of a lot no invoice has taken in yet.
func TestLotsTableRows(t *testing.T) {
	doc := componentDoc(t, LotsTable(lotsList()))
	wantRows(t, rowTexts(doc, "lot-row", "lot-name", "lot-source", "lot-start", "lot-expiration", "lot-balance", "lot-original", "lot-status"),
		"lot-a | Promotional credit | 1 Jan 2026 | 20 Jun 2026 | USD 1,234.50 | USD 5,000.00 | Expiring expires in 1 day",
		"lot-b | Purchased credit | 1 Jul 2026 | 1 Jul 2027 | USD 0.00 Not on an invoice yet: the next invoice takes it in | USD 0.000001 | Not started",
		"lot-c | Consumption commitment | 1 Mar 2025 | 1 Mar 2026 | USD 0.00 | USD 1,000,000.00 | Canceled")
	if n := doc.Find(`time[datetime="2026-06-20"]`).Length(); n != 1 {
		t.Errorf("%d <time datetime=2026-06-20>, want lot-a's expiration", n)
	}
	for name, class := range map[string]string{"lot-a": "badge expiring", "lot-c": "badge canceled"} {
		row := doc.Find(tid("lot-row")).FilterFunction(func(_ int, s *goquery.Selection) bool { return squash(s.Find(tid("lot-name"))) == name })
		if got := row.Find(tid("lot-status")+" span").AttrOr("class", ""); got != class {
			t.Errorf("%s: status class %q, want %q", name, got, class)
		}
	}
	if n := doc.Find(tid("lots-empty")).Length(); n != 0 {
		t.Errorf("a list with rows says it is empty (%d)", n)
	}
}

// TestLotsTableCancelOnlyWhenAllowed: a viewer who may change billing data sees the selection
// column of Cancel credit, with a radio (of the command's form) only on the lots that can still
// be canceled; a reader sees no column at all. The confirmation posts to the lot's cancel route
// with the page's CSRF token.
func TestLotsTableCancelOnlyWhenAllowed(t *testing.T) {
	doc := componentDoc(t, LotsTable(lotsList()))
	radios := doc.Find(tid("lot-select"))
	if radios.Length() != 1 || radios.AttrOr("value", "") != "lot-a" || radios.AttrOr("form", "") != lotSelectForm {
		t.Fatalf("%d selection radios (%q), want lot-a's alone, of the Cancel credit form", radios.Length(), radios.AttrOr("value", ""))
	}
	if n := doc.Find("td.select").Length(); n != 3 {
		t.Errorf("%d selection cells, want one per row", n)
	}
	row := lotsList().Rows[0]
	confirm := componentDoc(t, lotCancelDialog(Credits{Lots: lotsList(), Currency: "USD", Loc: LocaleOf("en-GB"), Confirm: &row}))
	form := confirm.Find(`#` + lotCancelModal + ` form[method=post]`)
	if form.AttrOr("action", "") != "/lots/lot-a/cancel" || form.AttrOr("hx-post", "") != "/lots/lot-a/cancel" ||
		form.Find(`input[name="_csrf"]`).AttrOr("value", "") != "tok" || !strings.Contains(confirm.Text(), "Cancel credit lot-a?") {
		t.Errorf("confirmation of lot-a: form %q, text %q", form.AttrOr("action", ""), squash(confirm.Find("dialog")))
	}

	reader := lotsList()
	reader.CanCancel = false
	doc = componentDoc(t, LotsTable(reader))
	if n := doc.Find(tid("lot-select")).Length() + doc.Find("td.select").Length(); n != 0 {
		t.Errorf("a reader sees %d cancel controls", n)
	}
	if n := doc.Find("thead th").Length(); n != 6 {
		t.Errorf("a reader sees %d headings, want the five sortable ones and Status", n)
	}
}

// TestLotsTableSortHeadings (M9): with no sort chosen the list is in the burn order, soonest
// expiration first, and says so with aria-sort; a chosen column says its own direction, and
// every heading links to its sort both as a plain link and in place.
func TestLotsTableSortHeadings(t *testing.T) {
	for _, tt := range []struct {
		active string
		desc   bool
		want   []string
	}{
		{"Expiration date", false, []string{"Source none", "Start date none", "Expiration date ascending", "Current balance none", "Original amount none"}},
		{"Current balance", true, []string{"Source none", "Start date none", "Expiration date none", "Current balance descending", "Original amount none"}},
	} {
		l := lotsList()
		l.Headers = headings(tt.active, tt.desc)
		doc := componentDoc(t, LotsTable(l))
		var got []string
		doc.Find(tid("lots-heading")).Each(func(_ int, th *goquery.Selection) {
			got = append(got, squash(th)+" "+th.AttrOr("aria-sort", ""))
			a := th.Find("a.sort")
			if a.AttrOr("href", "") != "/credits?sort="+squash(th) || a.AttrOr("hx-get", "") != "/credits?lots="+squash(th) {
				t.Errorf("%s links to %q / %q", squash(th), a.AttrOr("href", ""), a.AttrOr("hx-get", ""))
			}
			if on := a.HasClass("on"); on != (squash(th) == tt.active) {
				t.Errorf("%s: class on = %v", squash(th), on)
			}
			if desc := a.HasClass("desc"); desc != (tt.desc && squash(th) == tt.active) {
				t.Errorf("%s: class desc = %v", squash(th), desc)
			}
		})
		if strings.Join(got, ", ") != strings.Join(tt.want, ", ") {
			t.Errorf("headings %q, want %q", got, tt.want)
		}
	}
}

// TestLotsTablePagerAndEmpty: the pager links to the first and the next page (the next
// cursor), the list keeps its page state for the other controls, and an empty list says why:
// nothing matches the filter, or nothing is on this page.
func TestLotsTablePagerAndEmpty(t *testing.T) {
	l := lotsList()
	l.Page = []Hidden{{Name: "lots_after", Value: "c1"}}
	doc := componentDoc(t, LotsTable(l))
	if got := doc.Find(tid("next-page")).AttrOr("href", ""); got != "/credits?after=c2" {
		t.Errorf("next page %q, want the next cursor", got)
	}
	if got := doc.Find(tid("next-page")).AttrOr("hx-get", ""); got != "/credits?lots_after=c2" {
		t.Errorf("next page hx-get %q", got)
	}
	if got := doc.Find(tid("first-page")).AttrOr("href", ""); got != "/credits" {
		t.Errorf("first page %q", got)
	}
	if got := doc.Find(`#lots-page input[name="lots_after"]`).AttrOr("value", ""); got != "c1" {
		t.Errorf("page state %q, want the cursor shown", got)
	}
	if got := componentDoc(t, LotsFragment(l)).Find(tid("lots-csv")).AttrOr("href", ""); got != "/credits/lots.csv" {
		t.Errorf("CSV link %q", got)
	}

	last := lotsList()
	last.Next, last.First = nil, nil
	doc = componentDoc(t, LotsTable(last))
	if n := doc.Find(tid("next-page")).Length() + doc.Find(tid("first-page")).Length(); n != 0 {
		t.Errorf("a single page shows %d pager links", n)
	}

	for _, tt := range []struct {
		filtered bool
		want     string
	}{{true, "No credits have this status."}, {false, "No credits on this page."}} {
		empty := lotsList()
		empty.Rows, empty.Filtered, empty.Next = nil, tt.filtered, nil
		doc = componentDoc(t, LotsTable(empty))
		if got := squash(doc.Find(tid("lots-empty"))); got != tt.want {
			t.Errorf("filtered=%v: empty state %q, want %q", tt.filtered, got, tt.want)
		}
		if n := doc.Find(tid("lots-grid")).Length(); n != 0 {
			t.Errorf("filtered=%v: an empty list shows its table", tt.filtered)
		}
	}
}

// txList is a transactions table in USD: a pending charge on top, a settled charge whose
// invoice is linked, a settled adjustment whose invoice is not mentioned in its description.
func txList() Transactions {
	return Transactions{
		Loc: Locale{}, Currency: "USD", Action: "/credits",
		Rows: []TxRow{
			{Date: ledger.NewDate(2026, time.June, 8), Description: "Pending charges", Amount: money.MustParse("-25"),
				Balance: money.MustParse("9975"), Pending: true},
			{Date: ledger.NewDate(2026, time.June, 1), Description: "Settled charges, invoice G001", Amount: money.MustParse("-1500.25"),
				Balance: money.MustParse("10000"), InvoiceNumber: "G001", InvoiceHref: "/invoices/G001"},
			{Date: ledger.NewDate(2026, time.May, 20), Description: "Adjustment", Amount: money.MustParse("11500.25"),
				Balance: money.MustParse("11500.25"), InvoiceNumber: "G000"},
		},
		Next:    &Link{Href: "/credits?before=41", HxGet: "/credits?tx_before=41"},
		CSVHref: "/credits/transactions.csv",
	}
}

// TestTxTableRows (M13, M16): every transaction shows its date, description, signed amount and
// the balance after it; a pending one is marked; a settled one's invoice number links to the
// invoice when the reader may open it, and is added to a description that does not say it.
func TestTxTableRows(t *testing.T) {
	doc := componentDoc(t, TxTable(txList()))
	wantRows(t, rowTexts(doc, "tx-row", "tx-date", "tx-description", "tx-amount", "tx-balance"),
		"Jun 8, 2026 | Pending charges Pending | -USD 25.00 | USD 9,975.00",
		"Jun 1, 2026 | Settled charges, invoice G001 | -USD 1,500.25 | USD 10,000.00",
		"May 20, 2026 | Adjustment (invoice G000) | USD 11,500.25 | USD 11,500.25")
	classes := doc.Find(tid("tx-row")).Map(func(_ int, tr *goquery.Selection) string { return tr.AttrOr("class", "") })
	if want := []string{"pending", "", ""}; !slices.Equal(classes, want) {
		t.Errorf("row classes %q, want %q", classes, want)
	}
	if n := doc.Find(tid("tx-pending")).Length(); n != 1 {
		t.Errorf("%d pending badges, want 1", n)
	}
	links := doc.Find(tid("tx-invoice"))
	if links.Length() != 1 || squash(links) != "G001" || links.AttrOr("href", "") != "/invoices/G001" {
		t.Errorf("invoice links %q to %q, want G001's alone", squashAll(links), links.AttrOr("href", ""))
	}
	if got := doc.Find(tid("next-page")).AttrOr("href", ""); got != "/credits?before=41" {
		t.Errorf("next page %q, want the next cursor", got)
	}
	if n := doc.Find(tid("first-page")).Length(); n != 0 {
		t.Error("the first page links to the first page")
	}
	if got := componentDoc(t, TxFragment(txList())).Find(tid("tx-csv")).AttrOr("href", ""); got != "/credits/transactions.csv" {
		t.Errorf("CSV link %q", got)
	}
}

// TestTxTableEmpty: an empty table says why: the filters match nothing, the pages ran out
// (with a way back to the newest), or the profile has no transaction yet.
func TestTxTableEmpty(t *testing.T) {
	for _, tt := range []struct {
		name     string
		filtered bool
		first    *Link
		want     string
	}{
		{"filtered", true, nil, "No transactions match these filters."},
		{"past the last page", false, &Link{Href: "/credits"}, "No older transactions. Back to the newest"},
		{"none", false, nil, "No transactions yet."},
	} {
		tx := txList()
		tx.Rows, tx.Filtered, tx.First, tx.Next = nil, tt.filtered, tt.first, nil
		doc := componentDoc(t, TxTable(tx))
		if got := squash(doc.Find(tid("tx-empty"))); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
		if n := doc.Find(tid("tx-grid")).Length(); n != 0 {
			t.Errorf("%s: an empty table shows its grid", tt.name)
		}
		if tt.first != nil && doc.Find(tid("tx-empty")+" a").AttrOr("href", "") != "/credits" {
			t.Errorf("%s: no link back to the newest", tt.name)
		}
	}
}
