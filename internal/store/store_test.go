package store_test

import (
	"context"
	"errors"
	"reflect"
	"sort"
	"testing"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/clock"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/internal/store/storetest"
)

// tester is the author of the audit entries the tests make.
var tester = store.User{Email: "tester@creditdesk.example"}

// seed creates an MCA account with two profiles and the users of a small team.
type seeded struct {
	owner, reader, invoiceManager, outsider store.User
	account                                 store.BillingAccount
	engineering, marketing                  store.BillingProfile
	acct, eng, mkt                          store.Scope // the account, engineering and marketing
}

func seed(t *testing.T, s *store.Store) seeded {
	t.Helper()
	ctx := context.Background()
	var d seeded
	d.owner = store.User{Email: "Ana@Northwind.example", Name: "Ana Ruiz", PasswordHash: "x"}
	d.reader = store.User{Email: "li@northwind.example", Name: "Li Wei", PasswordHash: "x"}
	d.invoiceManager = store.User{Email: "im@northwind.example", Name: "Ivo Marsh", PasswordHash: "x"}
	d.outsider = store.User{Email: "eve@elsewhere.example", Name: "Eve", PasswordHash: "x"}
	for _, u := range []*store.User{&d.owner, &d.reader, &d.invoiceManager, &d.outsider} {
		if err := s.CreateUser(ctx, tester, u); err != nil {
			t.Fatal(err)
		}
	}
	var err error
	d.account, _, err = s.SaveAccount(ctx, tester, store.BillingAccount{Name: "5e98e158-1a2b-4c3d-8e9f-0123456789ab:6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b_2019-05-31",
		DisplayName: "Northwind Traders", AgreementType: string(access.AgreementMCA), AccountType: "Enterprise", Status: "Active"})
	if err != nil {
		t.Fatal(err)
	}
	d.engineering, _, err = s.SaveProfile(ctx, tester, d.account, store.BillingProfile{Name: "PBFV-AB12-CD3-EF4", DisplayName: "Engineering", Currency: "USD", InvoiceDay: 5, Status: "Active"})
	if err != nil {
		t.Fatal(err)
	}
	d.marketing, _, err = s.SaveProfile(ctx, tester, d.account, store.BillingProfile{Name: "QXYZ-AB12-CD3-EF4", DisplayName: "Marketing", Currency: "USD", InvoiceDay: 12, Status: "Active"})
	if err != nil {
		t.Fatal(err)
	}
	d.acct = store.Scope{Account: d.account}
	d.eng = store.Scope{Account: d.account, Profile: &d.engineering}
	d.mkt = store.Scope{Account: d.account, Profile: &d.marketing}
	acct, eng := d.acct, d.eng
	system := store.User{Email: "system"}
	for _, g := range []struct {
		sc    store.Scope
		email string
		role  access.Role
	}{{acct, d.owner.Email, access.Owner}, {eng, d.reader.Email, access.Reader}, {eng, d.invoiceManager.Email, access.InvoiceManager}} {
		if _, _, err := s.GrantRole(ctx, system, g.sc, g.email, g.role); err != nil {
			t.Fatalf("grant %s %s: %v", g.email, g.role, err)
		}
	}
	return d
}

// TestMigrationsApplyFromEmptyAndAreIdempotent: every migration applies to an empty database, a
// second run applies nothing, and the result is what storetest hands the other tests (copies of
// a template migrated once): the same version and the same schema.
func TestMigrationsApplyFromEmptyAndAreIdempotent(t *testing.T) {
	storetest.EachEmpty(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		applied, err := s.Migrate(ctx)
		if err != nil || len(applied) == 0 {
			t.Fatalf("Migrate on an empty database applied %v, %v; want every migration", applied, err)
		}
		v, err := s.SchemaVersion(ctx)
		if err != nil || v != applied[len(applied)-1] {
			t.Fatalf("SchemaVersion = %d, %v; want %d", v, err, applied[len(applied)-1])
		}
		again, err := s.Migrate(ctx)
		if err != nil || len(again) != 0 {
			t.Errorf("second Migrate applied %v, %v; want nothing", again, err)
		}
		copied := storetest.Open(t, s.Dialect(), clock.Real())
		if cv, err := copied.SchemaVersion(ctx); err != nil || cv != v {
			t.Errorf("a storetest database is at version %d, %v; a fresh migration at %d", cv, err, v)
		}
		want, err := s.Schema(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := copied.Schema(ctx); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("a storetest database has the schema %v, %v; a fresh migration %v", got, err, want)
		}
	})
}

func TestUsersAreUniqueByEmailCaseInsensitively(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if err := s.CreateUser(ctx, tester, &store.User{Email: "Ana@Example.com", Name: "Ana", PasswordHash: "h"}); err != nil {
			t.Fatal(err)
		}
		err := s.CreateUser(ctx, tester, &store.User{Email: "ana@example.COM", Name: "Ana 2", PasswordHash: "h"})
		if !errors.Is(err, fault.ErrConflict) {
			t.Errorf("duplicate email: err = %v, want ErrConflict", err)
		}
		u, err := s.UserByEmail(ctx, "ANA@example.com")
		if err != nil || u.Email != "ana@example.com" {
			t.Errorf("UserByEmail = %+v, %v", u, err)
		}
		if _, err := s.UserByEmail(ctx, "nobody@example.com"); !errors.Is(err, fault.ErrNotFound) {
			t.Errorf("unknown email: err = %v, want ErrNotFound", err)
		}
	})
}

// TestGrantsInheritFromAccount checks M3: an account role reaches every profile; a profile role
// reaches only its profile and not the account.
func TestGrantsInheritFromAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		d := seed(t, s)
		acct, eng, mkt := d.acct, d.eng, d.mkt
		tests := []struct {
			user  store.User
			scope store.Scope
			want  string // highest role, "" for none
		}{
			{d.owner, acct, "owner"}, {d.owner, eng, "owner"}, {d.owner, mkt, "owner"},
			{d.reader, acct, ""}, {d.reader, eng, "reader"}, {d.reader, mkt, ""},
			{d.invoiceManager, eng, "invoiceManager"}, {d.invoiceManager, mkt, ""},
			{d.outsider, acct, ""}, {d.outsider, eng, ""},
		}
		for _, tt := range tests {
			g, err := s.GrantsOn(ctx, tt.user.ID, tt.scope)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := g.Highest()
			if string(got) != tt.want {
				t.Errorf("%s on %s: highest role %q, want %q", tt.user.Email, tt.scope.ID(), got, tt.want)
			}
		}
	})
}

func TestScopesOfUserFiltersBySearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		d := seed(t, s)
		names := func(es []store.ScopeEntry) []string {
			var out []string
			for _, e := range es {
				for _, p := range e.Profiles {
					out = append(out, e.Account.DisplayName+"/"+p.DisplayName)
				}
			}
			sort.Strings(out)
			return out
		}
		tests := []struct {
			user   store.User
			search string
			want   []string
		}{
			{d.owner, "", []string{"Northwind Traders/Engineering", "Northwind Traders/Marketing"}},
			{d.owner, "MARK", []string{"Northwind Traders/Marketing"}},
			{d.owner, "northwind", []string{"Northwind Traders/Engineering", "Northwind Traders/Marketing"}},
			{d.reader, "", []string{"Northwind Traders/Engineering"}},
			{d.reader, "marketing", nil},
			{d.outsider, "", nil},
		}
		for _, tt := range tests {
			es, err := s.ScopesOfUser(ctx, tt.user.ID, tt.search)
			if err != nil {
				t.Fatal(err)
			}
			if got := names(es); !equal(got, tt.want) {
				t.Errorf("ScopesOfUser(%s, %q) = %v, want %v", tt.user.Email, tt.search, got, tt.want)
			}
		}
	})
}

// TestLastOwnerCannotBeRemoved checks M4 and that inherited assignments are not removable on a
// profile (M3), and that removals are audited (X1).
func TestLastOwnerCannotBeRemoved(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		d := seed(t, s)
		acct, eng := d.acct, d.eng
		rows, err := s.AssignmentsOn(ctx, acct)
		if err != nil || len(rows) != 1 {
			t.Fatalf("AssignmentsOn(account) = %v, %v", rows, err)
		}
		ownerID := rows[0].ID
		if err := s.RemoveRole(ctx, d.owner, acct, ownerID); !errors.Is(err, fault.ErrConflict) {
			t.Errorf("removing the last owner: err = %v, want ErrConflict", err)
		}
		if err := s.RemoveRole(ctx, d.owner, eng, ownerID); !errors.Is(err, fault.ErrNotFound) {
			t.Errorf("removing an inherited owner on a profile: err = %v, want ErrNotFound", err)
		}
		if _, _, err := s.GrantRole(ctx, d.owner, acct, d.reader.Email, access.Owner); err != nil {
			t.Fatal(err)
		}
		if err := s.RemoveRole(ctx, d.owner, acct, ownerID); err != nil {
			t.Errorf("removing one of two owners: %v", err)
		}
		events, err := s.AuditOf(ctx, acct.ID(), 0, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(events) == 0 {
			t.Fatal("no audit event")
		}
		entry, ok, err := events[0].Entry()
		if !ok || err != nil || entry.Action != store.AuditRoleRemoved || !reflect.DeepEqual(entry.Before.Args, []any{access.Owner}) ||
			events[0].ActorEmail != d.owner.Email {
			t.Errorf("newest audit event = %+v (%v), want role.removed of owner by %s", entry, err, d.owner.Email)
		}
	})
}

// TestGrantRoleInvitesUnknownAndRefusesDuplicate (issue 12): an email without an account gets
// one without a usable password, to be invited; a role held already is refused on the field.
func TestGrantRoleInvitesUnknownAndRefusesDuplicate(t *testing.T) {
	storetest.Each(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		d := seed(t, s)
		eng := d.eng
		u, created, err := s.GrantRole(ctx, d.owner, eng, "ghost@northwind.example", access.Reader)
		if err != nil || !created || u.ID == 0 || u.HasPassword() {
			t.Errorf("unknown user: %+v created %v, %v; want a new user without a password", u, created, err)
		}
		if _, created, err := s.GrantRole(ctx, d.owner, d.acct, "ghost@northwind.example", access.Reader); err != nil || created {
			t.Errorf("the invitee again: created %v, %v", created, err)
		}
		_, _, err = s.GrantRole(ctx, d.owner, eng, d.reader.Email, access.Reader)
		if v, ok := fault.AsInvalid(err); !ok || v.For("email") == "" {
			t.Errorf("duplicate grant: err = %v, want Invalid on email", err)
		}
	})
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
