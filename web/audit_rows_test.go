package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/azsync"
	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/costcsv"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// TestAuditKeysHaveWords: every message key an audit entry or a refusal of the store or of
// the Azure connection says (X1, M1, M2, M6, M7, M8, M10, M16), and every problem of a cost
// export, of the store's checks of its lines and of the ledger's input (X2), has a sentence in
// the views.
func TestAuditKeysHaveWords(t *testing.T) {
	keys := append(append(store.AuditKeys, store.RefusalKeys...), azsync.KeyNotMCA)
	keys = append(append(append(keys, costcsv.Keys...), store.ChargeProblemKeys...), ledger.Keys...)
	for _, k := range keys {
		if !views.HasSentence(k) {
			t.Errorf("message key %s has no sentence in views", k)
		}
	}
}

// TestAuditRowsNewAndLegacy (X1, X3): an entry written as data and a legacy entry written as
// sentences both read in words on the audit page, dates in the reader's order, role names as
// the portal says them, a refusal without its rule code (kept in data-rule). A legacy entry's
// sentence is shown as it was written: its values are not data to format.
func TestAuditRowsNewAndLegacy(t *testing.T) {
	at := time.Date(2026, 2, 5, 9, 30, 0, 0, time.UTC)
	actorID := int64(7)
	newRow := auditEvent(t, 3, at, &actorID, "ana@northwind.example", store.AuditEntry{Action: store.AuditLotCanceled,
		Scope: "/providers/Microsoft.Billing/billingAccounts/a/billingProfiles/P", Target: fault.Say(store.KeyAuditValue, fault.ID("lot-1")),
		Before: fault.Say(store.KeyAuditValue, "Active"), After: fault.Say(store.KeyAuditCanceledFrom, ledger.NewDate(2026, time.March, 1))})
	newRole := auditEvent(t, 2, at, nil, "scenario load", store.AuditEntry{Action: store.AuditRoleGranted,
		Target: fault.Say(store.KeyAuditValue, fault.Email("raj@tailspin.example")), After: fault.Say(store.KeyAuditValue, access.InvoiceManager)})
	newRefusal := auditEvent(t, 4, at, &actorID, "ana@northwind.example", store.AuditEntry{Action: store.AuditBenefit("assign").Refused(),
		Target: fault.Say(store.KeyAuditAttemptUser, fault.ID("b-001"), "assign", fault.Email("raj@tailspin.example")),
		After:  fault.Say(store.KeyAuditRefused, "P3", fault.Say(benefits.KeyExpired, ledger.NewDate(2026, time.February, 4)))})
	legacyRole := store.AuditEvent{ID: 1, At: at, ActorEmail: "scenario load", Action: "role.granted", Target: "raj@tailspin.example", After: "invoiceManager"}
	legacyRefusal := store.AuditEvent{ID: 0, At: at, ActorEmail: "ana@northwind.example", Action: "benefit.assign.refused",
		Target: "benefit b-001 (assign raj@tailspin.example)", After: "refused by P3: This benefit ended on 2026-02-04."}

	rows, err := auditRows([]store.AuditEvent{newRefusal, newRow, newRole, legacyRole, legacyRefusal})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := views.AuditTable(views.Audit{Loc: views.LocaleOf("en-GB"), Rows: rows}).Render(context.Background(), &b); err != nil {
		t.Fatal(err)
	}
	doc, err := goquery.NewDocumentFromReader(strings.NewReader(b.String()))
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	doc.Find("tbody tr").Each(func(_ int, tr *goquery.Selection) {
		var cells []string
		tr.Find("td").Each(func(_ int, td *goquery.Selection) {
			cells = append(cells, strings.Join(strings.Fields(td.Text()), " "))
		})
		got = append(got, append(cells, tr.AttrOr("data-action", ""), tr.Find("[data-rule]").AttrOr("data-rule", "")))
	})
	when := "5 Feb 2026, 09:30:00 UTC"
	want := [][]string{
		{when, "ana@northwind.example", "Assignment refused", "benefit b-001 (assign raj@tailspin.example)", "",
			"Refused: This benefit ended on 4 Feb 2026; it is no longer available.", "benefit.assign.refused", "P3"},
		{when, "ana@northwind.example", "Credit canceled", "lot-1/providers/Microsoft.Billing/billingAccounts/a/billingProfiles/P",
			"Active", "Canceled from 1 Mar 2026", "lot.canceled", ""},
		{when, "scenario load", "Role granted", "raj@tailspin.example", "", "Invoice manager", "role.granted", ""},
		{when, "scenario load", "Role granted", "raj@tailspin.example", "", "Invoice manager", "role.granted", ""},
		{when, "ana@northwind.example", "Assignment refused", "benefit b-001 (assign raj@tailspin.example)", "",
			"Refused: This benefit ended on 2026-02-04.", "benefit.assign.refused", "P3"},
	}
	if len(got) != len(want) {
		t.Fatalf("rows = %q", got)
	}
	for i := range want {
		if strings.Join(got[i], " | ") != strings.Join(want[i], " | ") {
			t.Errorf("row %d\n got %q\nwant %q", i, got[i], want[i])
		}
	}
	if n := doc.Find(`time[datetime="2026-03-01"]`).Length(); n != 1 {
		t.Errorf("%d <time datetime=2026-03-01>, want the cancellation's", n)
	}
	if n := doc.Find("span.email").Length(); n < 3 {
		t.Errorf("%d emails kept whole, want the actor's and the targets'", n)
	}
}

// auditEvent is the row the store writes for an entry, read back as AuditOf returns it.
func auditEvent(t *testing.T, id int64, at time.Time, actorID *int64, actor string, e store.AuditEntry) store.AuditEvent {
	t.Helper()
	detail, err := e.Detail()
	if err != nil {
		t.Fatal(err)
	}
	return store.AuditEvent{ID: id, At: at, ActorID: actorID, ActorEmail: actor, Action: string(e.Action), Scope: e.Scope, Detail: detail}
}
