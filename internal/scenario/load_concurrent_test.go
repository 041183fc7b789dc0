package scenario_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/creditdesk/creditdesk/internal/password/passwordtest"
	"github.com/creditdesk/creditdesk/internal/scenario"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// overlapping is a scenario of four users, two billing accounts and two partner organisations,
// all new to the database, written in the order of the reversed flag: the same content, with
// every list the other way round, so that two loads of it meet the same rows in opposite orders.
func overlapping(t *testing.T, round int, reversed bool) *scenario.Scenario {
	t.Helper()
	order := func(items []string) string {
		if reversed {
			items = slices.Clone(items)
			slices.Reverse(items)
		}
		return strings.Join(items, ",\n")
	}
	email := func(i int) string { return fmt.Sprintf("user%d-%d@fabrikam.example", round, i) }
	var users, accounts, partners []string
	for i := range 4 {
		users = append(users, fmt.Sprintf(`{"email": %q, "name": "User %d", "password": "a long passphrase"}`, email(i), i))
	}
	for i := range 2 {
		accounts = append(accounts, fmt.Sprintf(`{
			"name": "5e98e158-1a2b-4c3d-8e9f-0123456789%[1]d%[2]d:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31",
			"displayName": "Account %[2]d", "agreementType": "MicrosoftCustomerAgreement", "accountType": "Enterprise",
			"roles": [{"user": %[3]q, "role": "owner"}],
			"billingProfiles": [{"name": "PBFV-AB12-CD%[1]d-EF%[2]d", "displayName": "Profile", "currency": "USD", "invoiceDay": 5,
				"lots": [{"name": "lot-%[1]d-%[2]d", "source": "PromotionalCredit", "amount": "100.00",
					"startDate": "2026-01-01", "expirationDate": "2026-12-31"}]}]}`, round, i, email(i)))
		partners = append(partners, fmt.Sprintf(`{"id": "%d%d", "name": "Partner %d", "domains": ["fabrikam.example"],
			"members": [{"user": %q, "roles": ["partnerAdmin"]}, {"user": %q}],
			"benefits": [{"id": "b-%d-%d", "kind": "AzureMonthlyCredit", "amount": "100.00", "currency": "USD",
				"purchaseDate": "2026-02-01", "startDate": "2026-02-05", "endDate": "2027-02-04", "assignedTo": %q}]}`,
			round+1, i, i, email(2+i), email(i), round, i, email(i)))
	}
	doc := fmt.Sprintf(`{"users": [%s], "billingAccounts": [%s], "partners": [%s]}`,
		order(users), order(accounts), order(partners))
	sc, err := scenario.Parse(strings.NewReader(doc))
	if err != nil {
		t.Fatalf("parse: %v", err)
	}
	return sc
}

// TestConcurrentLoadsOfOneFile: two loads of the same new rows at once, each meeting them in the
// other's order, both succeed on both databases, and the database holds what one load stores:
// a load is one transaction (X1) that waits for any other load to end, so neither deadlocks
// with the other nor trips on a row the other has inserted but not yet committed.
func TestConcurrentLoadsOfOneFile(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for round := range 3 {
			var wg sync.WaitGroup
			errs := make([]error, 2)
			for i, reversed := range []bool{false, true} {
				sc := overlapping(t, round, reversed)
				wg.Go(func() {
					_, errs[i] = scenario.Load(ctx, s, sc, passwordtest.Params())
				})
			}
			wg.Wait()
			for i, err := range errs {
				if err != nil {
					t.Fatalf("round %d, load %d: %v", round, i, err)
				}
			}
			again, err := scenario.Load(ctx, s, overlapping(t, round, false), passwordtest.Params())
			if err != nil {
				t.Fatalf("round %d, a third load: %v", round, err)
			}
			if len(again.Created)+len(again.Updated) != 0 {
				t.Errorf("round %d: a third load of the same file changed rows: created %v, updated %v",
					round, again.Created, again.Updated)
			}
		}
	})
}

// TestLoadBesideAnImport: a load that meets two stored profiles in one order and a cost import
// of charges on both, which locks them in id order, run at once, both succeed on both
// databases: the import waits for the load (or the load for the import) instead of each holding
// one profile and waiting for the other's.
func TestLoadBesideAnImport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		nc, err := s.NotCovered(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for round := range 10 {
			if _, err := scenario.Load(ctx, s, overlapping(t, round, false), passwordtest.Params()); err != nil {
				t.Fatalf("round %d, first load: %v", round, err)
			}
			csv := "billingProfileId,date,ProductName,publisherType,chargeType,billingCurrency,costInBillingCurrency\n"
			for i := range 2 {
				csv += fmt.Sprintf("PBFV-AB12-CD%d-EF%d,12/01/2026,Virtual Machines,Azure,Usage,USD,1.25\n", round, i)
			}
			var wg sync.WaitGroup
			var loadErr, importErr error
			reversed := overlapping(t, round, true)
			wg.Go(func() { _, loadErr = scenario.Load(ctx, s, reversed, passwordtest.Params()) })
			wg.Go(func() {
				_, importErr = s.ImportCharges(ctx, store.User{Email: "ops@fabrikam.example"}, strings.NewReader(csv), nc, nil, "dec.csv")
			})
			wg.Wait()
			if loadErr != nil || importErr != nil {
				t.Fatalf("round %d: load %v, import %v", round, loadErr, importErr)
			}
		}
	})
}
