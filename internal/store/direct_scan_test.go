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
				if err != nil || wantErr != nil || !reflect.DeepEqual(sc, want) || !reflect.DeepEqual(sortedGrants(g), sortedGrants(wantG)) {
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

// TestScopeGrantsEveryPlacement (M3): a second account (an Enterprise Agreement) with a profile
// named like one of the first account's and one of its own; for every pair of the six scopes, a
// user holding a role on each (every role, the invoice manager on profiles only) and an outsider.
// On every path, both accounts and each profile name under each account in any case, ScopeGrants
// finds the scope and grants exactly what AccountByName, ProfileByName and GrantsOn do, and a
// profile named under the account that does not have it is fault.ErrNotFound both ways.
func TestScopeGrantsEveryPlacement(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		d := seed(t, s)
		ea, _, err := s.SaveAccount(ctx, tester, store.BillingAccount{Name: "1234567", DisplayName: "Contoso EA",
			AgreementType: "EnterpriseAgreement", AccountType: "Enterprise", Status: "Active"})
		if err != nil {
			t.Fatal(err)
		}
		twin, _, err := s.SaveProfile(ctx, tester, ea, store.BillingProfile{Name: d.marketing.Name, DisplayName: "Twin",
			Currency: "USD", InvoiceDay: 5, Status: "Active"})
		if err != nil {
			t.Fatal(err)
		}
		only, _, err := s.SaveProfile(ctx, tester, ea, store.BillingProfile{Name: "ONLY-AB12-CD3-EF4", DisplayName: "Only",
			Currency: "USD", InvoiceDay: 5, Status: "Active"})
		if err != nil {
			t.Fatal(err)
		}
		scopes := []store.Scope{{Account: d.account}, {Account: d.account, Profile: &d.engineering},
			{Account: d.account, Profile: &d.marketing}, {Account: ea}, {Account: ea, Profile: &twin}, {Account: ea, Profile: &only}}
		roles := []string{"owner", "contributor", "reader", "invoiceManager"}
		users := []store.User{d.outsider}
		for i := range scopes {
			for j := i + 1; j < len(scopes); j++ {
				u := store.User{Email: fmt.Sprintf("u%d%d@example.com", i, j), Name: "U", PasswordHash: "x"}
				if err := s.CreateUser(ctx, tester, &u); err != nil {
					t.Fatal(err)
				}
				for k, sc := range []store.Scope{scopes[i], scopes[j]} {
					role := roles[(i+j+k)%len(roles)]
					if sc.Profile == nil && role == "invoiceManager" {
						role = "reader"
					}
					if _, err := s.EnsureRole(ctx, tester, u, sc, role); err != nil {
						t.Fatal(err)
					}
				}
				users = append(users, u)
			}
		}
		type path struct{ account, profile string }
		var paths []path
		for _, a := range []store.BillingAccount{d.account, ea} {
			paths = append(paths, path{a.Name, ""}, path{strings.ToUpper(a.Name), ""})
			for _, p := range []store.BillingProfile{d.engineering, d.marketing, only} {
				paths = append(paths, path{a.Name, p.Name}, path{a.Name, strings.ToLower(p.Name)})
			}
		}
		held := 0
		for _, u := range users {
			for _, pa := range paths {
				sc, g, err := s.ScopeGrants(ctx, u.ID, pa.account, pa.profile)
				want, wantErr := scopeOf(ctx, s, pa.account, pa.profile)
				if wantErr != nil {
					if !errors.Is(err, fault.ErrNotFound) || !errors.Is(wantErr, fault.ErrNotFound) {
						t.Errorf("%s on %v: %v; the reads say %v", u.Email, pa, err, wantErr)
					}
					continue
				}
				wantG, err2 := s.GrantsOn(ctx, u.ID, want)
				if err != nil || err2 != nil || !reflect.DeepEqual(sc, want) || !reflect.DeepEqual(sortedGrants(g), sortedGrants(wantG)) {
					t.Errorf("%s on %v:\n got %+v %v, %v\nwant %+v %v, %v", u.Email, pa, sc, g, err, want, wantG, err2)
				}
				held += len(g)
			}
		}
		if held < len(users) {
			t.Errorf("only %d grants in all: too little compared", held)
		}
	})
}

// scopeOf reads a scope by its names as the portal did before ScopeGrants: the account, then the
// profile among the account's.
func scopeOf(ctx context.Context, s *store.Store, account, profile string) (store.Scope, error) {
	a, err := s.AccountByName(ctx, account)
	if err != nil || profile == "" {
		return store.Scope{Account: a}, err
	}
	p, err := s.ProfileByName(ctx, a.ID, profile)
	return store.Scope{Account: a, Profile: &p}, err
}

// sortedGrants orders grants by role, then inherited last, to compare them as sets.
func sortedGrants(g access.Grants) access.Grants {
	g = slices.Clone(g)
	slices.SortFunc(g, func(a, b access.Grant) int {
		return cmp.Or(cmp.Compare(a.Role, b.Role), cmp.Compare(fmt.Sprint(a.Inherited), fmt.Sprint(b.Inherited)))
	})
	return g
}
