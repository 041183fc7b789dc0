package views

import (
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// Component tests of the Benefits workspace, as templ's testing guide has them: each component
// is rendered with its props into a buffer, without a server or a database, and the markup is
// read back with goquery through its data-testid attributes.

// sampleBenefit is a benefit bought 1 Feb 2026, usable 5 Feb 2026 to 4 Feb 2027.
func sampleBenefit(id string, k benefits.Kind) benefits.Benefit {
	day := func(m time.Month, d int, y int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	return benefits.Benefit{ID: id, Kind: k, Amount: money.FromUnits(6000), Currency: "USD", PurchaseDate: day(2, 1, 2026),
		StartDate: day(2, 5, 2026), EndDate: day(2, 4, 2027)}
}

// sampleRow is b as a row of the list at now, as the handler builds it.
func sampleRow(loc Locale, b benefits.Benefit, now time.Time, holder string) BenefitRow {
	st := benefits.StatusOf(b, now)
	r := BenefitRow{Loc: loc, DOMID: "benefit-" + b.ID, ID: b.ID, Kind: b.Kind.Label(), Amount: Money(b.Amount, b.Currency),
		PerMonth: b.Kind.Monthly(), Start: ledger.DateOf(b.StartDate), End: ledger.DateOf(b.EndDate), Status: string(st),
		StatusLabel: st.Label(), StatusNote: benefits.StatusNote(b, st), Holder: b.AssignedTo, HolderName: holder,
		Reassignments: "Not supported", Href: "/partners/1/benefits/" + b.ID}
	if st == benefits.StatusPendingProvisioning {
		r.NoteRule = "P8"
	}
	return r
}

// TestBenefitsTableComponent: the Azure credits list shows one row per benefit in the order
// given, each with its status (stable id and label), its status note with the date in the
// reader's order (P8, P3, X3), its amount per month for a monthly credit (P3) and its holder;
// a list without rows says why, with a way back to the whole list (P2).
func TestBenefitsTableComponent(t *testing.T) {
	gb := LocaleOf("en-GB")
	pending := sampleBenefit("b-001", benefits.AzureMonthlyCredit)
	held := sampleBenefit("b-002", benefits.AzureBulkCredit)
	held.AssignedTo = "raj@fabrikam.example"
	ended := sampleBenefit("b-003", benefits.CopilotForSecurity)
	ended.EndDate = time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)
	rows := []BenefitRow{
		sampleRow(gb, pending, time.Date(2026, 2, 3, 12, 0, 0, 0, time.UTC), ""),
		sampleRow(gb, held, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), "Raj Patel"),
		sampleRow(gb, ended, time.Date(2026, 4, 2, 0, 0, 0, 0, time.UTC), ""),
	}
	d := componentDoc(t, BenefitsTable(BenefitList{Loc: gb, Rows: rows, Summary: fault.Say(KeyPageOf, 1, 3, 3)}))

	type row struct{ id, status, label, note, rule, amount, dates, holder string }
	want := []row{
		{"b-001", "PendingProvisioning", "Pending provisioning",
			"Available on 5 Feb 2026, four days after the purchase while the payment is processed.", "P8",
			"USD 6,000.00 per month", "5 Feb 2026 to 4 Feb 2027", "None"},
		{"b-002", "Assigned", "Assigned", "Valid through 4 Feb 2027 (the last day included).", "",
			"USD 6,000.00", "5 Feb 2026 to 4 Feb 2027", "Raj Patel | raj@fabrikam.example"},
		{"b-003", "Expired", "Expired", "Ended: it was valid through 31 Mar 2026 (the last day included).", "",
			"USD 6,000.00", "5 Feb 2026 to 31 Mar 2026", "None"},
	}
	got := d.Find(`[data-testid="benefit-row"]`)
	if got.Length() != len(want) {
		t.Fatalf("%d rows, want %d", got.Length(), len(want))
	}
	got.Each(func(i int, r *goquery.Selection) {
		note, holder := r.Find(`[data-testid="benefit-note"]`), r.Find(`[data-testid="benefit-holder"]`)
		email := squash(holder.Find(".token").Remove()) // the holder's name, then their email below it
		g := row{r.AttrOr("data-benefit", ""), r.AttrOr("data-status", ""), squash(r.Find(`[data-testid="benefit-status"]`)),
			squash(note), note.AttrOr("data-rule", ""), squash(r.Find(`[data-testid="benefit-amount"]`)),
			squash(r.Find(`[data-testid="benefit-dates"]`)), strings.TrimSuffix(squash(holder)+" | "+email, " | ")}
		if g != want[i] {
			t.Errorf("row %d\n got %+v\nwant %+v", i, g, want[i])
		}
	})
	if n := d.Find(`[data-testid="benefit-note"] time[datetime="2026-02-05"]`).Length(); n != 1 {
		t.Errorf("%d <time datetime=2026-02-05> in the notes, want the pending benefit's", n)
	}
	if got := squash(d.Find(`[data-testid="benefits-summary"]`)); got != "1-3 of 3 benefits" {
		t.Errorf("summary %q", got)
	}

	empty := componentDoc(t, BenefitsTable(BenefitList{Loc: gb, Empty: EmptyNoMatch, ClearHref: "/partners/1/benefits",
		Problem: filterProblem(benefits.ParseFilter("soon"))}))
	if empty.Find(`[data-testid="benefit-row"]`).Length() != 0 ||
		!strings.HasPrefix(squash(empty.Find(`[data-testid="benefits-empty"]`)), "No benefit matches this filter and search.") ||
		empty.Find(`[data-testid="clear-filters"]`).AttrOr("href", "") != "/partners/1/benefits" {
		t.Errorf("empty list: %s", squash(empty.Selection))
	}
	if got, want := squash(empty.Find(`[data-testid="list-problem"]`)),
		`"soon" is not a filter; use not-redeemed, redeemed, monthly, bulk or expiring.`; got != want {
		t.Errorf("problem %q, want %q", got, want)
	}
}

// filterProblem is the refusal of a parse in words, as a handler shows it above the list (X2);
// "" when the parse refused nothing, which the test's comparison then reports.
func filterProblem(_ benefits.Filter, err error) string {
	for _, problem := range benefits.RuleErrors(err) {
		return Text(problem.Message)
	}
	return ""
}

// TestBenefitPaneComponent: the side pane shows the status note (P3), the Details tab's amount,
// dates and validity in the reader's order (X3, M16, P11), the history's instants (P12), and on
// the Activate benefits tab each refusal under the field it is about (X2, P9, P10) and the
// rules' notice with its date and rule (P8).
func TestBenefitPaneComponent(t *testing.T) {
	us := LocaleOf("en-US")
	b := sampleBenefit("b-001", benefits.AzureMonthlyCredit)
	b.AssignedTo = "raj@fabrikam.example"
	b.ActivatedAt = time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	b.RedeemedAt, b.SubscriptionID = b.ActivatedAt, "0f2b0a0e-58e5-4c5e-9a43-3b2f0e4d9b11"
	b.EndDate = time.Date(2027, 9, 30, 0, 0, 0, 0, time.UTC)
	now := time.Date(2026, 7, 1, 0, 0, 0, 0, time.UTC)
	pane := BenefitPane{Loc: us, PartnerName: "Fabrikam", Row: sampleRow(us, b, now, "Raj Patel"), Tab: "details",
		Details: []BenefitProp{
			{Label: "Amount", Value: fault.Say(KeyPerMonth, fault.Money{Amount: b.Amount, Currency: b.Currency}), TestID: "detail-amount"},
			{Label: "End date", Value: fault.Say(KeyIncluded, ledger.DateOf(b.EndDate)), TestID: "detail-end"},
			{Label: "Redeemed", Value: fault.Say(fault.KeyText, fault.Minute(b.RedeemedAt)), TestID: "detail-redeemed"},
			{Label: "Valid", Value: benefits.Validity(b), TestID: "detail-valid"},
		},
		Events: []BenefitEventRow{{At: b.ActivatedAt.Add(-time.Hour), Actor: "olga@fabrikam.example", What: fault.Say(KeyHistoryAssigned, fault.Email("raj@fabrikam.example"))}},
		Months: []BenefitMonthRow{{Number: 1, Start: b.ActivatedAt, End: time.Date(2026, 7, 15, 10, 0, 0, 0, time.UTC),
			Allotment: "USD 6,000.00", Used: "USD 0.00", Remaining: "USD 6,000.00"}},
	}

	d := componentDoc(t, BenefitPaneContent(pane, true))
	details := map[string]string{
		"pane-status":     "Redeemed",
		"pane-note":       "Valid until Jul 15, 2027, 10:00 UTC (13 months from activation).",
		"detail-amount":   "USD 6,000.00 per month",
		"detail-end":      "Sep 30, 2027 (included)",
		"detail-redeemed": "Jun 15, 2026, 10:00 UTC",
		"detail-valid":    "until Jul 15, 2027, 10:00 UTC (13 months from activation)",
	}
	for id, want := range details {
		if got := squash(d.Find(`[data-testid="` + id + `"]`)); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
	if n := d.Find(`[data-testid="detail-valid"] time[datetime="2027-07-15T10:00Z"]`).Length(); n != 1 {
		t.Errorf("%d <time datetime=2027-07-15T10:00Z> in Valid, want 1", n)
	}

	pane.Tab = "history"
	h := componentDoc(t, BenefitPaneContent(pane, true))
	if got, want := squash(h.Find(`[data-testid="history-event"] td`).First()), "Jun 15, 2026, 09:00 UTC"; got != want {
		t.Errorf("history: %q, want %q", got, want)
	}
	if got, want := squash(h.Find(`[data-testid="credit-month"] td`).Eq(1)), "Jun 15, 2026, 10:00 UTC to Jul 15, 2026, 10:00 UTC"; got != want {
		t.Errorf("credit month: %q, want %q", got, want)
	}

	// The Activate benefits tab after a refused Add a new user: each problem at its field.
	_, addErr := benefits.NewUser("", "raj@mail.gmail.com", nil, benefits.Policy{})
	bulk := sampleBenefit("b-009", benefits.AzureBulkCredit)
	bulk.AssignedTo = "ana@fabrikam.example"
	assignErr := benefits.CheckBulkLimit(sampleBenefit("b-002", benefits.AzureBulkCredit), "ana@fabrikam.example", []benefits.Benefit{bulk})
	pane.Tab, pane.CanAssign, pane.Errors = "activate", true, map[string]fault.Message{}
	for _, re := range append(benefits.RuleErrors(addErr), benefits.RuleErrors(assignErr)...) {
		pane.Errors[re.Field] = re.Message
	}
	pane.Notice, pane.NoticeRule = benefits.RuleErrors(benefits.Check(sampleBenefit("b-005", benefits.AzureMonthlyCredit), nil,
		benefits.ActionAssign, time.Date(2026, 2, 2, 0, 0, 0, 0, time.UTC)))[0].Message, "P8"
	a := componentDoc(t, BenefitPaneContent(pane, true))
	placed := []struct{ field, within, want string }{
		{"name", `label:has([data-testid="add-name"])`, "Enter the user's name."},
		{"email", `label:has([data-testid="add-email"])`, "mail.gmail.com is a subdomain of the free-hosted mail domain gmail.com; " +
			"Azure credits can be assigned only to users with a company domain."},
		{"user", `[data-testid="activate-tab"]`, "ana@fabrikam.example already holds the Azure bulk credit b-009 (Feb 5, 2026 to " +
			"Feb 4, 2027); a user can hold only one bulk credit at a time, though a monthly credit alongside it is fine."},
	}
	for _, p := range placed {
		sel := a.Find(p.within + ` [data-testid="error-` + p.field + `"]`)
		if sel.Length() != 1 || squash(sel) != p.want {
			t.Errorf("error-%s within %s: %d, %q\nwant %q", p.field, p.within, sel.Length(), squash(sel), p.want)
		}
	}
	if n := a.Find(`[data-testid="error-user"] time[datetime="2026-02-05"]`).Length(); n != 1 {
		t.Errorf("%d <time datetime=2026-02-05> in the user's error, want 1", n)
	}
	if n := a.Find(`[data-testid="error-user"] .email`).Length(); n != 1 {
		t.Errorf("%d emails kept whole in the user's error, want 1", n)
	}
	if a.Find(`[data-testid="error-benefit"]`).Length() != 0 || a.Find(`[data-testid="flash"]`).Length() != 0 {
		t.Error("a refusal shown besides its field")
	}
	notice := a.Find(`[data-testid="activate-notice"]`)
	if got, want := squash(notice), "This benefit is still being provisioned while the payment is processed; it becomes available on Feb 5, 2026."; got != want ||
		notice.AttrOr("data-rule", "") != "P8" {
		t.Errorf("notice %q (rule %q), want %q (P8)", got, notice.AttrOr("data-rule", ""), want)
	}
}
