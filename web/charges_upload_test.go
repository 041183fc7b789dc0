package web_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
)

// The owner of the worked example (ledgerFile) and her password.
const (
	ledgerOwner    = "ana@northwind.example"
	ledgerPassword = "a long passphrase"
)

// workedExampleAsOwner is the worked example alone on SQLite, processed on ledgerDay, with its
// owner signed in.
func workedExampleAsOwner(t *testing.T) (*harness, *client) {
	t.Helper()
	h := newHarness(t, store.SQLite, ledgerFile, false)
	h.process(t, ledgerDay)
	c := h.client(t)
	c.signInWith(ledgerOwner, ledgerPassword)
	return h, c
}

// uploadCSV posts a file to the profile's upload form as a browser without Sec-Fetch-Site
// does: the CSRF token first, then the file.
func (c *client) uploadCSV(path, name, content string) (*http.Response, string) {
	c.t.Helper()
	return c.uploadWith(path, name, content, c.csrf(), nil)
}

// uploadWith posts a file with the given _csrf field ("" for none) and headers.
func (c *client) uploadWith(path, name, content, token string, headers map[string]string) (*http.Response, string) {
	c.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	if token != "" {
		_ = w.WriteField("_csrf", token)
	}
	fw, _ := w.CreateFormFile("file", name)
	_, _ = fw.Write([]byte(content))
	_ = w.Close()
	req, _ := http.NewRequest("POST", c.h.server.URL+path, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	return c.send(req)
}

// TestUploadChargesMovesTheEstimate: an owner uploads a cost export; its charges are pending and
// lower the estimated balance (M12); a bad file is refused naming line and column, storing
// nothing (X2).
func TestUploadChargesMovesTheEstimate(t *testing.T) {
	t.Parallel()
	h, c := workedExampleAsOwner(t)
	ctx := context.Background()
	upload := profilePath + "/charges/upload"
	csv := "billingProfileId,date,productName,billingCurrency,costInBillingCurrency\n" +
		"PBFV-AB12-CD3-EF4,07/08/2026,Virtual Machines,USD,75.25\n"
	resp, _ := c.uploadCSV(upload, "july.csv", csv)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: status %d", resp.StatusCode)
	}
	_, page := c.get(upload)
	if !strings.Contains(doc(t, page).Find(`[data-testid="flash"]`).Text(), "Imported july.csv") {
		t.Errorf("no confirmation after the upload")
	}
	p := engineering(t, h.store)
	sum, _ := h.store.ProfileSummary(ctx, p, ledger.DateOf(h.clock.T))
	if sum.EstimatedBalance.String() != "549.75" {
		t.Errorf("estimated balance after upload %s, want 625.00 - 75.25 = 549.75", sum.EstimatedBalance)
	}
	bad := "billingProfileId,date,productName,billingCurrency,costInBillingCurrency\n" +
		"PBFV-AB12-CD3-EF4,07/09/2026,Virtual Machines,USD,10\n" +
		"PBFV-AB12-CD3-EF4,07/09/2026,Storage,USD,abc\n"
	resp, page = c.uploadCSV(upload, "bad.csv", bad)
	problems := doc(t, page).Find(`[data-testid="upload-problems"]`).Text()
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(problems, "line 3, column costInBillingCurrency") {
		t.Errorf("bad upload: status %d, problems %q", resp.StatusCode, problems)
	}
	if again, _ := h.store.ProfileSummary(ctx, p, ledger.DateOf(h.clock.T)); again.EstimatedBalance != sum.EstimatedBalance {
		t.Error("a refused upload changed the estimate")
	}
	for name, csv := range map[string]string{
		"missing column": "billingProfileId,date,productName,costInBillingCurrency\nPBFV-AB12-CD3-EF4,07/09/2026,VM,1\n",
		"other currency": "billingProfileId,date,productName,billingCurrency,costInBillingCurrency\nPBFV-AB12-CD3-EF4,07/09/2026,VM,EUR,1\n",
		"other profile":  "billingProfileId,date,productName,billingCurrency,costInBillingCurrency\nQW7R-KM45-TY6-UP8,07/09/2026,VM,USD,1\n",
	} {
		if resp, _ := c.uploadCSV(upload, "bad.csv", csv); resp.StatusCode != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422", name, resp.StatusCode)
		}
	}
}

// TestUploadLimitsAndFutureDates: a charge dated after today is refused naming its line; a later
// export that lowers a day's total says so (the size limit: TestUploadOverTheSizeLimit).
func TestUploadLimitsAndFutureDates(t *testing.T) {
	t.Parallel()
	_, c := workedExampleAsOwner(t)
	upload := profilePath + "/charges/upload"
	future := "billingProfileId,date,productName,billingCurrency,costInBillingCurrency\nPBFV-AB12-CD3-EF4,07/11/2026,Virtual Machines,USD,1\n"
	resp, page := c.uploadCSV(upload, "future.csv", future)
	// X2: the problem names its line and column, its dates formatted for the reader (en-US).
	got := sentences(doc(t, page).Find(testid("upload-problems") + " li"))
	want := "line 2, column date: Jul 11, 2026 is after today (Jul 10, 2026): charges are imported once they have happened"
	if resp.StatusCode != http.StatusUnprocessableEntity || len(got) != 1 || got[0] != want {
		t.Errorf("future charge: status %d, problems %q, want %q", resp.StatusCode, got, want)
	}
	first := "billingProfileId,date,productName,billingCurrency,costInBillingCurrency\nPBFV-AB12-CD3-EF4,07/08/2026,Virtual Machines,USD,25.50\n"
	second := "billingProfileId,date,productName,billingCurrency,costInBillingCurrency\nPBFV-AB12-CD3-EF4,07/08/2026,Virtual Machines,USD,1.00\n"
	c.uploadCSV(upload, "first.csv", first)
	c.uploadCSV(upload, "second.csv", second)
	_, page = c.get(upload)
	if flash := doc(t, page).Find(`[data-testid="flash"]`).Text(); !strings.Contains(flash, "1 day totals went down, by USD 24.50 in all") {
		t.Errorf("lowering a total is not said: %q", flash)
	}
}
