package azsync

import (
	"math"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"
	"github.com/Azure/azure-sdk-for-go/sdk/resourcemanager/consumption/armconsumption"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
)

func usd(v float64) *armconsumption.Amount {
	return &armconsumption.Amount{Currency: to.Ptr("USD"), Value: to.Ptr(v)}
}

// TestAmountOf: the SDK's float64 comes back as the exact decimal Azure wrote (M16), and what
// cannot be money is an error naming where it is.
func TestAmountOf(t *testing.T) {
	tests := []struct {
		in   *armconsumption.Amount
		want string
		ok   bool
	}{
		{usd(5000.000001), "5000.000001", true},
		{usd(-213.6), "-213.60", true},
		{usd(0.1 + 0.2), "0.30", true}, // a float sum's noise past six decimals rounds away
		{usd(1234567.891011), "1234567.891011", true},
		{usd(0), "0", true},
		{nil, "0", true},
		{&armconsumption.Amount{}, "0", true},
		{usd(math.NaN()), "", false},
		{usd(math.Inf(-1)), "", false},
		{usd(1e300), "", false},
	}
	for _, tt := range tests {
		got, err := amountOf(tt.in, "lot x originalAmount")
		if (err == nil) != tt.ok || tt.ok && got != money.MustParse(tt.want) {
			t.Errorf("amountOf(%v) = %s, %v; want %s", tt.in, got, err, tt.want)
		}
		if err != nil && classify(err).Problem != ProblemData {
			t.Errorf("amountOf error %v is not unexpected data", err)
		}
	}
}

// TestEventOf: an Azure event becomes the ledger event that the API shows the same way (M13):
// its kind from the eventType (a settled-charges event that only adjusts is an adjustment), its
// amount the sum of its amount fields, its lot the last segment of lotId.
func TestEventOf(t *testing.T) {
	day := time.Date(2026, 6, 5, 0, 0, 0, 0, time.UTC)
	event := func(typ string, p armconsumption.EventProperties) *armconsumption.EventSummary {
		p.EventType, p.TransactionDate, p.ClosedBalance = to.Ptr(armconsumption.EventType(typ)), &day, usd(100)
		return &armconsumption.EventSummary{Name: to.Ptr("e1"), Properties: &p}
	}
	tests := []struct {
		in      *armconsumption.EventSummary
		kind    ledger.EventKind
		amount  string
		pending bool
	}{
		{event("NewCredit", armconsumption.EventProperties{NewCredit: usd(250), LotID: to.Ptr("/x/lots/lot-7")}), ledger.EventNewCredit, "250", false},
		{event("SettledCharges", armconsumption.EventProperties{Charges: usd(-350)}), ledger.EventSettledCharges, "-350", false},
		{event("SettledCharges", armconsumption.EventProperties{Adjustments: usd(25), Charges: usd(0)}), ledger.EventAdjustment, "25", false},
		{event("CreditExpired", armconsumption.EventProperties{CreditExpired: usd(-40)}), ledger.EventExpiredCredit, "-40", false},
		{event("ExpiredCredit", armconsumption.EventProperties{CreditExpired: usd(-40)}), ledger.EventExpiredCredit, "-40", false},
		{event("CanceledCredit", armconsumption.EventProperties{CanceledCredit: usd(-60)}), ledger.EventCanceledCredit, "-60", false},
		{event("PendingCharges", armconsumption.EventProperties{Charges: usd(-213.6)}), ledger.EventPendingCharges, "-213.60", true},
		{event("PendingNewCredit", armconsumption.EventProperties{NewCredit: usd(250)}), ledger.EventNewCredit, "250", true},
		{event("PendingAdjustments", armconsumption.EventProperties{Adjustments: usd(40)}), ledger.EventAdjustment, "40", true},
		{event("PendingExpiredCredit", armconsumption.EventProperties{CreditExpired: usd(-5)}), ledger.EventExpiredCredit, "-5", true},
		{event("PendingCanceledCredit", armconsumption.EventProperties{CanceledCredit: usd(-7)}), ledger.EventCanceledCredit, "-7", true},
		{event("SomethingNew", armconsumption.EventProperties{Adjustments: usd(1), Charges: usd(-3)}), ledger.EventAdjustment, "-2", false},
	}
	for _, tt := range tests {
		got, pending, err := eventOf(tt.in)
		if err != nil || got.Event.Kind != tt.kind || got.Event.Amount != money.MustParse(tt.amount) || pending != tt.pending ||
			got.Event.Pending != tt.pending || got.Event.Date != ledger.MustDate("2026-06-05") || got.Name != "e1" ||
			got.Event.Balance != money.MustParse("100") {
			t.Errorf("%s: %+v pending %t, %v", *tt.in.Properties.EventType, got.Event, pending, err)
		}
	}
	if got, _, _ := eventOf(tests[0].in); got.Event.LotID != "lot-7" {
		t.Errorf("lot id %q", got.Event.LotID)
	}
	if _, _, err := eventOf(&armconsumption.EventSummary{Name: to.Ptr("e2"), Properties: &armconsumption.EventProperties{}}); err == nil {
		t.Error("an event without a date is accepted")
	}
}

// TestSourceOf: the lot source spellings Azure has used map to M7's sources.
func TestSourceOf(t *testing.T) {
	for in, want := range map[string]ledger.Source{"PromotionalCredit": ledger.SourcePromotional,
		"Azure Promotional Credit": ledger.SourcePromotional, "AzurePrepayment": ledger.SourcePurchased,
		"consumptioncommitment": ledger.SourceCommitment, "Marketplace Credit": "Marketplace Credit"} {
		if got := sourceOf(in); got != want {
			t.Errorf("sourceOf(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEventsFrom: the first sync reads from the earliest lot's start; later ones from the
// month before the last sync, or from the start of a lot that has not entered the ledger yet.
func TestEventsFrom(t *testing.T) {
	lot := func(name, start, status string) store.AzureLot {
		return store.AzureLot{Lot: ledger.Lot{ID: name, StartDate: ledger.MustDate(start)}, Status: ledger.APIStatus(status)}
	}
	lots := []store.AzureLot{lot("a", "2025-11-01", "Active"), lot("b", "2026-04-20", "Active"), lot("c", "2024-01-01", "Canceled")}
	today := ledger.MustDate("2026-06-15")
	tests := []struct {
		name string
		w    window
		want string
	}{
		{"first sync", window{}, "2024-01-01"},
		{"every lot in the ledger", window{last: ledger.MustDate("2026-06-10"), inLedger: map[string]bool{"a": true, "b": true, "c": true}}, "2026-05-01"},
		{"a lot still pending", window{last: ledger.MustDate("2026-06-10"), inLedger: map[string]bool{"a": true}}, "2026-04-20"},
		{"a canceled lot never entered", window{last: ledger.MustDate("2026-06-10"), inLedger: map[string]bool{"a": true, "b": true}}, "2026-05-01"},
	}
	for _, tt := range tests {
		if got := tt.w.eventsFrom(lots, today); got.String() != tt.want {
			t.Errorf("%s: from %s, want %s", tt.name, got, tt.want)
		}
	}
	if got := (window{}).eventsFrom(nil, today); got != today {
		t.Errorf("no lots: from %s", got)
	}
}

// TestVocabularies: the kinds and clouds parse from their names; endpoints must be https.
func TestVocabularies(t *testing.T) {
	for _, k := range AuthKinds {
		if got, err := ParseAuthKind(string(k)); err != nil || got != k || k.Label() == string(k) {
			t.Errorf("kind %s: %s %v %q", k, got, err, k.Label())
		}
	}
	if _, err := ParseAuthKind("password"); err == nil {
		t.Error("an unknown kind parses")
	}
	for _, c := range Clouds {
		if got, err := CloudNamed(c.Name); err != nil || CloudOf(got.ARMEndpoint, got.AuthorityHost) != c || c.Custom() {
			t.Errorf("cloud %s: %+v %v", c.Name, got, err)
		}
	}
	if !CloudOf("https://127.0.0.1:8443", "https://127.0.0.1:9443/").Custom() {
		t.Error("a custom endpoint is named")
	}
	for in, ok := range map[string]bool{"https://management.azure.com/": true, "http://management.azure.com": false,
		"https://": false, "https://x.example/?a=1": false, "https://u:p@x.example": false, "ftp://x": false} {
		if _, err := checkEndpoint(in); (err == nil) != ok {
			t.Errorf("checkEndpoint(%q) = %v", in, err)
		}
	}
}
