package web_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/store"
)

// BenchmarkScopesPicker renders the billing scopes picker through the real router for an owner
// of 20 accounts of 50 profiles each (issue 10: 359 KB and 62 requests/s unpaged): the first
// page, a search across every profile, and one account's profiles. SQLite always, PostgreSQL when
// CREDITDESK_TEST_POSTGRES is set.
func BenchmarkScopesPicker(b *testing.B) {
	benchScenario(b, "testdata/roles.json", benchPicker)
}

// benchPicker is BenchmarkScopesPicker on the harness h.
func benchPicker(b *testing.B, h *harness) {
	ctx := context.Background()
	u := h.user(b, "account.reader@northwind.example")
	for i := range 20 {
		a, _, err := h.store.SaveAccount(ctx, tester, store.BillingAccount{Name: fmt.Sprintf("bench-%02d", i), DisplayName: fmt.Sprintf("Bench account %02d", i),
			AgreementType: string(access.AgreementMCA), AccountType: "Enterprise", Status: "Active"})
		if err != nil {
			b.Fatal(err)
		}
		if _, err := h.store.EnsureRole(ctx, tester, u, store.Scope{Account: a}, "owner"); err != nil {
			b.Fatal(err)
		}
		for j := range 50 {
			if _, _, err := h.store.SaveProfile(ctx, tester, a, store.BillingProfile{Name: fmt.Sprintf("BN%02d-%04d-000-000", i, j),
				DisplayName: fmt.Sprintf("Profile %d", i*50+j), Currency: "USD", InvoiceDay: 1 + j%28, Status: "Active"}); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := h.store.Analyze(ctx); err != nil {
		b.Fatal(err)
	}
	h.benchPages(b, u.Email, []benchPage{
		{"first-page", "/scopes", ""}, {"search", "/scopes?q=profile+99", ""}, {"account", "/scopes?account=bench-07", ""},
	}, nil)
}
