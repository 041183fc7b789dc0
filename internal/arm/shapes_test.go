package arm

import (
	"encoding/json"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/billing/armbilling"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/consumption/armconsumption"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

const (
	acct = "5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31"
	prof = "PBFV-AB12-CD3-EF4"
)

// keysOf marshals v and returns the sorted keys of the object at path (dot-separated).
func keysOf(t *testing.T, v any, path string) []string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	for _, p := range strings.Split(path, ".") {
		if p != "" {
			m, _ = m[p].(map[string]any)
		}
	}
	return slices.Sorted(maps.Keys(m))
}

func sorted(s string) []string {
	out := strings.Fields(s)
	slices.Sort(out)
	return out
}

func summary() ledger.Summary {
	m := money.MustParse
	return ledger.Summary{CurrentBalance: m("1450"), EstimatedBalance: m("1236.4"), PendingEligibleCharges: m("-213.6")}
}

// TestCreditSummaryShapes: the reduced set for 2019-10-01, the full set for 2021-10-01, both etag
// spellings, amounts as numbers with exact digits, and a body the SDK decodes (contract §5).
func TestCreditSummaryShapes(t *testing.T) {
	in := CreditInput{Account: acct, Profile: prof, Currency: "USD", Summary: summary(), Month: time.June}
	old, full := CreditSummary(Consumption2019, in), CreditSummary(Consumption2021, in)
	if got, want := keysOf(t, old, ""), sorted("id name type etag eTag properties"); !reflect.DeepEqual(got, want) {
		t.Errorf("envelope %v, want %v", got, want)
	}
	if got, want := keysOf(t, old, "properties"), sorted("balanceSummary pendingCreditAdjustments expiredCredit pendingEligibleCharges"); !reflect.DeepEqual(got, want) {
		t.Errorf("2019-10-01 properties %v, want %v", got, want)
	}
	if got, want := keysOf(t, old, "properties.balanceSummary"), sorted("estimatedBalance currentBalance"); !reflect.DeepEqual(got, want) {
		t.Errorf("2019-10-01 balanceSummary %v", got)
	}
	if got, want := keysOf(t, full, "properties"), sorted("balanceSummary pendingCreditAdjustments expiredCredit pendingEligibleCharges creditCurrency billingCurrency reseller eTag"); !reflect.DeepEqual(got, want) {
		t.Errorf("2021-10-01 properties %v, want %v", got, want)
	}
	b, _ := json.Marshal(full)
	for _, frag := range []string{`"estimatedBalance":{"currency":"USD","value":1236.40}`, `"pendingEligibleCharges":{"currency":"USD","value":-213.60}`,
		`"exchangeRate":1,"exchangeRateMonth":6`, `"type":"Microsoft.Consumption/credits/balanceSummary"`,
		`"id":"/providers/Microsoft.Billing/billingAccounts/` + acct + `/billingProfiles/` + prof + `/providers/Microsoft.Consumption/credits/balanceSummary/`} {
		if !strings.Contains(string(b), frag) {
			t.Errorf("2021-10-01 body lacks %s\n%s", frag, b)
		}
	}
	var sdk armconsumption.CreditSummary
	if err := json.Unmarshal(b, &sdk); err != nil {
		t.Fatalf("SDK cannot decode: %v", err)
	}
	if *sdk.Properties.BalanceSummary.EstimatedBalance.Value != 1236.4 || *sdk.Properties.BalanceSummary.EstimatedBalanceInBillingCurrency.ExchangeRateMonth != 6 {
		t.Errorf("SDK read %+v", sdk.Properties.BalanceSummary)
	}
}

// TestLotShapes: 2019-10-01 has six properties, 2021-10-01 fourteen; dates are RFC 3339, a lot
// expires at the end of its last day (M11, contract §6).
func TestLotShapes(t *testing.T) {
	in := LotInput{ScopeID: ProfileID(acct, prof), Name: "3f6d2a41", Source: "PromotionalCredit", Currency: "USD",
		Original: money.MustParse("2000"), Closed: money.MustParse("1450"), Start: ledger.MustDate("2024-01-15"),
		Expiration: ledger.MustDate("2025-01-14"), Purchased: ledger.MustDate("2024-01-15"), Status: "Active", Month: time.June}
	if got, want := keysOf(t, Lot(Consumption2019, in), "properties"), sorted("originalAmount closedBalance source startDate expirationDate poNumber"); !reflect.DeepEqual(got, want) {
		t.Errorf("2019-10-01 lot %v", got)
	}
	full := Lot(Consumption2021, in)
	if got, want := keysOf(t, full, "properties"), sorted("originalAmount closedBalance source startDate expirationDate poNumber purchasedDate status creditCurrency billingCurrency originalAmountInBillingCurrency closedBalanceInBillingCurrency reseller eTag"); !reflect.DeepEqual(got, want) {
		t.Errorf("2021-10-01 lot %v", got)
	}
	b, _ := json.Marshal(full)
	var sdk armconsumption.LotSummary
	if err := json.Unmarshal(b, &sdk); err != nil {
		t.Fatalf("SDK cannot decode: %v\n%s", err, b)
	}
	p := sdk.Properties
	if !p.ExpirationDate.Equal(time.Date(2025, 1, 14, 23, 59, 59, 0, time.UTC)) || *p.Status != armconsumption.StatusActive ||
		*p.OriginalAmountInBillingCurrency.ExchangeRateMonth != 1 || *sdk.ID != ProfileID(acct, prof)+"/providers/Microsoft.Consumption/lots/3f6d2a41" {
		t.Errorf("SDK read %+v", p)
	}
	in.Purchased = ledger.Date{}
	if b, _ := json.Marshal(Lot(Consumption2021, in)); !strings.Contains(string(b), `"purchasedDate":null`) {
		t.Errorf("unknown purchase date: %s", b)
	}
}

// TestEventShapes: each kind fills its own amount field (M13), 2019-10-01 has the how-to's nine
// properties, and the eventType follows the documented enum (contract §7, §9.6).
func TestEventShapes(t *testing.T) {
	m := money.MustParse
	base := EventInput{ScopeID: ProfileID(acct, prof), Name: "n", Date: ledger.MustDate("2024-06-05"), Currency: "USD",
		Balance: m("1450"), ProfileID: ProfileID(acct, prof), ProfileDisplay: "Engineering"}
	tests := []struct {
		kind    ledger.EventKind
		pending bool
		field   string
		typ     string
	}{
		{ledger.EventNewCredit, false, "newCredit", "NewCredit"},
		{ledger.EventNewCredit, true, "newCredit", "PendingNewCredit"},
		{ledger.EventSettledCharges, false, "charges", "SettledCharges"},
		{ledger.EventPendingCharges, true, "charges", "PendingCharges"},
		{ledger.EventAdjustment, false, "adjustments", "SettledCharges"},
		{ledger.EventAdjustment, true, "adjustments", "PendingAdjustments"},
		{ledger.EventExpiredCredit, false, "creditExpired", "CreditExpired"},
		{ledger.EventExpiredCredit, true, "creditExpired", "PendingExpiredCredit"},
		{ledger.EventCanceledCredit, false, "canceledCredit", "CanceledCredit"},
		{ledger.EventCanceledCredit, true, "canceledCredit", "PendingCanceledCredit"},
	}
	for _, tt := range tests {
		in := base
		in.Kind, in.Pending, in.Amount = tt.kind, tt.pending, m("-350")
		b, _ := json.Marshal(Event(Consumption2021, in))
		var sdk armconsumption.EventSummary
		if err := json.Unmarshal(b, &sdk); err != nil {
			t.Fatalf("SDK cannot decode: %v", err)
		}
		var props map[string]any
		_ = json.Unmarshal(b, &struct{ Properties *map[string]any }{&props})
		for _, f := range []string{"newCredit", "adjustments", "creditExpired", "charges", "canceledCredit"} {
			v := props[f].(map[string]any)["value"].(float64)
			if want := map[bool]float64{true: -350, false: 0}[f == tt.field]; v != want {
				t.Errorf("%s pending=%t: %s = %v, want %v", tt.kind, tt.pending, f, v, want)
			}
		}
		if string(*sdk.Properties.EventType) != tt.typ {
			t.Errorf("%s pending=%t: eventType %s, want %s", tt.kind, tt.pending, *sdk.Properties.EventType, tt.typ)
		}
	}
	in := base
	in.Kind, in.Amount = ledger.EventCanceledCredit, m("-5")
	old := Event(Consumption2019, in)
	if got, want := keysOf(t, old, "properties"), sorted("transactionDate description newCredit adjustments creditExpired charges closedBalance eventType invoiceNumber"); !reflect.DeepEqual(got, want) {
		t.Errorf("2019-10-01 event %v", got)
	}
	if b, _ := json.Marshal(old); !strings.Contains(string(b), `"adjustments":{"currency":"USD","value":-5.00}`) {
		t.Errorf("2019-10-01 cancellation is not an adjustment: %s", b)
	}
}

// TestBillingShapes: expanded profiles per billing version (contract §3.2) and bodies the
// armbilling v1.0.0 types decode.
func TestBillingShapes(t *testing.T) {
	bp := ProfileInput{Account: acct, Name: prof, DisplayName: "Engineering", Currency: "USD", InvoiceDay: 5, Status: "Active"}
	a := AccountInput{Name: acct, DisplayName: "Northwind Traders", AgreementType: "MicrosoftCustomerAgreement",
		AccountType: "Enterprise", Status: "Active", HasReadAccess: true, Profiles: []ProfileInput{bp}}
	expand := map[string]bool{"billingprofiles": true}
	body := func(v any) string { b, _ := json.Marshal(v); return string(b) }
	if got := body(Account(BillingPreview, a, expand)); !strings.Contains(got, `"billingProfiles":[{"id":`) || !strings.Contains(got, `"accountId":"5e98e158-1a2b-4c3d-8e9f-0123456789ab"`) || !strings.Contains(got, `"customerType":"Enterprise"`) {
		t.Errorf("2019-10-01-preview: %s", got)
	}
	if got := body(Account(BillingPreview, a, nil)); strings.Contains(got, "billingProfiles") {
		t.Errorf("2019-10-01-preview without $expand: %s", got)
	}
	if got := body(Account(Billing2020, a, expand)); !strings.Contains(got, `"billingProfiles":{"hasMoreResults":false,"value":[{"id":`) || !strings.Contains(got, `"systemId":"`+prof+`"`) {
		t.Errorf("2020-05-01: %s", got)
	}
	if got := body(Account(Billing2020, a, nil)); !strings.Contains(got, `"billingProfiles":{"hasMoreResults":false}`) {
		t.Errorf("2020-05-01 without $expand: %s", got)
	}
	full := body(Account(Billing2024, a, expand))
	if strings.Contains(full, "billingProfiles") {
		t.Errorf("2024-04-01 has billingProfiles: %s", full)
	}
	var sa armbilling.Account
	if err := json.Unmarshal([]byte(full), &sa); err != nil || *sa.Properties.AgreementType != armbilling.AgreementTypeMicrosoftCustomerAgreement || !*sa.Properties.HasReadAccess {
		t.Errorf("armbilling Account: %v %+v", err, sa.Properties)
	}
	var sp armbilling.Profile
	if err := json.Unmarshal([]byte(body(Profile(Billing2024, bp, nil))), &sp); err != nil || *sp.Properties.InvoiceDay != 5 || *sp.ID != ProfileID(acct, prof) {
		t.Errorf("armbilling Profile: %v %+v", err, sp)
	}
	sections := map[string]bool{"invoicesections": true}
	if got := body(Profile(Billing2020, bp, sections)); !strings.Contains(got, `"invoiceSections":{"hasMoreResults":false,"value":[]}`) {
		t.Errorf("2020-05-01 sections: %s", got)
	}
	if got := body(Profile(BillingPreview, bp, sections)); !strings.Contains(got, `"invoiceSections":[]`) {
		t.Errorf("preview sections: %s", got)
	}
}
