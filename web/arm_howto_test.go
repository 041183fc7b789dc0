package web_test

import (
	"bytes"
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// obj is a decoded JSON object.
type obj = map[string]any

// getJSON sends a raw request with plain net/http, as the how-to's REST users do, and decodes
// it with numbers as their literal text.
func getJSON(t *testing.T, h *harness, token, path string) obj {
	t.Helper()
	resp, body := apiGet(t, h, token, path)
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("GET %s: %d %s\n%s", path, resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	var m obj
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber() // keep each amount's literal digits
	if err := dec.Decode(&m); err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return m
}

// keys returns the sorted keys of a JSON object.
func keys(m any) []string { return slices.Sorted(maps.Keys(m.(obj))) }

// sortedFields returns the words of s, sorted.
func sortedFields(s string) []string { return slices.Sorted(slices.Values(strings.Fields(s))) }

// TestHowToRequests replays the seed how-to's raw REST calls, with the paths and query strings as
// written there (literal $expand, "billingaccounts" in lower case, the second "?api-version" on
// endDate), and checks the JSON field by field (contract §1.2, §1.3, §3.2, §5-§7).
func TestHowToRequests(t *testing.T) {
	storetest.EachDialect(t, func(t *testing.T, d store.Dialect) {
		h := newARMHarness(t, d, "testdata/arm.json", armOptions{})
		ctx := context.Background()
		eng := engineering(t, h.store)
		today := ledger.DateOf(h.clock.T)

		// 1. Find billing profiles you have access to (2019-10-01-preview).
		list := getJSON(t, h, readerToken, "/providers/Microsoft.Billing/billingAccounts?$expand=billingProfiles&api-version=2019-10-01-preview")
		accounts := list["value"].([]any)
		if len(accounts) != 1 {
			t.Fatalf("%d accounts", len(accounts))
		}
		a := accounts[0].(obj)
		props := a["properties"].(obj)
		if a["id"] != "/providers/Microsoft.Billing/billingAccounts/"+accountName || a["name"] != accountName || a["type"] != "Microsoft.Billing/billingAccounts" ||
			props["displayName"] != "Northwind Traders" || props["agreementType"] != "MicrosoftCustomerAgreement" ||
			props["accountType"] != "Enterprise" || props["customerType"] != "Enterprise" || props["accountStatus"] != "Active" ||
			props["hasReadAccess"] != true || props["accountId"] != "5e98e158-1a2b-4c3d-8e9f-0123456789ab" {
			t.Errorf("account: %v", a)
		}
		profiles := props["billingProfiles"].([]any) // a bare array in 2019-10-01-preview (§3.2)
		var ids []string
		for _, p := range profiles {
			pp := p.(obj)
			ids = append(ids, pp["id"].(string))
			if pp["type"] != "Microsoft.Billing/billingAccounts/billingProfiles" || pp["properties"].(obj)["displayName"] == "" {
				t.Errorf("profile %v", pp)
			}
			if _, ok := pp["properties"].(obj)["systemId"]; ok {
				t.Errorf("2019-10-01-preview profile has systemId")
			}
		}
		if !slices.Contains(ids, profilePathARM) || len(ids) != 3 {
			t.Errorf("profile ids %v", ids)
		}

		// 2. Get Azure credit balance: the profile's id pasted in front (2019-10-01), with the
		// how-to's lower-case "billingaccounts".
		lower := strings.Replace(profilePathARM, "billingAccounts", "billingaccounts", 1)
		c := getJSON(t, h, readerToken, lower+"/providers/Microsoft.Consumption/credits/balanceSummary?api-version=2019-10-01")
		cp := c["properties"].(obj)
		if got, want := keys(cp), sortedFields("balanceSummary pendingCreditAdjustments expiredCredit pendingEligibleCharges"); !slices.Equal(got, want) {
			t.Errorf("2019-10-01 credit properties %v, want %v", got, want)
		}
		sum, _ := h.store.ProfileSummary(ctx, eng, today)
		bs := cp["balanceSummary"].(obj)
		for name, pair := range map[string][2]any{
			"estimatedBalance":         {bs["estimatedBalance"], sum.EstimatedBalance.String()},
			"currentBalance":           {bs["currentBalance"], sum.CurrentBalance.String()},
			"pendingCreditAdjustments": {cp["pendingCreditAdjustments"], sum.PendingCreditAdjustments.String()},
			"expiredCredit":            {cp["expiredCredit"], sum.ExpiredCredit.String()},
			"pendingEligibleCharges":   {cp["pendingEligibleCharges"], sum.PendingEligibleCharges.String()},
		} {
			amt := pair[0].(obj)
			if got, _ := amt["value"].(json.Number); amt["currency"] != "USD" || string(got) != pair[1] {
				t.Errorf("%s: %v, want USD %s", name, amt, pair[1])
			}
		}
		if _, ok := c["eTag"]; !ok || c["eTag"] != nil || c["etag"] != nil {
			t.Errorf("credit summary etags: %v %v", c["etag"], c["eTag"])
		}

		// 3. Get list of credits (2019-10-01): the reduced lot shape.
		lots := getJSON(t, h, readerToken, profilePathARM+"/providers/Microsoft.Consumption/lots?api-version=2019-10-01")["value"].([]any)
		if len(lots) != 6 {
			t.Fatalf("%d lots", len(lots))
		}
		for _, l := range lots {
			lp := l.(obj)["properties"].(obj)
			if got, want := keys(lp), sortedFields("originalAmount closedBalance source startDate expirationDate poNumber"); !slices.Equal(got, want) {
				t.Errorf("2019-10-01 lot properties %v", got)
			}
			if !strings.HasSuffix(lp["startDate"].(string), "T00:00:00.0000000Z") || !strings.HasSuffix(lp["expirationDate"].(string), "T23:59:59.0000000Z") {
				t.Errorf("lot dates %v %v", lp["startDate"], lp["expirationDate"])
			}
		}

		// 4. Transactions, with the how-to's URL as written: a second "?api-version" on endDate.
		ev := getJSON(t, h, readerToken, profilePathARM+"/providers/Microsoft.Consumption/events?api-version=2019-10-01&startDate=2018-10-01T00:00:00.000Z&endDate=2026-10-11T12:00:00.000Z?api-version=2019-10-01")
		events := ev["value"].([]any)
		settled, _, _ := h.store.EventsPage(ctx, store.EventQuery{ProfileIDs: []int64{eng.ID}, Newest: true, Limit: 1000})
		if len(events) != len(settled)+len(sum.Events) || ev["nextLink"] != nil {
			t.Fatalf("%d events, want %d settled and %d pending on one page", len(events), len(settled), len(sum.Events))
		}
		settledAdjustments := 0
		for i, e := range events {
			ep := e.(obj)["properties"].(obj)
			if got, want := keys(ep), sortedFields("transactionDate description newCredit adjustments creditExpired charges closedBalance eventType invoiceNumber"); !slices.Equal(got, want) {
				t.Errorf("2019-10-01 event properties %v", got)
			}
			pending := i >= len(settled)
			if pending != strings.HasPrefix(ep["eventType"].(string), "Pending") || pending && ep["invoiceNumber"] != "" {
				t.Errorf("event %d: %v", i, ep)
			}
			// Settled charges and settled adjustments carry their invoice's number (issue 8).
			adjusted := ep["adjustments"].(obj)["value"].(json.Number) != "0.00"
			if ep["eventType"] == "SettledCharges" && !strings.HasPrefix(ep["invoiceNumber"].(string), "INV-") {
				t.Errorf("settled event %d without its invoice number: %v", i, ep)
			}
			if !pending && adjusted && ep["invoiceNumber"] == "INV-202603-000001" {
				settledAdjustments++
			}
		}
		if settledAdjustments != 1 {
			t.Errorf("%d settled adjustments carry the March invoice's number, want the refund of 03-20", settledAdjustments)
		}
	})
}
