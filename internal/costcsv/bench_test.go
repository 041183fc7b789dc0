package costcsv

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// benchExport builds an export of n data lines shaped like a real one: extra columns, ARM ids,
// MM/DD/YYYY dates, costs with ten decimals, three profiles, 40 products, a refund now and then.
func benchExport(n int) string {
	var b strings.Builder
	b.WriteString("invoiceSectionName,billingProfileId,date,SubscriptionName,meterCategory,ProductName," +
		"publisherType,chargeType,quantity,billingCurrency,costInBillingCurrency,tags\n")
	profiles := []string{pA, pB, "PBFV-QQ11-RS2-TU3"}
	for i := range n {
		k, charge, pub, cost := i, "Usage", "Azure", fmt.Sprintf("%d.%010d", 1+i%500, i*7919%10_000_000_000)
		if i%97 == 96 { // refunds part of the line before
			k, charge, cost = i-1, "Refund", "0.5"
		}
		if k%13 == 0 {
			pub = "Marketplace"
		}
		fmt.Fprintf(&b, "Engineering,/providers/Microsoft.Billing/billingAccounts/x:y_2019-05-31/billingProfiles/%s,"+
			"%02d/%02d/2026,Prod-%d,Virtual Machines,\"Product %d, Series\",%s,%s,%d,USD,%s,\"{\"\"env\"\": \"\"prod\"\"}\"\n",
			profiles[k%3], 1+k/30%12, 1+k%28, i%7, k%40, pub, charge, i%24, cost)
	}
	return b.String()
}

// BenchmarkScan scans an export of 100,000 lines.
func BenchmarkScan(b *testing.B) {
	in := benchExport(100_000)
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		var probs Collector
		s := NewScanner(strings.NewReader(in), m10, &probs)
		n := 0
		for s.Scan() {
			n++
		}
		if err := errors.Join(s.Err(), probs.Err()); err != nil || n != 100_000 {
			b.Fatalf("%d lines, %v", n, err)
		}
	}
}
