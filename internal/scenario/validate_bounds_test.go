package scenario

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestParseBounds: M16, X2: lots adding up to ledger.CreditLimit, a month's charges or
// adjustments adding up to ledger.MonthLimit, are refused at load with the path of the element
// that takes the sum there (once per sum), however large the file: no sum wraps.
func TestParseBounds(t *testing.T) {
	t.Parallel()
	const max = "99999999999.99"
	lotAt := func(i int) change {
		return change{fmt.Sprintf("%s.lots[%d]", prof, i), map[string]any{"name": fmt.Sprintf("big-%d", i),
			"source": "PurchasedCredit", "amount": max, "startDate": "2026-01-01", "expirationDate": "2027-01-01"}}
	}
	var lots []change
	for i := 1; i <= 12; i++ {
		lots = append(lots, lotAt(i))
	}
	charge := func(i int, date string) change {
		return change{fmt.Sprintf("%s.charges[%d]", prof, i), map[string]any{"date": date, "amount": max, "product": "VM"}}
	}
	adj := func(i int, amount string) change {
		return change{fmt.Sprintf("%s.adjustments[%d]", prof, i), map[string]any{"date": "2026-06-20", "amount": amount}}
	}
	tests := []struct {
		name    string
		changes []change
		want    Problems
	}{
		{"lots past the credit limit", lots, Problems{{prof + ".lots[10].amount", "the lots of this billing profile add up to " +
			"1000000000000.00 or more by this lot: a profile holds less than 1000000000000.00 of credit"}}},
		{"a month's charges", []change{charge(1, "2026-05-31"), charge(2, "2026-06-01"), charge(3, "2026-05-01"), charge(4, "2026-05-02")},
			Problems{{prof + ".charges[1].amount", "the charges of 2026-05 add up to 100000000000.00 or more by this charge: " +
				"a profile's charges of one month stay below 100000000000.00"}}},
		{"a month's adjustments, either sign", []change{adj(1, max), adj(2, "-1")}, Problems{{prof + ".adjustments[1].amount",
			"the adjustments of 2026-06 add up to 100000000000.00 or more by this one, in absolute value: they stay below " +
				"100000000000.00 per month"}}},
		{"up to the limits", []change{lotAt(1), charge(1, "2026-04-30"), adj(1, "-99999999974.99")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(strings.NewReader(edited(t, tt.changes...)))
			var got Problems
			if err != nil && !errors.As(err, &got) {
				t.Fatalf("err = %v, want Problems", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}
