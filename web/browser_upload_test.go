package web_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserOwnerUploadsCostsAndSeesTheEstimateMove: an owner uploads an Azure cost export from
// the profile's Upload charges page; the new pending charges lower the estimated balance on the
// Azure credits page (M12), and the current balance stays as of the last invoice.
func TestBrowserOwnerUploadsCostsAndSeesTheEstimateMove(t *testing.T) {
	t.Parallel()
	h, b := newBrowserHarness(t)
	h.addLedger(t, ledgerDay)
	export := filepath.Join(t.TempDir(), "july-costs.csv")
	csv := "BillingProfileId,Date,ProductName,PublisherType,ChargeType,BillingCurrency,CostInBillingCurrency,SubscriptionName\n" +
		"PBFV-AB12-CD3-EF4,07/08/2026,Virtual Machines,Azure,Usage,USD,70.25,Prod\n" +
		"PBFV-AB12-CD3-EF4,07/08/2026,Virtual Machines,Azure,Usage,USD,5.00,Dev\n" +
		"PBFV-AB12-CD3-EF4,07/09/2026,Contoso Firewall,Marketplace,Usage,USD,12.00,Prod\n"
	if err := os.WriteFile(export, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}

	b.signIn("account.owner@northwind.example")
	b.open(creditsPath)
	b.do("wait for the balance", chromedp.WaitVisible(chromedp.CSS(`[data-testid=estimated-balance]`)))
	if got := b.text(`[data-testid=estimated-balance]`); got != "USD 625.00" {
		t.Fatalf("estimated balance before the upload %q, want USD 625.00", got)
	}
	b.load("open Upload charges from the menu", chromedp.Click(chromedp.Search(`//nav[@aria-label="Scope menu"]//a[normalize-space()="Upload charges"]`)))
	b.do("choose the export", chromedp.SetUploadFiles(chromedp.CSS(`[data-testid=upload-file]`), []string{export}))
	b.load("upload it", chromedp.Click(chromedp.CSS(`[data-testid=upload-form] button[type=submit]`)))
	b.do("wait for the confirmation", chromedp.WaitVisible(chromedp.CSS(`[data-testid=flash]`)))
	b.screenshot("upload-done")
	b.open(creditsPath)
	b.do("wait for the balance", chromedp.WaitVisible(chromedp.CSS(`[data-testid=estimated-balance]`)))
	// 75.25 of eligible Virtual Machines; the Marketplace firewall is never paid by credit (M10).
	if got := b.text(`[data-testid=estimated-balance]`); got != "USD 549.75" {
		t.Errorf("estimated balance after the upload %q, want USD 549.75", got)
	}
	if got := b.text(`[data-testid=current-balance]`); got != "USD 825.00" {
		t.Errorf("current balance after the upload %q, want USD 825.00 (as of the last invoice)", got)
	}
}
