package web_test

import (
	"context"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/consumption/armconsumption"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// lots pages through L1 with pages of 2 and compares each lot with the store's (M7, M8, M12a).
func (sc sdkCase) lots(t *testing.T) {
	ctx := context.Background()
	client, err := armconsumption.NewLotsClient(staticToken(profileToken), sdkOptions(sc.h))
	if err != nil {
		t.Fatal(err)
	}
	p := sc.profiles[profileName]
	stored, _, err := sc.h.store.LotsPage(ctx, store.LotQuery{ProfileIDs: []int64{p.ID}, Limit: 1000, Today: sc.today, Window: 30})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]store.LotRow{}
	for _, r := range stored {
		byName[r.Name] = r
	}
	var got []*armconsumption.LotSummary
	pages := 0
	for pager := client.NewListByBillingProfilePager(accountName, profileName, nil); pager.More(); pages++ {
		page, err := pager.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, page.Value...)
	}
	if pages != 3 || len(got) != len(stored) || len(got) != 6 {
		t.Fatalf("%d lots in %d pages, want the store's %d in 3", len(got), pages, len(stored))
	}
	sum := money.Zero
	for _, l := range got {
		r, ok := byName[*l.Name]
		delete(byName, *l.Name)
		if !ok {
			t.Fatalf("lot %s twice or unknown", *l.Name)
		}
		lot := r.Lot()
		closed := lot.ClosedBalance
		if lot.State == ledger.LotPending { // entered no invoice yet: no balance as of the last one (M12a)
			closed = money.Zero
		}
		sum = sum.Add(closed)
		pr := l.Properties
		if *pr.OriginalAmount.Value != fl(lot.OriginalAmount) || *pr.ClosedBalance.Value != fl(closed) ||
			string(*pr.Source) != string(r.Source) || *pr.PoNumber != r.PONumber || string(*pr.Status) != string(lot.Status(sc.today, 30).API()) ||
			!pr.StartDate.Equal(lot.StartDate.Time()) || !pr.ExpirationDate.Equal(lot.ExpirationDate.Time().Add(24*time.Hour-time.Second)) ||
			!pr.PurchasedDate.Equal(lot.PurchasedDate.Time()) || *pr.CreditCurrency != "USD" ||
			*pr.OriginalAmountInBillingCurrency.Value != fl(lot.OriginalAmount) || *pr.ClosedBalanceInBillingCurrency.Value != fl(closed) ||
			*l.ID != profilePathARM+"/providers/Microsoft.Consumption/lots/"+r.Name {
			t.Errorf("lot %s: %+v, store %+v", *l.Name, pr, r)
		}
	}
	summary, _ := sc.h.store.ProfileSummary(ctx, p, sc.today)
	if sum != summary.CurrentBalance {
		t.Errorf("lots' closed balances add up to %s, the current balance is %s (M12a)", sum, summary.CurrentBalance)
	}
	// L2 with the spec's own $filter, names and values in lower case, as an account reader
	// (contract §2, §9.12): the one active commitment of the account.
	acct, err := armconsumption.NewLotsClient(staticToken(readerToken), sdkOptions(sc.h))
	if err != nil {
		t.Fatal(err)
	}
	var macc []string
	filter := "status eq 'active' AND source eq 'consumptioncommitment'"
	for pager := acct.NewListByBillingAccountPager(accountName, &armconsumption.LotsClientListByBillingAccountOptions{Filter: to.Ptr(filter)}); pager.More(); {
		page, err := pager.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range page.Value {
			macc = append(macc, *l.ID)
		}
	}
	if want := "/providers/Microsoft.Billing/billingAccounts/" + accountName + "/providers/Microsoft.Consumption/lots/G202001083926600XXXXX"; len(macc) != 1 || macc[0] != want {
		t.Errorf("L2 %s: %v, want [%s]", filter, macc, want)
	}
}

// events pages through E1 and compares each event with the stored ledger and the pending
// events of the summary (M13); the running balance holds from event to event.
func (sc sdkCase) events(t *testing.T) {
	ctx := context.Background()
	client, err := armconsumption.NewEventsClient(staticToken(invoiceToken), sdkOptions(sc.h))
	if err != nil {
		t.Fatal(err)
	}
	p := sc.profiles[profileName]
	settled, _, err := sc.h.store.EventsPage(ctx, store.EventQuery{ProfileIDs: []int64{p.ID}, Newest: true, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(settled)
	summary, _ := sc.h.store.ProfileSummary(ctx, p, sc.today)
	var got []*armconsumption.EventSummary
	pages := 0
	for pager := client.NewListByBillingProfilePager(accountName, profileName, "2026-01-01", "2026-12-31", nil); pager.More(); pages++ {
		page, err := pager.NextPage(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, page.Value...)
	}
	if want := len(settled) + len(summary.Events); len(got) != want || pages != (want+1)/2 {
		t.Fatalf("%d events in %d pages, want %d (%d settled, %d pending) in pages of 2", len(got), pages, want, len(settled), len(summary.Events))
	}
	names := map[string]bool{}
	prev := 0.0
	for i, e := range got {
		pr := e.Properties
		var want ledger.Event
		if i < len(settled) {
			r := settled[i]
			want = ledger.Event{Kind: ledger.EventKind(r.Kind), Date: r.Date, Description: r.Description,
				Amount: r.Amount, Balance: r.Balance, InvoiceNumber: r.InvoiceNumber}
		} else {
			want = summary.Events[i-len(settled)]
		}
		moved := *pr.NewCredit.Value + *pr.Adjustments.Value + *pr.CreditExpired.Value + *pr.Charges.Value + *pr.CanceledCredit.Value
		if names[*e.Name] || !pr.TransactionDate.Equal(want.Date.Time()) || *pr.Description != want.Description ||
			*pr.ClosedBalance.Value != fl(want.Balance) || moved != fl(want.Amount) || *pr.InvoiceNumber != want.InvoiceNumber ||
			*pr.BillingProfileID != profilePathARM || *pr.BillingProfileDisplayName != "Engineering" ||
			*pr.ClosedBalanceInBillingCurrency.Value != fl(want.Balance) {
			t.Errorf("event %d: %s %s %v, want %+v", i, str(pr.EventType), *pr.Description, *pr.ClosedBalance.Value, want)
		}
		if i > 0 && math.Abs(*pr.ClosedBalance.Value-prev-moved) > 1e-6 {
			t.Errorf("event %d: balance %v does not follow %v + %v", i, *pr.ClosedBalance.Value, prev, moved)
		}
		names[*e.Name], prev = true, *pr.ClosedBalance.Value
	}
	if last := got[len(settled)-1].Properties.ClosedBalance.Value; *last != fl(summary.CurrentBalance) {
		t.Errorf("last settled balance %v, current balance %s", *last, summary.CurrentBalance)
	}
	if *got[len(got)-1].Properties.ClosedBalance.Value != fl(summary.EstimatedBalance) {
		t.Errorf("last pending balance %v, estimated balance %s", prev, summary.EstimatedBalance)
	}
}

// TestSDKAccountEvents: E2 through the SDK with the MACC docs' $filter, as an account reader:
// only the commitment's events, across every profile of the account.
func TestSDKAccountEvents(t *testing.T) {
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) { sdkAccountEvents(t, newSDKCase(t, d)) })
}

func sdkAccountEvents(t *testing.T, sc sdkCase) {
	client, err := armconsumption.NewEventsClient(staticToken(readerToken), sdkOptions(sc.h))
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	opts := &armconsumption.EventsClientListByBillingAccountOptions{Filter: to.Ptr("lotsource eq 'ConsumptionCommitment'")}
	for pager := client.NewListByBillingAccountPager(accountName, opts); pager.More(); {
		page, err := pager.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page.Value {
			if str(e.Properties.LotSource) != "ConsumptionCommitment" || str(e.Properties.LotID) != profilePathARM+"/providers/Microsoft.Consumption/lots/G202001083926600XXXXX" {
				t.Errorf("event %s of lot %s", *e.Properties.Description, str(e.Properties.LotID))
			}
			kinds = append(kinds, str(e.Properties.EventType))
		}
	}
	// Its new credit, the refund of March settled on it, and June's pending service credit.
	if want := []string{"NewCredit", "SettledCharges", "PendingAdjustments"}; !slices.Equal(kinds, want) {
		t.Errorf("commitment events %v, want %v", kinds, want)
	}
	all := 0
	for pager := client.NewListByBillingAccountPager(accountName, nil); pager.More(); {
		page, err := pager.NextPage(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page.Value {
			all++
			if *e.Properties.BillingProfileID == profilePathARM != (*e.Properties.BillingProfileDisplayName == "Engineering") {
				t.Errorf("event %s: profile %s", *e.Name, *e.Properties.BillingProfileID)
			}
		}
	}
	want := 0
	for _, p := range sc.profiles {
		settled, _, _ := sc.h.store.EventsPage(context.Background(), store.EventQuery{ProfileIDs: []int64{p.ID}, Newest: true, Limit: 1000})
		summary, _ := sc.h.store.ProfileSummary(context.Background(), p, sc.today)
		want += len(settled) + len(summary.Events)
	}
	if all != want {
		t.Errorf("%d events across the account's profiles, want %d", all, want)
	}
}
