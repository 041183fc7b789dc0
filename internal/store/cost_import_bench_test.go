package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// BenchmarkImportManyProducts imports a cost export of 200,000 lines, each a product of its
// own, into a fresh profile: the store's side of an upload, without HTTP. Its time grows with
// the lines; its memory does not (the database sums them).
func BenchmarkImportManyProducts(b *testing.B) {
	const n = 200_000
	var csv strings.Builder
	csv.WriteString("billingProfileId,date,productName,billingCurrency,costInBillingCurrency\n")
	for i := range n {
		fmt.Fprintf(&csv, "PBFV-AB12-CD3-EF4,07/%02d/2026,Product %07d Standard,USD,0.%06d\n", 1+i%9, i, 1+i%999_999)
	}
	data := csv.String()
	for _, d := range storetest.Dialects(b) {
		b.Run(string(d), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				s := storetest.Open(b, d, clock.Fixed(time.Date(2026, 7, 10, 9, 0, 0, 0, time.UTC)))
				loadLedger(b, s)
				if _, err := s.ProcessAll(context.Background(), ledger.MustDate("2026-07-10")); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				res, err := s.ImportCharges(context.Background(), store.User{Email: "bench"}, strings.NewReader(data), ledger.NotCovered{}, nil, "many.csv")
				if err != nil || res.Added != n {
					b.Fatalf("%+v, %v", res, err)
				}
			}
		})
	}
}
