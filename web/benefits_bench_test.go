package web_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/money"
)

// BenchmarkBenefitsWorkspace renders the Benefits workspace of a partner with 1,000 benefits
// through the real router (issue 10): the whole page in the default order (what needs action
// first), the list's htmx fragment on page 21, a sort by amount, and the overview's charts
// (htmx), each with its statements per request. SQLite always, PostgreSQL when
// CREDITDESK_TEST_POSTGRES is set.
func BenchmarkBenefitsWorkspace(b *testing.B) {
	benchScenario(b, "testdata/roles.json", benchWorkspace)
}

// benchWorkspace is BenchmarkBenefitsWorkspace on the harness h.
func benchWorkspace(b *testing.B, h *harness) {
	ctx := context.Background()
	admin := h.user(b, "partner.admin@fabrikam.example")
	holder := h.user(b, "partner.holder@fabrikam.example")
	p, err := h.store.PartnerByExternalID(ctx, "4390934")
	if err != nil {
		b.Fatal(err)
	}
	today := h.clock.Now().UTC().Truncate(24 * 3600e9)
	kinds := []benefits.Kind{benefits.AzureMonthlyCredit, benefits.CopilotForSecurity, benefits.GitHubEnterpriseMetered}
	for i := range 1000 {
		start := today.AddDate(0, 0, -(i % 360))
		bf := benefits.Benefit{ID: fmt.Sprintf("wb-%04d", i), Kind: kinds[i%len(kinds)], Amount: money.FromUnits(100), Currency: "USD",
			PurchaseDate: start.AddDate(0, 0, -4), StartDate: start, EndDate: start.AddDate(1, 0, -1)}
		var holderID *int64
		if i%10 == 0 && bf.Kind == benefits.AzureMonthlyCredit {
			holderID = &holder.ID
		}
		if err := h.store.CreateBenefit(ctx, admin, p, bf, holderID); err != nil {
			b.Fatal(err)
		}
	}
	if err := h.store.Analyze(ctx); err != nil {
		b.Fatal(err)
	}
	h.benchPages(b, admin.Email, []benchPage{
		{"page", "/partners/4390934/benefits", ""},
		{"fragment-page-21", "/partners/4390934/benefits?page=21", "benefits-table"},
		{"by-amount", "/partners/4390934/benefits?sort=amount&dir=desc", "benefits-table"},
		{"overview", "/partners/4390934/overview", "benefit-overview"},
	}, nil)
}
