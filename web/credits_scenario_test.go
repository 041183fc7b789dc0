package web_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
)

// The generated profile of bigScenario, and its reader.
const (
	bigAccount  = "11111111-2222-4333-8444-555555555555:66666666-7777-4888-9999-aaaaaaaaaaaa_2024-01-01"
	bigProfile  = "BIGP-0000-AAA-001"
	bigReader   = "big.reader@northwind.example"
	bigCredits  = "/accounts/" + bigAccount + "/profiles/" + bigProfile + "/credits"
	bigFirstDay = "2024-01-01"
)

// bigScenario writes a scenario file with one reader and one USD profile holding lots credit
// lots (one starting every four days, each valid a year), a charge every day of days, and refunds
// adjustments spread over those days: every settled adjustment is one more event, so the
// ledger gets about refunds + 2 × lots + one per month events once processed.
func bigScenario(t testing.TB, lots, days, refunds int) string {
	t.Helper()
	return wideScenario(t, 1, lots, days, refunds)
}

// wideScenario is bigScenario with profiles profiles in the account, each as bigScenario's
// (the first is bigProfile, the others BIGP-0000-AAA-002 and on); with several, the reader reads
// the account.
func wideScenario(t testing.TB, profiles, lots, days, refunds int) string {
	t.Helper()
	start := ledger.MustDate(bigFirstDay)
	type obj = map[string]any
	var bps []obj
	sources := []string{"PromotionalCredit", "PurchasedCredit", "ConsumptionCommitment"}
	for p := range profiles {
		var ls, cs, as []obj
		for i := range lots {
			from := start.AddDays(4 * i)
			name := fmt.Sprintf("lot-%04d", i)
			if p > 0 {
				name = fmt.Sprintf("lot-%03d-%04d", p+1, i)
			}
			ls = append(ls, obj{"name": name, "source": sources[i%3],
				"amount": fmt.Sprintf("%d.%02d", 400+i%700, i%100), "startDate": from.String(), "expirationDate": from.AddDays(364).String()})
		}
		for i := range days {
			cs = append(cs, obj{"date": start.AddDays(i).String(), "amount": fmt.Sprintf("%d.%02d", 20+i%37, i%100), "product": "Virtual Machines"})
		}
		for i := range refunds {
			as = append(as, obj{"date": start.AddDays(i * days / max(refunds, 1)).String(), "amount": fmt.Sprintf("0.%02d", 1+i%99),
				"description": fmt.Sprintf("Refund %d", i)})
		}
		bps = append(bps, obj{"name": fmt.Sprintf("BIGP-0000-AAA-%03d", p+1), "displayName": fmt.Sprintf("Big %d", p+1),
			"currency": "USD", "invoiceDay": 3, "roles": []obj{{"user": bigReader, "role": "reader"}},
			"lots": ls, "charges": cs, "adjustments": as})
	}
	account := obj{"name": bigAccount, "displayName": "Big Ledger", "agreementType": "MicrosoftCustomerAgreement",
		"billingProfiles": bps}
	if profiles > 1 { // the account summary is the account's readers'
		account["roles"] = []obj{{"user": bigReader, "role": "reader"}}
	}
	sc := obj{
		"users":           []obj{{"email": bigReader, "name": "Big Reader", "password": testPassword}},
		"billingAccounts": []obj{account},
	}
	b, err := json.Marshal(sc)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
