package costcsv

import (
	"os"
	"reflect"
	"slices"
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

// row builds a want Row; amount is a plain decimal.
func row(profile, date, product string, pub ledger.PublisherType, cur string, eligible bool, amount string, lines ...int) Row {
	return Row{Profile: profile, Date: ledger.MustDate(date), Product: product, Publisher: pub, Currency: cur,
		Eligible: eligible, Amount: money.MustParse(amount), Lines: lines}
}

func sameRows(t *testing.T, got, want []Row) {
	t.Helper()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rows differ\n got: %s\nwant: %s", dump(got), dump(want))
	}
}

func dump(rows []Row) string {
	var b strings.Builder
	for _, r := range rows {
		b.WriteString("\n  " + r.Profile + " " + r.Date.String() + " " + quote(r.Product) + " " + string(r.Publisher) +
			" " + r.Currency + " " + map[bool]string{true: "eligible", false: "not-eligible"}[r.Eligible] +
			" " + r.Amount.String() + " " + lineList(r.Lines))
	}
	return b.String()
}

// TestParseTestdata reads two realistic exports: extra columns, quoted values with commas and
// quotes, an ARM id and a lower-case name, both date formats, a BOM, rule M10 (Marketplace,
// Ubuntu Advantage) and the isAzureCreditEligible column, refunds of either sign, exact sums
// of values with more than 6 decimals and an exponent (M16).
func TestParseTestdata(t *testing.T) {
	const az, mp = ledger.PublisherAzure, ledger.PublisherMarketplace
	tests := []struct {
		file string
		want []Row
	}{
		{"export.csv", []Row{
			row(pA, "2026-05-01", "Reserved VM Instance, Standard_D2s_v3, US East, 1 Year", az, "USD", true, "500", 6),
			row(pA, "2026-05-01", "SendGrid Email Delivery", mp, "USD", false, "14.95", 5),
			row(pA, "2026-05-01", "Standard Page Blob", az, "USD", true, "0.000015", 4),
			row(pA, "2026-05-01", vm, az, "USD", true, "20", 2, 3),
			row(pA, "2026-05-02", "Standard Page Blob", az, "USD", true, "0.000015", 11, 12),
			row(pA, "2026-05-02", "Ubuntu Advantage", az, "USD", false, "30", 7),
			row(pA, "2026-05-02", vm, az, "USD", true, "30", 9, 10),
			row(pB, "2026-05-01", vm, az, "EUR", true, "100", 13),
		}},
		{"export_bom.csv", []Row{ // the column decides eligibility, even against M10
			row(pA, "2026-05-01", "SendGrid Email Delivery", mp, "USD", false, "14.95", 4),
			row(pA, "2026-05-01", "Ubuntu Advantage", az, "USD", true, "30", 5),
			row(pA, "2026-05-01", vm, az, "USD", false, "2.5", 3),
			row(pA, "2026-05-01", vm, az, "USD", true, "10.5", 2, 6), // 0.4999995 rounds half-even up
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open("testdata/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := Parse(f, m10)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			sameRows(t, got, tt.want)
		})
	}
}

const (
	hdr  = "billingProfileId,date,costInBillingCurrency,billingCurrency,productName,publisherType,chargeType\n"
	line = pA + ",05/01/2026,10,USD," + vm + ",Azure,Usage\n"
)

// TestParseAggregation checks how lines become rows (M10, M16).
func TestParseAggregation(t *testing.T) {
	const az = ledger.PublisherAzure
	arm := "/providers/Microsoft.Billing/billingAccounts/x:y_2019-05-31/billingProfiles/" + pA
	tests := []struct {
		name       string
		in         string
		notCovered []string
		want       []Row
	}{
		{"header only", hdr, nil, nil},
		{"same key summed", hdr + line + line, nil, []Row{row(pA, "2026-05-01", vm, az, "USD", true, "20", 2, 3)}},
		{"id, name and case are one profile", hdr + line +
			strings.ToLower(arm) + "/invoiceSections/ABC,2026-05-01,5,usd," + vm + ",azure,usage\n", nil,
			[]Row{row(pA, "2026-05-01", vm, az, "USD", true, "15", 2, 3)}},
		{"non-ASCII before /billingProfiles/", hdr + strings.Replace(line, pA, "\u0130x/BILLINGPROFILES/"+pA, 1), nil,
			[]Row{row(pA, "2026-05-01", vm, az, "USD", true, "10", 2)}},
		{"positive refund subtracted", hdr + line + strings.Replace(line, "Usage", "Refund", 1), nil,
			[]Row{row(pA, "2026-05-01", vm, az, "USD", true, "0", 2, 3)}},
		{"negative refund not negated twice", hdr + line + strings.NewReplacer("Usage", "REFUND", ",10,", ",-4,").Replace(line), nil,
			[]Row{row(pA, "2026-05-01", vm, az, "USD", true, "6", 2, 3)}},
		{"negative usage correction kept", hdr + line + strings.Replace(line, ",10,", ",-4.5,", 1), nil,
			[]Row{row(pA, "2026-05-01", vm, az, "USD", true, "5.5", 2, 3)}},
		{"other charge types are charges", hdr + line + strings.Replace(line, "Usage", "UnusedReservation", 1) +
			strings.Replace(line, "Usage", "Purchase", 1) + strings.Replace(line, "Usage", "", 1), nil,
			[]Row{row(pA, "2026-05-01", vm, az, "USD", true, "40", 2, 3, 4, 5)}},
		{"installation's not-covered list (M10)", hdr + line, []string{"Virtual Machines"},
			[]Row{row(pA, "2026-05-01", vm, az, "USD", false, "10", 2)}},
		{"optional columns absent: Azure usage", "productName,billingCurrency,costInBillingCurrency,date,billingProfileId\r\n" +
			"Ubuntu Advantage,USD,1,2026-05-01," + pA + "\r\n", m10.Names(),
			[]Row{row(pA, "2026-05-01", "Ubuntu Advantage", az, "USD", false, "1", 2)}},
		{"sorted by profile, date, product, publisher", hdr +
			pB + ",05/02/2026,1,USD,B,Azure,Usage\n" +
			pA + ",05/02/2026,2,USD,A,Marketplace,Usage\n" +
			pA + ",05/02/2026,3,USD,A,Azure,Usage\n" +
			pA + ",5/1/2026,4,USD,Z,Azure,Usage\n", nil,
			[]Row{
				row(pA, "2026-05-01", "Z", az, "USD", true, "4", 5),
				row(pA, "2026-05-02", "A", az, "USD", true, "3", 4),
				row(pA, "2026-05-02", "A", ledger.PublisherMarketplace, "USD", false, "2", 3),
				row(pB, "2026-05-02", "B", az, "USD", true, "1", 2),
			}},
		{"spaces trimmed, empty lines skipped", hdr + "\n\n" + " " + pA + " , 2026-05-01 , 1.50 ,USD, A ,,\n", nil,
			[]Row{row(pA, "2026-05-01", "A", az, "USD", true, "1.5", 4)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(strings.NewReader(tt.in), ledger.NewNotCovered(tt.notCovered))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			sameRows(t, got, tt.want)
		})
	}
}

// TestParseDeterministic: the same input gives the same rows in the same order, sorted.
func TestParseDeterministic(t *testing.T) {
	in := benchExport(2_000)
	first, err := Parse(strings.NewReader(in), m10)
	if err != nil {
		t.Fatal(err)
	}
	for range 5 {
		again, err := Parse(strings.NewReader(in), m10)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(first, again) {
			t.Fatal("two parses of the same input differ")
		}
	}
	if !slices.IsSortedFunc(first, compareRows) {
		t.Error("rows not sorted")
	}
}
