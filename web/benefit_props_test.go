package web

import (
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/views"
)

// TestValidity: one wording says until when a benefit can be used, everywhere it is shown (the
// list, the pane, the card, the redemption message). A benefit's end date is included (P3);
// an activated monthly credit runs 13 months from activation or to its end date, whichever
// comes first (P11), which at midnight is the same as "through" the day before, so the card and
// the message never disagree.
func TestValidity(t *testing.T) {
	t.Parallel()
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	b := benefits.Benefit{Kind: benefits.AzureMonthlyCredit, Amount: money.FromUnits(100), Currency: "USD",
		PurchaseDate: day("2026-09-01"), StartDate: day("2026-10-01"), EndDate: day("2027-09-30")}
	activated := func(at time.Time) benefits.Benefit {
		x := b
		x.AssignedTo, x.ActivatedAt, x.RedeemedAt = "raj@fabrikam.example", at, at
		return x
	}
	bulk := b
	bulk.Kind = benefits.AzureBulkCredit
	tests := []struct {
		name string
		b    benefits.Benefit
		want string
	}{
		{"P3 end date included", b, "through 2027-09-30 (the last day included)"},
		{"P3 bulk credit", bulk, "through 2027-09-30 (the last day included)"},
		{"P11 activated at midnight", activated(day("2026-09-01")),
			"through 2027-09-30 (the last day included; 13 months from activation)"},
		{"P11 activated during the day", activated(time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)),
			"until 2027-07-15 10:00 UTC (13 months from activation)"},
		{"P11 the end date first", activated(time.Date(2026, 10, 10, 9, 0, 0, 0, time.UTC)),
			"through 2027-09-30 (the last day included; the membership ends before 13 months from activation)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := views.Text(benefits.Validity(tt.b)); got != tt.want {
				t.Errorf("validity = %q, want %q", got, tt.want)
			}
		})
	}
}
