package benefits

import "testing"

// TestFilters covers the P2 quick filters, including the 30-day Expiring boundary.
func TestFilters(t *testing.T) {
	now := day("2026-06-01")
	m := benefit("m", AzureMonthlyCredit)
	endsIn30 := benefit("e30", AzureBulkCredit)
	endsIn30.EndDate = day("2026-06-30") // expires 1 July 00:00 = now + 30 days
	endsIn31 := benefit("e31", AzureBulkCredit)
	endsIn31.EndDate = day("2026-07-01")
	pending := benefit("p", AzureMonthlyCredit)
	pending.PurchaseDate = day("2026-05-30")
	gone := benefit("x", AzureMonthlyCredit)
	gone.EndDate = day("2026-05-31")
	monthRedeemed := redeemed(m, raj, day("2025-05-15")) // 13 months end 15 June 2026
	tests := []struct {
		name string
		b    Benefit
		want []Filter // filters that match, besides FilterAll
	}{
		{"monthly not redeemed", m, []Filter{FilterNotRedeemed, FilterMonthly}},
		{"monthly assigned", assigned(m, raj), []Filter{FilterMonthly}},
		{"P11 monthly redeemed, 13 months nearly over", monthRedeemed, []Filter{FilterRedeemed, FilterMonthly, FilterExpiring}},
		{"bulk redeemed", redeemed(benefit("b", AzureBulkCredit), raj, day("2026-03-01")), []Filter{FilterRedeemed, FilterBulk}},
		{"P7 benefit is not bulk", benefit("g", GitHubEnterpriseMetered), []Filter{FilterNotRedeemed}},
		{"expires in exactly 30 days", endsIn30, []Filter{FilterNotRedeemed, FilterBulk, FilterExpiring}},
		{"expires in 30 days and a bit", endsIn31, []Filter{FilterNotRedeemed, FilterBulk}},
		{"P8 pending", pending, []Filter{FilterMonthly}},
		{"expired", gone, []Filter{FilterMonthly}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, f := range Filters() {
				want := f == FilterAll
				for _, w := range tt.want {
					want = want || w == f
				}
				if got := f.Match(tt.b, now); got != want {
					t.Errorf("%q.Match = %v, want %v", f.Label(), got, want)
				}
			}
		})
	}
}

func TestParseFilter(t *testing.T) {
	for _, f := range Filters() {
		got, err := ParseFilter(string(f))
		if err != nil || got != f || f.Label() == "" {
			t.Errorf("ParseFilter(%q) = %q, %v (label %q)", f, got, err, f.Label())
		}
	}
	for _, s := range []string{"Not redeemed", "NOT-REDEEMED", "yearly", " "} {
		got, err := ParseFilter(s)
		checkRule(t, err, RuleInput, FieldFilter)
		if got != FilterAll {
			t.Errorf("ParseFilter(%q) = %q, want FilterAll alongside the error", s, got)
		}
	}
}
