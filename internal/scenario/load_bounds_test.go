package scenario_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/creditdesk/creditdesk/internal/password/passwordtest"
	"github.com/creditdesk/creditdesk/internal/scenario"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// boundsFile is a scenario of one profile with lots big-<from> to big-<to>, each 99999999999.99,
// and the given charges (JSON array elements).
func boundsFile(from, to int, charges ...string) string {
	var lots []string
	for i := from; i <= to; i++ {
		lots = append(lots, fmt.Sprintf(`{"name": "big-%d", "source": "PurchasedCredit", "amount": "99999999999.99",
			"startDate": "2026-01-01", "expirationDate": "2027-01-01"}`, i))
	}
	return `{"users": [{"email": "ana@northwind.example", "password": "correct horse battery"}],
		"billingAccounts": [{"name": "5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31",
			"agreementType": "MicrosoftCustomerAgreement", "roles": [{"user": "ana@northwind.example", "role": "owner"}],
			"billingProfiles": [{"name": "PBFV-AB12-CD3-EF4", "currency": "USD", "lots": [` + strings.Join(lots, ",") + `],
			"charges": [` + strings.Join(charges, ",") + `]}]}]}`
}

// TestLoadRefusesCreditPastTheLimit: M16, X2: a file whose lots, added to those already stored,
// take the profile's credit to ledger.CreditLimit is refused at load, naming the lot's path,
// and stores nothing; on both databases.
func TestLoadRefusesCreditPastTheLimit(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		load := func(file string) error {
			sc, err := scenario.Parse(strings.NewReader(file))
			if err != nil {
				return err
			}
			_, err = scenario.Load(ctx, s, sc, passwordtest.Params())
			return err
		}
		if err := load(boundsFile(1, 9)); err != nil {
			t.Fatal(err)
		}
		err := load(boundsFile(10, 11))
		var probs scenario.Problems
		const path = "billingAccounts[0].billingProfiles[0].lots[1]"
		if !errors.As(err, &probs) || len(probs) != 1 || probs[0].Path != path ||
			!strings.Contains(probs[0].Message, "the lots of one profile stay below 1000000000000.00") {
			t.Fatalf("err = %v, want one problem at %s", err, path)
		}
		_, p := storetest.Profile(t, s, "5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31", "PBFV-AB12-CD3-EF4")
		if lots, err := s.PendingLots(ctx, p.ID); err != nil || len(lots) != 9 {
			t.Errorf("%d lots after the refused file, want the 9 of the first (%v)", len(lots), err)
		}
		// Charges: each file's month is below the limit, the two together are not.
		charge := func(product string) string {
			return `{"date": "2026-03-10", "amount": "60000000000.00", "product": "` + product + `"}`
		}
		if err := load(boundsFile(1, 1, charge("Storage"))); err != nil {
			t.Fatal(err)
		}
		err = load(boundsFile(1, 1, charge("Virtual Machines")))
		if !errors.As(err, &probs) || len(probs) != 1 || probs[0].Path != "billingAccounts[0].billingProfiles[0].charges[0].amount" ||
			!strings.Contains(probs[0].Message, "charges of 2026-03 would total 120000000000.00") {
			t.Errorf("err = %v, want the month named at the charge's amount", err)
		}
	})
}
