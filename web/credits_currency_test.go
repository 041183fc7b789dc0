package web_test

import (
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/store"
)

// TestYenAmountsHaveNoDecimals (M2, M16): the worked example billed in JPY, a currency without
// minor units, shows its amounts on the page and in both exports without decimals.
func TestYenAmountsHaveNoDecimals(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile(ledgerFile)
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "yen.json")
	yen := strings.NewReplacer(`"currency": "USD"`, `"currency": "JPY"`, strconv.Quote(ledgerPassword), strconv.Quote(testPassword)).Replace(string(data))
	if err := os.WriteFile(file, []byte(yen), 0o600); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, store.SQLite, file, false)
	h.process(t, ledgerDay)
	c := h.signedIn(t, "ana@northwind.example")

	p := c.page(creditsPath, http.StatusOK)
	for id, want := range map[string]string{"estimated-balance": "JPY 625", "current-balance": "JPY 825", "pending-charges": "-JPY 200"} {
		if got := strings.TrimSpace(p.Find(testid(id)).Text()); got != want {
			t.Errorf("%s = %q, want %q", id, got, want)
		}
	}
	if lots := strings.Join(cells(p, testid("lot-row")), "\n"); !strings.Contains(lots, "JPY 825 | JPY 2,000 | Active") {
		t.Errorf("credits list:\n%s", lots)
	}
	if got := join(c.getCSV(creditsPath + "/lots.csv")); !strings.Contains(got, "PurchasedCredit,2026-04-20,2027-04-19,825,2000,JPY,Active") {
		t.Errorf("lots.csv:\n%s", got)
	}
	if got := join(c.getCSV(creditsPath + "/transactions.csv")); !strings.Contains(got, "2026-07-10,Pending charges,-200,625,JPY,Pending,") ||
		strings.Contains(got, ".00") {
		t.Errorf("transactions.csv:\n%s", got)
	}
}
