package costcsv

import (
	"fmt"
	"io"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

const (
	pA = "PBFV-4RT2-BG7-TGB"
	pB = "PBFV-ZZ99-AB1-CD2"
	vm = "Virtual Machines Dsv3 Series"
)

// ln builds a want Line; amount is a plain decimal.
func ln(number int, profile, date, product string, pub ledger.PublisherType, cur string, eligible bool, amount string) Line {
	return Line{Number: number, Profile: profile, Date: ledger.MustDate(date), Product: product, Publisher: pub, Currency: cur,
		Eligible: eligible, Amount: money.MustParse(amount)}
}

// scan reads in with lim and returns the good lines and the problems (nil when none).
func scan(t *testing.T, in io.Reader, notCovered ledger.NotCovered, lim limits) ([]Line, Problems) {
	t.Helper()
	var probs Collector
	s := newScanner(in, notCovered, &probs, lim)
	var got []Line
	for s.Scan() {
		got = append(got, s.Line())
	}
	if err := s.Err(); err != nil {
		t.Fatalf("read error: %v", err)
	}
	var ps Problems
	if err := probs.Err(); err != nil {
		ps = err.(Problems)
	}
	return got, ps
}

// goodLines scans in and fails on any problem.
func goodLines(t *testing.T, in io.Reader, notCovered ledger.NotCovered) []Line {
	t.Helper()
	got, ps := scan(t, in, notCovered, defaultLimits)
	if ps != nil {
		t.Fatalf("problems: %v", ps)
	}
	return got
}

// inAccount is l as a line that names its profile by an ARM id of the account named account.
func inAccount(l Line, account string) Line {
	l.Account = account
	return l
}

func sameLines(t *testing.T, got, want []Line) {
	t.Helper()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("lines differ\n got: %s\nwant: %s", dump(got), dump(want))
	}
}

func dump(lines []Line) string {
	var b strings.Builder
	for _, l := range lines {
		fmt.Fprintf(&b, "\n  %d %s %q %s %q %s %s %t %s", l.Number, l.Profile, l.Account, l.Date, l.Product, l.Publisher, l.Currency, l.Eligible, l.Amount)
	}
	return b.String()
}

// TestScanTestdata reads a realistic export: extra columns, quoted values with commas and
// quotes, an ARM id and a lower-case name, rule M10 (Marketplace, Ubuntu Advantage), refunds
// of either sign, values with more than 6 decimals and an exponent rounded exactly (M16), an
// empty line skipped.
func TestScanTestdata(t *testing.T) {
	const az, mp = ledger.PublisherAzure, ledger.PublisherMarketplace
	want := []Line{
		ln(2, pA, "2026-05-01", vm, az, "USD", true, "12.345679"),
		ln(3, pA, "2026-05-01", vm, az, "USD", true, "7.654321"),
		ln(4, pA, "2026-05-01", "Standard Page Blob", az, "USD", true, "0.000015"),
		ln(5, pA, "2026-05-01", "SendGrid Email Delivery", mp, "USD", false, "14.95"),
		ln(6, pA, "2026-05-01", "Reserved VM Instance, Standard_D2s_v3, US East, 1 Year", az, "USD", true, "500"),
		ln(7, pA, "2026-05-02", "Ubuntu Advantage", az, "USD", false, "30"),
		ln(9, pA, "2026-05-02", vm, az, "USD", true, "40"),
		ln(10, pA, "2026-05-02", vm, az, "USD", true, "-10"),
		ln(11, pA, "2026-05-02", "Standard Page Blob", az, "USD", true, "-0.000005"),
		ln(12, pA, "2026-05-02", "Standard Page Blob", az, "USD", true, "0.00002"),
		ln(13, pB, "2026-05-01", vm, az, "EUR", true, "100"),
	}
	for i := range want[:10] { // lines 2-12 name the profile by its ARM id
		want[i].Account = "a1b2c3d4-0000-4000-8000-000000000001:e5f6a7b8-0000-4000-8000-000000000002_2019-05-31"
	}
	f, err := os.Open("testdata/export.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sameLines(t, goodLines(t, f, m10), want)
}

// TestScanColumnDecidesEligibility: with the isAzureCreditEligible column, the export decides
// eligibility, even against M10; lines of one key sum exactly (0.4999995 rounds half-even up).
func TestScanColumnDecidesEligibility(t *testing.T) {
	const az, mp = ledger.PublisherAzure, ledger.PublisherMarketplace
	f, err := os.Open("testdata/export_bom.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sums := map[Key]money.Amount{}
	for _, l := range goodLines(t, f, m10) {
		sums[l.Key()] = sums[l.Key()].Add(l.Amount)
	}
	key := func(product string, pub ledger.PublisherType, eligible bool) Key {
		return Key{pA, ledger.MustDate("2026-05-01"), product, pub, eligible}
	}
	want := map[Key]money.Amount{
		key("SendGrid Email Delivery", mp, false): money.MustParse("14.95"),
		key("Ubuntu Advantage", az, true):         money.MustParse("30"),
		key(vm, az, false):                        money.MustParse("2.5"),
		key(vm, az, true):                         money.MustParse("10.5"),
	}
	if !reflect.DeepEqual(sums, want) {
		t.Errorf("export_bom.csv sums %v, want %v", sums, want)
	}
}

const (
	hdr  = "billingProfileId,date,costInBillingCurrency,billingCurrency,productName,publisherType,chargeType\n"
	line = pA + ",05/01/2026,10,USD," + vm + ",Azure,Usage\n"
)

// TestScanLines checks what each line becomes: its key and signed amount (M10, M16).
func TestScanLines(t *testing.T) {
	const az = ledger.PublisherAzure
	arm := "/providers/Microsoft.Billing/billingAccounts/x:y_2019-05-31/billingProfiles/" + pA
	tests := []struct {
		name       string
		in         string
		notCovered []string
		want       []Line
	}{
		{"header only", hdr, nil, nil},
		{"a Latin-1 column the import does not read", strings.Replace(hdr, "chargeType", "chargeType,Cat\xe9gorie", 1) +
			strings.Replace(line, "Usage", "Usage,x", 1), nil, []Line{ln(2, pA, "2026-05-01", vm, az, "USD", true, "10")}},
		{"id, name and case are one profile", hdr + line +
			strings.ToLower(arm) + "/invoiceSections/ABC,2026-05-01,5,usd," + vm + ",azure,usage\n", nil,
			[]Line{ln(2, pA, "2026-05-01", vm, az, "USD", true, "10"), inAccount(ln(3, pA, "2026-05-01", vm, az, "USD", true, "5"), "x:y_2019-05-31")}},
		{"an escaped account name", hdr + strings.Replace(line, pA, "/providers/Microsoft.Billing/billingAccounts/x%3Ay_2019-05-31/billingProfiles/"+pA, 1), nil,
			[]Line{inAccount(ln(2, pA, "2026-05-01", vm, az, "USD", true, "10"), "x:y_2019-05-31")}},
		{"non-ASCII before /billingProfiles/", hdr + strings.Replace(line, pA, "\u0130x/BILLINGPROFILES/"+pA, 1), nil,
			[]Line{ln(2, pA, "2026-05-01", vm, az, "USD", true, "10")}},
		{"positive refund negated", hdr + strings.Replace(line, "Usage", "Refund", 1), nil,
			[]Line{ln(2, pA, "2026-05-01", vm, az, "USD", true, "-10")}},
		{"negative refund not negated twice", hdr + strings.NewReplacer("Usage", "REFUND", ",10,", ",-4,").Replace(line), nil,
			[]Line{ln(2, pA, "2026-05-01", vm, az, "USD", true, "-4")}},
		{"negative usage correction kept", hdr + strings.Replace(line, ",10,", ",-4.5,", 1), nil,
			[]Line{ln(2, pA, "2026-05-01", vm, az, "USD", true, "-4.5")}},
		{"other charge types are charges", hdr + strings.Replace(line, "Usage", "UnusedReservation", 1) +
			strings.Replace(line, "Usage", "Purchase", 1) + strings.Replace(line, "Usage", "", 1), nil,
			[]Line{ln(2, pA, "2026-05-01", vm, az, "USD", true, "10"), ln(3, pA, "2026-05-01", vm, az, "USD", true, "10"),
				ln(4, pA, "2026-05-01", vm, az, "USD", true, "10")}},
		{"installation's not-covered list (M10)", hdr + line, []string{"Virtual Machines"},
			[]Line{ln(2, pA, "2026-05-01", vm, az, "USD", false, "10")}},
		{"optional columns absent: Azure usage", "productName,billingCurrency,costInBillingCurrency,date,billingProfileId\r\n" +
			"Ubuntu Advantage,USD,1,2026-05-01," + pA + "\r\n", m10.Names(),
			[]Line{ln(2, pA, "2026-05-01", "Ubuntu Advantage", az, "USD", false, "1")}},
		{"Marketplace never eligible", hdr + strings.Replace(line, "Azure", "Marketplace", 1), nil,
			[]Line{ln(2, pA, "2026-05-01", vm, ledger.PublisherMarketplace, "USD", false, "10")}},
		{"spaces trimmed, empty lines skipped", hdr + "\n\n" + " " + pA + " , 2026-05-01 , 1.50 ,USD, A ,,\n", nil,
			[]Line{ln(4, pA, "2026-05-01", "A", az, "USD", true, "1.5")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sameLines(t, goodLines(t, strings.NewReader(tt.in), ledger.NewNotCovered(tt.notCovered)), tt.want)
		})
	}
}
