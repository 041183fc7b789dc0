package store_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/store"
)

// TestQuickFiltersMatchTheRules: each quick filter run in the database lists exactly the
// benefits benefits.Filter.Match accepts (P2), at instants around provisioning (P8), expiry
// (P3), the 13 months (P11) and the expiring window, with benefits in every status; and the
// status sort puts what needs action first (issue 11).
func TestQuickFiltersMatchTheRules(t *testing.T) {
	eachBenefits(t, func(t *testing.T, d *partnerSeed) {
		ctx := context.Background()
		all := withEveryStatus(t, d, "")
		instants := []time.Time{benefitsNow, day("2026-03-05").Add(-time.Second), day("2026-03-05"),
			day("2026-03-21"), day("2027-01-10"), day("2027-02-05"), time.Date(2027, 4, 1, 10, 0, 0, 0, time.UTC)}
		for _, now := range instants {
			statuses := map[benefits.Status]bool{}
			for _, f := range benefits.Filters() {
				page, err := d.s.BenefitsOfPartner(ctx, d.partner.ID, store.BenefitQuery{Filter: f, Now: now, Limit: 100})
				if err != nil {
					t.Fatal(err)
				}
				var got, want []string
				for _, r := range page.Rows {
					got = append(got, r.Benefit.ID)
				}
				for _, r := range all {
					if f.Match(r.Benefit, now) {
						want = append(want, r.Benefit.ID)
					}
					statuses[benefits.StatusOf(r.Benefit, now)] = true
				}
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) || page.Total != int64(len(want)) {
					t.Errorf("at %s filter %q: database %v (total %d), rules %v", now, f, got, page.Total, want)
				}
			}
			if now.Equal(benefitsNow) && len(statuses) != 5 {
				t.Errorf("the fixture has statuses %v at %s, want all five", statuses, now)
			}
		}
		page, err := d.s.BenefitsOfPartner(ctx, d.partner.ID, store.BenefitQuery{Sort: store.SortStatus, Now: benefitsNow, Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		// Issue 11: what needs action first, expired last.
		rank := func(v store.BenefitView) int { return benefits.StatusOf(v.Benefit, benefitsNow).ActionRank() }
		if !slices.IsSortedFunc(page.Rows, func(a, b store.BenefitView) int { return rank(a) - rank(b) }) {
			t.Errorf("status sort is not in action order")
		}
	})
}

// TestBenefitSearchSortAndPaging: search by id, kind label and holder; sorts; pages that
// neither overlap nor skip.
func TestBenefitSearchSortAndPaging(t *testing.T) {
	eachBenefits(t, func(t *testing.T, d *partnerSeed) {
		ctx := context.Background()
		d.assign(t, "m-2", fabRaj, false)
		ids := func(q store.BenefitQuery) []string {
			t.Helper()
			q.Now = benefitsNow
			if q.Limit == 0 {
				q.Limit = 100
			}
			page, err := d.s.BenefitsOfPartner(ctx, d.partner.ID, q)
			if err != nil {
				t.Fatal(err)
			}
			var out []string
			for _, r := range page.Rows {
				out = append(out, r.Benefit.ID)
			}
			return out
		}
		tests := []struct {
			name string
			q    store.BenefitQuery
			want []string
		}{
			{"search by id", store.BenefitQuery{Search: "K-", Sort: store.SortID}, []string{"k-1", "k-2"}},
			{"search by kind label", store.BenefitQuery{Search: "github", Sort: store.SortID}, []string{"g-1"}},
			{"search by holder email", store.BenefitQuery{Search: "raj@"}, []string{"m-2"}},
			{"search with a LIKE wildcard", store.BenefitQuery{Search: "%"}, nil},
			{"sort by id descending", store.BenefitQuery{Sort: store.SortID, Desc: true}, []string{"m-3", "m-2", "m-1", "k-2", "k-1", "g-1"}},
			{"sort by user", store.BenefitQuery{Sort: store.SortUser, Desc: true, Limit: 1}, []string{"m-2"}},
			{"page 2 of 4 per page", store.BenefitQuery{Sort: store.SortID, Offset: 4, Limit: 4}, []string{"m-2", "m-3"}},
		}
		for _, tt := range tests {
			if got := ids(tt.q); !slices.Equal(got, tt.want) {
				t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
			}
		}
	})
}

// withEveryStatus gives the organisation benefits in each of the five statuses at benefitsNow,
// nine in all: m-1 redeemed, k-1 assigned, p-1 pending provisioning (P8), e-1 expired (P3),
// and x-1 (ending 2026-03-20) with the rest not redeemed; it returns the nine as listed at
// benefitsNow by sort.
func withEveryStatus(t *testing.T, d *partnerSeed, sort store.BenefitSort) []store.BenefitView {
	t.Helper()
	ctx := context.Background()
	d.assign(t, "m-1", fabRaj, false)
	d.assign(t, "k-1", fabAna, false)
	if _, err := d.s.RedeemBenefit(ctx, d.users[fabRaj], "m-1", bytes.NewReader(make([]byte, 16))); err != nil {
		t.Fatal(err)
	}
	// p-1 is bought on 2026-03-01: pending provisioning until 2026-03-05 (P8). e-1 ended.
	for _, b := range []benefits.Benefit{
		{ID: "p-1", Kind: benefits.AzureBulkCredit, PurchaseDate: day("2026-03-01"), StartDate: day("2026-03-05"), EndDate: day("2027-03-04")},
		{ID: "e-1", Kind: benefits.CopilotForSecurity, PurchaseDate: day("2025-02-01"), StartDate: day("2025-02-05"), EndDate: day("2026-02-04")},
		{ID: "x-1", Kind: benefits.AzureMonthlyCredit, PurchaseDate: day("2025-02-01"), StartDate: day("2025-02-05"), EndDate: day("2026-03-20")},
	} {
		b.Amount, b.Currency = money.FromUnits(50), "USD"
		mustOK(t, d.s.CreateBenefit(ctx, d.admin, d.partner, b, nil))
	}
	all, err := d.s.BenefitsOfPartner(ctx, d.partner.ID, store.BenefitQuery{Sort: sort, Now: benefitsNow, Limit: 100})
	if err != nil || all.Total != 9 || len(all.Rows) != 9 {
		t.Fatalf("all: %d rows of %d, %v", len(all.Rows), all.Total, err)
	}
	return all.Rows
}

// TestStatusOrderPages (issue 10): the default order, what needs action first (issue 11) then
// start date and id, is paged in the database status by status; pages of every size, ascending
// and descending, with and without a search, neither overlap nor skip and follow the rules'
// order (benefits.StatusOf, Status.ActionRank), and every page reports the whole total.
func TestStatusOrderPages(t *testing.T) {
	eachBenefits(t, func(t *testing.T, d *partnerSeed) {
		ctx := context.Background()
		all := withEveryStatus(t, d, store.SortID)
		for _, search := range []string{"", "-1"} {
			for _, desc := range []bool{false, true} {
				var want []string
				rows := slices.Clone(all)
				slices.SortStableFunc(rows, func(a, b store.BenefitView) int {
					ra, rb := benefits.StatusOf(a.Benefit, benefitsNow).ActionRank(), benefits.StatusOf(b.Benefit, benefitsNow).ActionRank()
					if desc {
						ra, rb = rb, ra
					}
					if ra != rb {
						return ra - rb
					}
					return a.Benefit.StartDate.Compare(b.Benefit.StartDate)
				})
				for _, r := range rows {
					if strings.Contains(r.Benefit.ID, search) {
						want = append(want, r.Benefit.ID)
					}
				}
				for size := 1; size <= 4; size++ {
					var got []string
					for offset := 0; offset <= len(want); offset += size {
						page, err := d.s.BenefitsOfPartner(ctx, d.partner.ID, store.BenefitQuery{Search: search, Sort: store.SortStatus,
							Desc: desc, Offset: offset, Limit: size, Now: benefitsNow})
						if err != nil {
							t.Fatal(err)
						}
						if page.Total != int64(len(want)) || len(page.Rows) > size {
							t.Fatalf("search %q desc %v offset %d: %d rows of %d, want at most %d of %d", search, desc, offset,
								len(page.Rows), page.Total, size, len(want))
						}
						for _, r := range page.Rows {
							got = append(got, r.Benefit.ID)
						}
					}
					if !slices.Equal(got, want) {
						t.Errorf("search %q desc %v, %d a page: %v, want %v", search, desc, size, got, want)
					}
				}
			}
		}
	})
}
