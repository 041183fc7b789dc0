package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// TestProfilesOfAccountScanIsGORMs: the profiles of an account (M14's summary rows), scanned
// column by column, are what GORM reads for the model, field for field, in the same order, and
// an account without profiles gives an empty list as GORM does.
func TestProfilesOfAccountScanIsGORMs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		d := seed(t, s)
		p := d.marketing
		p.PONumber, p.DisplayName = "PO-17", "Analytics"
		if _, _, err := s.SaveProfile(ctx, tester, d.account, p); err != nil {
			t.Fatal(err)
		}
		other, _, err := s.SaveAccount(ctx, tester, store.BillingAccount{Name: "00000000-0000-4000-8000-00000000000a:00000000-0000-4000-8000-00000000000a_2020-01-01",
			DisplayName: "Empty", AgreementType: "MicrosoftCustomerAgreement", AccountType: "Enterprise", Status: "Active"})
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{d.account.ID, other.ID} {
			got, err := s.ProfilesOfAccount(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			want, err := s.ProfilesOfAccountByGORM(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("account %d:\n got %+v\nwant %+v", id, got, want)
			}
		}
	})
}

// TestUserByIDScanIsGORMs: the user every signed-in request loads, scanned column by column,
// is what GORM reads for the model, and an unknown id is fault.ErrNotFound as before.
func TestUserByIDScanIsGORMs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		d := seed(t, s)
		if err := s.SetLastScope(ctx, d.owner.ID, "/accounts/x"); err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{d.owner.ID, d.reader.ID} {
			got, err := s.UserByID(ctx, id)
			want, wantErr := s.UserByIDByGORM(ctx, id)
			if err != nil || wantErr != nil || !reflect.DeepEqual(got, want) {
				t.Errorf("user %d:\n got %+v, %v\nwant %+v, %v", id, got, err, want, wantErr)
			}
		}
		if _, err := s.UserByID(ctx, -1); !errors.Is(err, fault.ErrNotFound) {
			t.Errorf("unknown user: err = %v, want ErrNotFound", err)
		}
	})
}
