package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/PuerkitoBio/goquery"

	"github.com/creditdesk/creditdesk/internal/azsync"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
)

// The profiles of testdata/arm.json, the source's billing account.
var sourceProfiles = []string{profileName, marketingName, researchName}

// TestAzureSync is issue 13's acceptance on each database: a CreditDesk instance serves as
// "Azure" over TLS; the local CreditDesk signs in through Entra ID (a fake one, checking the
// client secret) and syncs with the official SDK. After a sync the synced account's pages, CSV
// exports and API show the same balances, lots and events as the source (M7, M12, M13); a second
// sync changes nothing; new charges, a new lot and a cancellation at the source appear after the
// next sync.
func TestAzureSync(t *testing.T) {
	eachAzureEnv(t, func(t *testing.T, e *azureEnv) {
		e.connect(t)
		res := e.sync(t)
		if len(res.Profiles) != len(sourceProfiles) || res.DisplayName != "Northwind Traders" {
			t.Fatalf("synced %+v", res)
		}
		if e.entra.issued.Load() == 0 {
			t.Error("no token was asked of Entra ID")
		}
		e.sameAsSource(t, "first sync")
		// The runway reads the charges Azure settled against credit, spread over their months.
		c := e.local.signedIn(t, localReader)
		runway := c.charts(c.page(localPath+"/profiles/"+profileName+"/credits", http.StatusOK)).Find(`[data-testid="runway"]`)
		if got := runway.Find(`[data-testid="runway-summary"]`).Text(); got == "" || strings.Contains(got, "Not enough history") {
			t.Errorf("runway of a synced profile: %q", got)
		}
		if runway.Find(`[data-testid="runway-lots"] tr`).Length() < 2 {
			t.Error("the runway lists no credit of the synced profile")
		}

		// A second sync reads again and changes nothing: no event, lot, balance or audit entry.
		auditBefore := e.auditCount(t)
		for _, p := range e.sync(t).Profiles {
			if p.Changes.Any() {
				t.Errorf("second sync changed %s: %s", p.Name, p.Changes)
			}
		}
		if got := e.auditCount(t); got != auditBefore {
			t.Errorf("second sync wrote %d audit entries", got-auditBefore)
		}
		e.sameAsSource(t, "second sync")

		// New charges and a new lot at the source, then its June invoice (issued on July 5).
		loadScenario(t, e.source.store, "testdata/azure_more.json")
		e.setClock(time.Date(2026, 7, 6, 9, 30, 0, 0, time.UTC))
		e.source.process(t, e.source.clock.T)
		e.cancelAtSource(t, "c81e5b07-2d94-4a6f-b3e8-6f0a9d7c5e12") // canceled from today, settled by the next invoice
		added := map[string]azsync.ProfileResult{}
		for _, p := range e.sync(t).Profiles {
			added[p.Name] = p
		}
		if ch := added[profileName].Changes; ch.LotsAdded != 1 || ch.Events == 0 || !ch.BalanceChanged {
			t.Errorf("the next sync stored %s for Engineering; want the new lot, the June invoice's events and a new balance", ch)
		}
		e.sameAsSource(t, "after new charges and a new lot")
		v := readView(t, e.local, localToken, localAccount, profileName)
		if !strings.Contains(strings.Join(v.Lots, "\n"), "c81e5b07-2d94-4a6f-b3e8-6f0a9d7c5e12 PurchasedCredit Canceled") ||
			!strings.Contains(strings.Join(v.Events, "\n"), "PendingCanceledCredit") {
			t.Errorf("the canceled credit is not shown as canceled and pending:\n%s\n%s", strings.Join(v.Lots, "\n"), strings.Join(v.Events, "\n"))
		}

		// The July invoice settles the cancellation at the source; the next sync follows.
		e.setClock(time.Date(2026, 8, 6, 9, 30, 0, 0, time.UTC))
		e.source.process(t, e.source.clock.T)
		e.sync(t)
		e.sameAsSource(t, "after the cancellation settled")

		// The synced account's local processing run leaves the synced profiles alone.
		if r, err := e.local.store.ProcessAll(context.Background(), ledger.DateOf(e.local.clock.T)); err != nil || r.Invoices != 0 || r.EventsStored != 0 {
			t.Errorf("local processing run on synced profiles: %+v, %v", r, err)
		}
		e.sameAsSource(t, "after a local processing run")
	})
}

// cancelAtSource cancels a lot of the source's Engineering profile from its today (M13).
func (e *azureEnv) cancelAtSource(t *testing.T, lot string) {
	t.Helper()
	ctx := context.Background()
	if err := e.source.store.CancelLot(ctx, store.User{Email: "owner@northwind.example"}, profileScope(t, e.source.store), lot,
		ledger.DateOf(e.source.clock.T)); err != nil {
		t.Fatal(err)
	}
}

// sameAsSource compares every profile's API view, credits page and exports, and the account
// summary, between the source and the synced account.
func (e *azureEnv) sameAsSource(t *testing.T, when string) {
	t.Helper()
	src, loc := e.source.client(t), e.local.client(t)
	src.signIn("owner@northwind.example")
	loc.signIn(localOwner)
	for _, p := range sourceProfiles {
		sameView(t, when+": "+p, readView(t, e.local, localToken, localAccount, p), readView(t, e.source, ownerToken, accountName, p))
		if p == researchName {
			continue // no credit: the page is the empty state on both
		}
		got, want := readPage(t, loc, localAccount, p), readPage(t, src, accountName, p)
		sameLines(t, when+": "+p+" page balance", got.Balance, want.Balance)
		sameLines(t, when+": "+p+" page credits", got.Lots, want.Lots)
		sameLines(t, when+": "+p+" page transactions", got.Tx, want.Tx)
		if got.LotsCSV != want.LotsCSV || got.TxCSV != want.TxCSV {
			t.Errorf("%s: %s exports differ:\n%s\n%s\nwant\n%s\n%s", when, p, got.LotsCSV, got.TxCSV, want.LotsCSV, want.TxCSV)
		}
	}
	page := loc.page("/accounts/"+localAccount+"/profiles/"+profileName+"/credits", http.StatusOK)
	notice := page.Find(`[data-testid="synced-from-azure"]`).Text()
	if want := "Synced from Azure at " + e.local.clock.T.UTC().Format("15:04") + " UTC"; !strings.Contains(notice, want) {
		t.Errorf("%s: the page says %q, want %q", when, notice, want)
	}
	if page.Find(`[data-testid="lot-cancel"]`).Length() != 0 {
		t.Errorf("%s: a synced credit can be canceled locally", when)
	}
	// The account summary's balances are Azure's; its active lots and next expiry read
	// CreditDesk's estimate of each lot (ledger.Mirror), which Azure does not state.
	summary := func(c *client, account string) []string {
		var rows []string
		c.page("/accounts/"+account+"/credits", http.StatusOK).Find(`[data-testid="profile-credits-row"]`).Each(func(_ int, r *goquery.Selection) {
			rows = append(rows, strings.Join(texts(r.Find("td").Slice(0, 3)), " | "))
		})
		return rows
	}
	sameLines(t, when+": account summary (M14)", summary(loc, localAccount), summary(src, accountName))
}

// auditCount counts the local account's audit entries.
func (e *azureEnv) auditCount(t *testing.T) int {
	t.Helper()
	entries, err := e.local.store.AuditOf(context.Background(), "/providers/Microsoft.Billing/billingAccounts/"+localAccount, 0, 10000)
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}
