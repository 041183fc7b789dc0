package costcsv

import (
	"bytes"
	"errors"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/views"
)

// problemsOf scans in with lim and returns the Problems, failing if there are none.
func problemsOf(t *testing.T, in string, lim limits) Problems {
	t.Helper()
	_, ps := scan(t, strings.NewReader(in), m10, lim)
	if ps == nil {
		t.Fatalf("want Problems, got none")
	}
	return ps
}

// TestScanProblems: every bad input names its line and column (X2), and one line's problems
// come in column order; reading goes on after a bad line.
func TestScanProblems(t *testing.T) {
	with := func(old, new string) string { return strings.Replace(line, old, new, 1) }
	const cost, date, cur, pub = colCost, colDate, colCurrency, colPublisher
	tests := []struct {
		name string
		in   string
		want []said
	}{
		{"empty file", "", []said{{0, "", "empty file: no header line"}}},
		{"UTF-16 file", "\xff\xfeb\x00i\x00l\x00l\x00,\x00d\x00\n\x00", []said{{1, "", "not valid UTF-8"}}},
		{"bad escape in the account of an id", hdr + strings.Replace(line, pA, "/providers/Microsoft.Billing/billingAccounts/x%zz/billingProfiles/"+pA, 1),
			[]said{{2, colProfile, `not a billing profile name (XXXX-XXXX-XXX-XXX) or id: "/providers/Microsoft.Billing/billingAcco…"`}}},
		{"missing columns", "billingProfileId,date,productName,publisherType\n" + pA + ",05/01/2026,A,Azure\n",
			[]said{{1, colCost, "missing required column"}, {1, colCurrency, "missing required column"}}},
		{"column twice", strings.TrimSuffix(hdr, "\n") + ",ProductName\n", []said{
			{1, colProduct, "column appears twice (fields 5 and 8)"}}},
		{"bad number", hdr + line + with(",10,", ",abc,"), []said{{3, cost, `not a number: "abc"`}}},
		{"thousands separator", hdr + with(",10,", `,"1,234.50",`), []said{{2, cost, `not a number: "1,234.50"`}}},
		{"empty cost", hdr + with(",10,", ",,"), []said{{2, cost, "empty: a value is required"}}},
		{"cost too large", hdr + with(",10,", ",1E11,"), []said{{2, cost, "too large: a line must stay below 100000000000"}}},
		{"file total too large", hdr + strings.Repeat(with(",10,", ",-99999999999,"), 10) + line +
			with(",10,", ",x,") + line, []said{
			{12, cost, "the costs of this file add up to 1000000000000.00 or more (in absolute value) by this line: " +
				"split the export, at most 1000000000000.00 per file"},
			{13, cost, `not a number: "x"`}}},
		{"bad date", hdr + with("05/01/2026", "2026-02-30") + with("05/01/2026", "13/01/2026"), []said{
			{2, date, `not a date: "2026-02-30" (want MM/DD/YYYY or YYYY-MM-DD)`},
			{3, date, `not a date: "13/01/2026" (want MM/DD/YYYY or YYYY-MM-DD)`}}},
		{"date outside 2000-2099 (X2)", hdr + with("05/01/2026", "05/01/0205") + with("05/01/2026", "2100-01-01"), []said{
			{2, date, `"05/01/0205" is outside the days charges may be dated by, 2000-01-01 to 2099-12-31`},
			{3, date, `"2100-01-01" is outside the days charges may be dated by, 2000-01-01 to 2099-12-31`}}},
		{"unknown publisherType", hdr + with("Azure", "AWS"), []said{
			{2, pub, `unknown publisher type "AWS": want Azure, Microsoft or Marketplace`}}},
		{"unknown chargeType", hdr + with("Usage", "Tax"), []said{{2, colChargeType, `unknown charge type "Tax": want ` +
			"Usage, Purchase, Refund, UnusedReservation, UnusedSavingsPlan or RoundingAdjustment"}}},
		{"bad eligibility", "billingProfileId,date,costInBillingCurrency,billingCurrency,productName,isAzureCreditEligible\n" +
			pA + ",05/01/2026,1,USD,A,yes\n" + pA + ",05/01/2026,1,USD,A,\n", []said{
			{2, colEligible, `want True or False, not "yes"`}, {3, colEligible, `want True or False, not ""`}}},
		{"control byte is no slash", hdr + strings.Replace(line, pA, "x\x0fbillingProfiles\x0f"+pA, 1), []said{
			{2, colProfile, `not a billing profile name (XXXX-XXXX-XXX-XXX) or id: "x\x0fbillingProfiles\x0fPBFV-4RT2-BG7-TGB"`}}},
		{"bad profile, currency, product", hdr + "Contoso,05/01/2026,1,US,,Azure,Usage\n", []said{
			{2, colProfile, `not a billing profile name (XXXX-XXXX-XXX-XXX) or id: "Contoso"`},
			{2, cur, `"US" is not an ISO 4217 currency code, such as USD`},
			{2, colProduct, "empty: a value is required"}}},
		{"currency not on the ISO 4217 list", hdr + with("USD", "ABC"), []said{
			{2, cur, `"ABC" is not an ISO 4217 currency code, such as USD`}}},
		{"wrong field count", hdr + line + "x,y\n" + line, []said{{3, "", "2 fields where the header has 7"}}},
		{"CSV syntax stops reading", hdr + with(",10,", `,1"0,`) + with(",10,", ",x,"), []said{
			{2, "", `CSV syntax: bare " in non-quoted-field; reading stopped here`}}},
		{"line numbers count lines inside quotes", hdr + with(vm, "\"Virtual\nMachines\"") + with(",10,", ",x,"), []said{
			{2, colProduct, `control character in "Virtual\nMachines"`},
			{4, cost, `not a number: "x"`}}},
		{"line too long", hdr + with(vm, strings.Repeat("x", MaxLineBytes)) + line, []said{
			{2, "", "line longer than 65536 bytes: not a cost export?"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := texts(problemsOf(t, tt.in, defaultLimits))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("problems differ\n got: %+v\nwant: %+v", got, tt.want)
			}
		})
	}
}

// TestScanLimits: the data-line and byte bounds (lowered here) refuse a longer file and accept
// one at the bound; a line of exactly MaxLineBytes passes.
func TestScanLimits(t *testing.T) {
	lim := limits{dataLines: 3, lineBytes: MaxLineBytes, bytes: MaxBytes}
	got := texts(problemsOf(t, hdr+line+line+"\n"+line+line, lim))
	want := []said{{6, "", "more than 3 data lines: export a shorter period"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
	if got, ps := scan(t, strings.NewReader(hdr+line+line+line), m10, lim); ps != nil || len(got) != 3 {
		t.Errorf("3 lines at a bound of 3: %d lines, %v", len(got), ps)
	}
	in := hdr + line + line
	small := limits{dataLines: MaxDataLines, lineBytes: MaxLineBytes, bytes: int64(len(in))}
	if got, ps := scan(t, strings.NewReader(in), m10, small); ps != nil || len(got) != 2 {
		t.Errorf("a file of exactly the byte bound: %d lines, %v", len(got), ps)
	}
	small.bytes--
	if got := texts(problemsOf(t, in, small)); !reflect.DeepEqual(got, []said{{0, "", "larger than 0 MiB: export a shorter period"}}) {
		t.Errorf("a file one byte over the bound: %+v", got)
	}
	long := strings.Replace(line, vm, strings.Repeat("x", MaxLineBytes-len(line)+1+len(vm)), 1)
	if got := problemsOf(t, hdr+long, defaultLimits); got[0].Column != colProduct {
		t.Errorf("a line of exactly %d bytes: got %q, want only the product length refused", MaxLineBytes, got)
	}
}

// TestScanProblemCap: at most MaxProblems problems, then one that counts the rest.
func TestScanProblemCap(t *testing.T) {
	in := hdr + strings.Repeat(strings.Replace(line, ",10,", ",x,", 1), MaxProblems+50)
	got := problemsOf(t, in, defaultLimits)
	if len(got) != MaxProblems+1 {
		t.Fatalf("got %d problems, want %d", len(got), MaxProblems+1)
	}
	if first, last := got[0], got[MaxProblems]; first.Line != 2 || last.Line != 0 || views.Text(last.Message()) != "and 50 more problems" {
		t.Errorf("first %q, last %q", first, last)
	}
}

// TestProblemsError: a problem says where it is, line and column (X2), before what is wrong,
// in words for people (the upload form, the CLI) and as keys and values for logs.
func TestProblemsError(t *testing.T) {
	ps := Problems{{7, colCost, fault.Say(KeyNotNumber, "abc")}, {3, "", fault.Say(KeyFieldCount, 2, 7)}, {0, "", fault.Say(KeyMore, 3)}}
	words := make([]string, len(ps))
	for i, p := range ps {
		words[i] = views.Text(p.Message())
	}
	want := []string{`line 7, column costInBillingCurrency: not a number: "abc"`, "line 3: 2 fields where the header has 7", "and 3 more problems"}
	if !reflect.DeepEqual(words, want) {
		t.Errorf("in words %q, want %q", words, want)
	}
	wantLog := "costcsv.at_cell(7, costInBillingCurrency, costcsv.not_number(\"abc\"))\ncostcsv.at_line(3, costcsv.field_count(2, 7))\ncostcsv.more(3)"
	if got := ps.Error(); got != wantLog {
		t.Errorf("Error() = %q, want %q", got, wantLog)
	}
}

// said is a Problem with what it says in words (views.Text), for comparing with a want.
type said struct {
	Line   int
	Column string
	Text   string
}

// texts words each problem.
func texts(ps Problems) []said {
	out := make([]said, len(ps))
	for i, p := range ps {
		out[i] = said{p.Line, p.Column, views.Text(p.Said)}
	}
	return out
}

type failingReader struct{ err error }

func (r failingReader) Read([]byte) (int, error) { return 0, r.err }

// TestScanReadError: an I/O error is no fault of the file and comes back as itself.
func TestScanReadError(t *testing.T) {
	boom := errors.New("connection reset")
	var probs Collector
	s := NewScanner(io.MultiReader(strings.NewReader(hdr+line), failingReader{boom}), m10, &probs)
	for s.Scan() {
	}
	if err := s.Err(); !errors.Is(err, boom) || !probs.Empty() {
		t.Errorf("got %v and problems %v, want the read error, not Problems", err, probs.Err())
	}
}

// TestScanSmallReads: a reader that hands out one byte at a time gives the same result, and
// the line bound still holds across reads.
func TestScanSmallReads(t *testing.T) {
	data, err := os.ReadFile("testdata/export.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := goodLines(t, bytes.NewReader(data), m10)
	sameLines(t, goodLines(t, iotest.OneByteReader(bytes.NewReader(data)), m10), want)
	long := strings.Repeat("x", MaxLineBytes+1) + "\n" + hdr
	_, ps := scan(t, iotest.HalfReader(strings.NewReader(long)), m10, defaultLimits)
	wantPs := []said{{1, "", "line longer than 65536 bytes: not a cost export?"}}
	if !reflect.DeepEqual(texts(ps), wantPs) {
		t.Errorf("got %v, want %v", ps, wantPs)
	}
}
