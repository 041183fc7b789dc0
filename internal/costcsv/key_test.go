package costcsv

import (
	"testing"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// TestNegativeNet words the problem of a key whose refunds exceed its charges (X2): at its last
// line, naming its first lines and how many more.
func TestNegativeNet(t *testing.T) {
	k := Key{pA, ledger.MustDate("2026-05-01"), vm, ledger.PublisherAzure, true}
	tests := []struct {
		first       []int
		count, last int
		want        said
	}{
		{[]int{3}, 1, 3, said{3, colCost, `PBFV-4RT2-BG7-TGB's "Virtual Machines Dsv3 Series" (Azure, eligible) on ` +
			"2026-05-01 nets -10.00 after refunds (line 3): a refund cannot exceed the charges of its day"}},
		{[]int{2, 3, 4}, 3, 4, said{4, colCost, `PBFV-4RT2-BG7-TGB's "Virtual Machines Dsv3 Series" (Azure, eligible) on ` +
			"2026-05-01 nets -10.00 after refunds (lines 2, 3, 4): a refund cannot exceed the charges of its day"}},
		{[]int{2, 3, 4, 5, 6, 7, 8, 9, 10, 11}, 25, 90, said{90, colCost, `PBFV-4RT2-BG7-TGB's "Virtual Machines Dsv3 Series" ` +
			"(Azure, eligible) on 2026-05-01 nets -10.00 after refunds (lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, and 15 more): " +
			"a refund cannot exceed the charges of its day"}},
	}
	for _, tt := range tests {
		p := NegativeNet(k, money.MustParse("-10"), tt.first, tt.count, tt.last)
		if got := texts(Problems{p})[0]; got != tt.want {
			t.Errorf("got  %+v\nwant %+v", got, tt.want)
		}
	}
}
