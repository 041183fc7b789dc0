package arm

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// oddStrings are texts whose JSON encoding is not a plain copy, next to plain ones: quotes,
// backslashes, control characters, HTML characters (kept by SetEscapeHTML(false)), non-ASCII,
// U+2028/U+2029 and invalid UTF-8.
var oddStrings = []string{"", "Azure credit", `say "hi"`, `C:\path`, "tab\there", "line\nbreak\r", "\x00\x1f\x7f",
	"<b>&amp;</b>", "Crédit Zürich – 東京", "\u2028\u2029", "bad \xff utf8 \xc3", "emoji 🙂", "https://x.example/a?b=1&c=2"}

// encodingJSON is the API's reference encoding: encoding/json with SetEscapeHTML(false), without
// the Encoder's newline.
func encodingJSON(t *testing.T, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// randomEvent is an event of any kind with random amounts and texts, pending or not.
func randomEvent(r *rand.Rand) EventInput {
	kinds := []ledger.EventKind{ledger.EventNewCredit, ledger.EventSettledCharges, ledger.EventPendingCharges,
		ledger.EventAdjustment, ledger.EventExpiredCredit, ledger.EventCanceledCredit, ledger.EventKind("other")}
	pick := func() string { return oddStrings[r.IntN(len(oddStrings))] }
	in := EventInput{ScopeID: ProfileID(acct, prof), Name: SettledName(prof, r.Int64N(1e6)), Kind: kinds[r.IntN(len(kinds))],
		Pending: r.IntN(2) == 0, Date: ledger.DateOf(time.Date(2020+r.IntN(7), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)),
		Description: pick(), InvoiceNumber: pick(), Currency: []string{"USD", "EUR", pick()}[r.IntN(3)],
		Amount: money.FromMicros(r.Int64N(2e15) - 1e15), Balance: money.FromMicros(r.Int64N(2e15) - 1e15),
		ProfileID: ProfileID(acct, pick()), ProfileDisplay: pick()}
	if r.IntN(3) > 0 {
		in.LotID, in.LotSource = ConsumptionID(in.ProfileID, "lots", pick()), pick()
	}
	return in
}

// randomLot is a lot with random amounts, dates and texts.
func randomLot(r *rand.Rand) LotInput {
	pick := func() string { return oddStrings[r.IntN(len(oddStrings))] }
	day := func() ledger.Date {
		return ledger.DateOf(time.Date(2020+r.IntN(7), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC))
	}
	in := LotInput{ScopeID: AccountID(acct), Name: pick(), Source: pick(), Currency: pick(), PONumber: pick(),
		Original: money.FromMicros(r.Int64N(1e15)), Closed: money.FromMicros(r.Int64N(2e15) - 1e15),
		Start: day(), Expiration: day(), Status: ledger.APIStatus(pick()), Month: time.Month(1 + r.IntN(12))}
	if r.IntN(2) == 0 {
		in.Purchased = day()
	}
	return in
}

// TestAppendJSONWritesWhatEncodingJSONWrites holds the API's hand-written encoder of lists to
// encoding/json's output of the same structs, byte for byte, for random events and lots of
// both api-version shapes, odd texts included, with and without a nextLink (contract §1.5,
// §6, §7).
func TestAppendJSONWritesWhatEncodingJSONWrites(t *testing.T) {
	r := rand.New(rand.NewPCG(6, 7))
	next := "https://creditdesk.example/providers/x?api-version=2021-10-01&$skiptoken=a<b>"
	for round := range 300 {
		var items []any
		for range r.IntN(20) {
			shape := []Shape{Consumption2019, Consumption2021}[r.IntN(2)]
			switch r.IntN(3) {
			case 0:
				items = append(items, Event(shape, randomEvent(r)))
			case 1:
				items = append(items, Lot(shape, randomLot(r)))
			default:
				items = append(items, map[string]any{"name": oddStrings[r.IntN(len(oddStrings))], "n": r.IntN(9)})
			}
		}
		link := ""
		if round%2 == 0 {
			link = next
		}
		l := NewList(items, link)
		got, err := l.AppendJSON([]byte("prefix"))
		if err != nil {
			t.Fatal(err)
		}
		if want := append([]byte("prefix"), encodingJSON(t, l)...); !bytes.Equal(got, want) {
			t.Fatalf("round %d: %s", round, firstDifference(got, want))
		}
	}
}

// TestEncodedListWritesWhatAppendJSONWrites: a page kept encoded (AppendItems, then
// EncodedList) is written byte for byte as the list of its elements, for random events and lots
// of both shapes, empty pages, with and without a nextLink (contract §1.5; issue 10).
func TestEncodedListWritesWhatAppendJSONWrites(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	for round := range 300 {
		var items []any
		for range r.IntN(20) {
			shape := []Shape{Consumption2019, Consumption2021}[r.IntN(2)]
			if r.IntN(2) == 0 {
				items = append(items, Event(shape, randomEvent(r)))
			} else {
				items = append(items, Lot(shape, randomLot(r)))
			}
		}
		link := ""
		if round%2 == 0 {
			link = "https://creditdesk.example/providers/x?api-version=2021-10-01&$skiptoken=" + oddStrings[r.IntN(len(oddStrings))]
		}
		enc, err := AppendItems(nil, items)
		if err != nil {
			t.Fatal(err)
		}
		got := EncodedList{Items: enc, NextLink: link}.AppendJSON([]byte("prefix"))
		want, err := NewList(items, link).AppendJSON([]byte("prefix"))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("round %d: %s", round, firstDifference(got, want))
		}
		if want := append([]byte("prefix"), encodingJSON(t, NewList(items, link))...); !bytes.Equal(got, want) {
			t.Fatalf("round %d, against encoding/json: %s", round, firstDifference(got, want))
		}
	}
}

// TestAppendJSONKeepsOddValuesAsEncodingJSON: a nil list, a reseller, an eTag and an exchange
// rate that is not a plain integer are still written as encoding/json writes them.
func TestAppendJSONKeepsOddValuesAsEncodingJSON(t *testing.T) {
	tag := `W/"1"`
	ev := Event(Consumption2021, randomEvent(rand.New(rand.NewPCG(1, 2)))).(proxyResource)
	p := ev.Properties.(event2021)
	p.Reseller, p.ETag = &Reseller{ResellerID: "r<1>", ResellerDescription: "Contoso \"CSP\""}, &tag
	p.ChargesInBillingCurrency.ExchangeRate = "0.9125"
	p.NewCreditInBillingCurrency.ExchangeRate = ""
	p.NewCreditInBillingCurrency.ExchangeRateMonth = -3
	ev.Properties, ev.ETag = p, &tag
	lot := Lot(Consumption2021, randomLot(rand.New(rand.NewPCG(3, 4)))).(proxyResource)
	lp := lot.Properties.(lot2021)
	lp.ClosedBalanceInBillingCurrency.ExchangeRate = "10"
	lp.Reseller, lp.ETag = &Reseller{}, &tag
	lot.Properties = lp
	for _, l := range []List{{}, NewList(nil, ""), NewList([]any{ev, lot, proxyResource{Properties: 3}}, "")} {
		got, err := l.AppendJSON(nil)
		if err != nil {
			t.Fatal(err)
		}
		if want := encodingJSON(t, l); !bytes.Equal(got, want) {
			t.Fatal(firstDifference(got, want))
		}
	}
	p.ChargesInBillingCurrency.ExchangeRate = "not a number"
	ev.Properties = p
	if _, err := NewList([]any{ev}, "").AppendJSON(nil); err == nil {
		t.Fatal("an invalid exchange rate encoded without error, as encoding/json refuses it")
	}
}

// firstDifference shows where two encodings part.
func firstDifference(got, want []byte) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	return fmt.Sprintf("differ at byte %d:\n got …%s\nwant …%s", i, got[from:min(len(got), i+80)], want[from:min(len(want), i+80)])
}
