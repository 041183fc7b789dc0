package store_test

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/creditdesk/creditdesk/internal/access"
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

// TestTokenBySecretScanIsGORMs: the token and user every API request reads, in one statement
// scanned column by column, are what GORM reads for the models, field for field, for a token
// never used, one used, revoked and expiring; an unknown secret is fault.ErrNotFound as before.
func TestTokenBySecretScanIsGORMs(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		d := seed(t, s)
		at := time.Date(2126, 7, 1, 12, 30, 15, 0, time.UTC)
		plain, _, err := s.CreateToken(ctx, d.owner, d.owner, "plain", nil)
		if err != nil {
			t.Fatal(err)
		}
		used, tok, err := s.CreateToken(ctx, d.reader, d.reader, "used", &at)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.TouchToken(ctx, tok, time.Date(2026, 7, 1, 12, 30, 15, 0, time.UTC)); err != nil {
			t.Fatal(err)
		}
		if err := s.RevokeToken(ctx, d.reader, tok.ID); err != nil {
			t.Fatal(err)
		}
		for _, secret := range []string{plain, used} {
			gotT, gotU, err := s.TokenBySecret(ctx, secret)
			wantT, wantU, wantErr := s.TokenBySecretByGORM(ctx, secret)
			if err != nil || wantErr != nil || !reflect.DeepEqual(gotT, wantT) || !reflect.DeepEqual(gotU, wantU) {
				t.Errorf("token:\n got %+v %+v, %v\nwant %+v %+v, %v", gotT, gotU, err, wantT, wantU, wantErr)
			}
			if gotU.ID != gotT.UserID || gotT.Name == "used" && (gotT.RevokedAt == nil || gotT.ExpiresAt == nil || gotT.LastUsedAt == nil) {
				t.Errorf("token %+v of user %+v: not the one made", gotT, gotU)
			}
		}
		if _, _, err := s.TokenBySecret(ctx, "cdt_unknown"); !errors.Is(err, fault.ErrNotFound) {
			t.Errorf("unknown secret: err = %v, want ErrNotFound", err)
		}
	})
}

// TestScopeGrantsIsScopeAndGrantsOn: a scope with the user's grants on it, read in one statement,
// is AccountByName's account, ProfileByName's profile and GrantsOn's grants (M3), for every user
// of the seed on the account and on each profile, names in any case; an unknown account or
// profile, or a profile of another account, is fault.ErrNotFound.
func TestScopeGrantsIsScopeAndGrantsOn(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		d := seed(t, s)
		sorted := func(g access.Grants) access.Grants {
			g = slices.Clone(g)
			slices.SortFunc(g, func(a, b access.Grant) int {
				return cmp.Or(cmp.Compare(a.Role, b.Role), cmp.Compare(fmt.Sprint(a.Inherited), fmt.Sprint(b.Inherited)))
			})
			return g
		}
		held := 0
		for _, u := range []store.User{d.owner, d.reader, d.invoiceManager, d.outsider} {
			for _, names := range [][2]string{{d.account.Name, ""}, {strings.ToUpper(d.account.Name), strings.ToLower(d.engineering.Name)},
				{d.account.Name, d.marketing.Name}} {
				sc, g, err := s.ScopeGrants(ctx, u.ID, names[0], names[1])
				acct, err1 := s.AccountByName(ctx, names[0])
				if err1 != nil {
					t.Fatal(err1)
				}
				want := store.Scope{Account: acct}
				if names[1] != "" {
					p, err := s.ProfileByName(ctx, d.account.ID, names[1])
					if err != nil {
						t.Fatal(err)
					}
					want.Profile = &p
				}
				wantG, wantErr := s.GrantsOn(ctx, u.ID, want)
				if err != nil || wantErr != nil || !reflect.DeepEqual(sc, want) || !reflect.DeepEqual(sorted(g), sorted(wantG)) {
					t.Errorf("%s on %v:\n got %+v %v, %v\nwant %+v %v, %v", u.Email, names, sc, g, err, want, wantG, wantErr)
				}
				held += len(g)
			}
		}
		if held == 0 {
			t.Error("no user holds any role: nothing compared")
		}
		for _, names := range [][2]string{{"nope", ""}, {"nope", d.engineering.Name}, {d.account.Name, "NOPE-0000-000-000"}} {
			if _, _, err := s.ScopeGrants(ctx, d.owner.ID, names[0], names[1]); !errors.Is(err, fault.ErrNotFound) {
				t.Errorf("%v: err = %v, want ErrNotFound", names, err)
			}
		}
	})
}
