package web_test

import (
	"context"
	"fmt"
	"net/http"
	"path"
	"strconv"
	"strings"
	"testing"

	azarm "github.com/Azure/azure-sdk-for-go/sdk/azcore/arm"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/consumption/armconsumption"
	"github.com/PuerkitoBio/goquery"
)

// sdkView is what the official SDK reads of a profile's credits: the balance summary, the lots
// and the events, each line with every value but the ids (which name the instance's account).
type sdkView struct {
	Balance string
	Lots    []string
	Events  []string
}

// readView reads a profile through the SDK from a CreditDesk instance, as the token's user.
func readView(t testing.TB, h *harness, token, account, profile string) sdkView {
	t.Helper()
	ctx := context.Background()
	opts := &azarm.ClientOptions{ClientOptions: policy.ClientOptions{
		Cloud: cloud.Configuration{Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
			cloud.ResourceManager: {Endpoint: h.server.URL, Audience: "https://management.core.windows.net/"}}},
		Transport: h.server.Client(), Retry: policy.RetryOptions{MaxRetries: -1}}, DisableRPRegistration: true}
	cred := staticToken(token)
	var v sdkView
	credits, _ := armconsumption.NewCreditsClient(cred, opts)
	sum, err := credits.Get(ctx, account, profile, nil)
	if err != nil {
		t.Fatalf("balance summary of %s: %v", profile, err)
	}
	if p := sum.Properties; p != nil {
		v.Balance = fmt.Sprintf("current %s estimated %s pending charges %s pending adjustments %s expired %s",
			num(p.BalanceSummary.CurrentBalance), num(p.BalanceSummary.EstimatedBalance), num(p.PendingEligibleCharges),
			num(p.PendingCreditAdjustments), num(p.ExpiredCredit))
	}
	lots, _ := armconsumption.NewLotsClient(cred, opts)
	for pager := lots.NewListByBillingProfilePager(account, profile, nil); pager.More(); {
		page, err := pager.NextPage(ctx)
		if err != nil {
			t.Fatalf("lots of %s: %v", profile, err)
		}
		for _, l := range page.Value {
			p := l.Properties
			v.Lots = append(v.Lots, fmt.Sprintf("%s %s %s original %s closed %s %s..%s purchased %v po %q %s", *l.Name, str(p.Source),
				str(p.Status), num(p.OriginalAmount), num(p.ClosedBalance), p.StartDate.UTC(), p.ExpirationDate.UTC(),
				p.PurchasedDate, str(p.PoNumber), str(p.CreditCurrency)))
		}
	}
	events, _ := armconsumption.NewEventsClient(cred, opts)
	for pager := events.NewListByBillingProfilePager(account, profile, "2020-01-01", "2030-12-31", nil); pager.More(); {
		page, err := pager.NextPage(ctx)
		if err != nil {
			t.Fatalf("events of %s: %v", profile, err)
		}
		for _, e := range page.Value {
			p := e.Properties
			v.Events = append(v.Events, fmt.Sprintf("%s %s %q invoice %q new %s adj %s expired %s charges %s canceled %s balance %s lot %s %s",
				p.TransactionDate.UTC().Format("2006-01-02"), str(p.EventType), str(p.Description), str(p.InvoiceNumber),
				num(p.NewCredit), num(p.Adjustments), num(p.CreditExpired), num(p.Charges), num(p.CanceledCredit),
				num(p.ClosedBalance), path.Base(str(p.LotID)), str(p.LotSource)))
		}
	}
	return v
}

// num writes an SDK amount with its currency.
func num(a *armconsumption.Amount) string {
	if a == nil || a.Value == nil {
		return "-"
	}
	return strconv.FormatFloat(*a.Value, 'f', -1, 64) + " " + str(a.Currency)
}

// sameView fails the test where two views differ, line by line.
func sameView(t testing.TB, what string, got, want sdkView) {
	t.Helper()
	if got.Balance != want.Balance {
		t.Errorf("%s balance:\n got %s\nwant %s", what, got.Balance, want.Balance)
	}
	sameLines(t, what+" lots", got.Lots, want.Lots)
	sameLines(t, what+" events", got.Events, want.Events)
}

func sameLines(t testing.TB, what string, got, want []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d lines, want %d\n got %q\nwant %q", what, len(got), len(want), got, want)
		return
	}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("%s line %d:\n got %s\nwant %s", what, i, got[i], want[i])
		}
	}
}

// pageView is what a reader of a profile's credits page sees of its figures, credits and
// transactions (the first page of each table), and its two CSV exports.
type pageView struct {
	Balance, Lots, Tx []string
	LotsCSV, TxCSV    string
}

// readPage reads a profile's credits page and exports as a signed-in client.
func readPage(t testing.TB, c *client, account, profile string) pageView {
	t.Helper()
	base := "/accounts/" + account + "/profiles/" + profile + "/credits"
	d := c.page(base, http.StatusOK)
	var v pageView
	for _, id := range []string{"estimated-balance", "current-balance", "pending-charges", "pending-adjustments", "pending-new-credit", "expired-credit"} {
		v.Balance = append(v.Balance, id+" "+d.Find(`[data-testid="`+id+`"]`).Text())
	}
	d.Find(`[data-testid="lot-row"]`).Each(func(_ int, row *goquery.Selection) {
		// The six columns of the list; an owner's page has a selection cell first (Cancel credit).
		v.Lots = append(v.Lots, strings.Join(texts(row.Find("td:not(.select)").Slice(0, 6)), " | "))
	})
	// The source links each invoice number to its invoice; a synced profile has no local
	// invoices, so its number is plain text: the words are the same.
	for _, row := range texts(d.Find(`[data-testid="tx-row"]`)) {
		v.Tx = append(v.Tx, strings.ReplaceAll(row, " )", ")"))
	}
	_, v.LotsCSV = c.get(base + "/lots.csv")
	_, v.TxCSV = c.get(base + "/transactions.csv")
	return v
}
