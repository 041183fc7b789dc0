package access

import (
	"errors"
	"testing"
)

// TestPolicyMatrix spells out M3 role by permission: owner everything; contributor everything but
// granting access; reader read only; invoice manager view and invoices.
func TestPolicyMatrix(t *testing.T) {
	perms := []Permission{View, ViewInvoices, ViewAccess, ManageAccess, Contribute, ViewAudit, ManageConnections, ManageAlerts}
	want := map[Role][]bool{
		//              View  Invoices Access Manage Contribute Audit Connections Alerts
		Owner:          {true, true, true, true, true, true, true, true},
		Contributor:    {true, true, true, false, true, true, false, true},
		Reader:         {true, true, true, false, false, false, false, false},
		InvoiceManager: {true, true, false, false, false, false, false, false},
	}
	for role, row := range want {
		for i, p := range perms {
			if got := role.Can(p); got != row[i] {
				t.Errorf("%s.Can(%s) = %v, want %v", role, p, got, row[i])
			}
		}
	}
	if Role("admin").Can(View) {
		t.Error("an unknown role can view")
	}
}

func TestParseRole(t *testing.T) {
	tests := []struct {
		s    string
		kind Kind
		ok   bool
	}{
		{"owner", Account, true}, {"invoiceManager", Profile, true},
		{"invoiceManager", Account, false}, // M3: invoice manager exists on profiles only
		{"Owner", Account, false}, {"admin", Profile, false}, {"", Profile, false},
	}
	for _, tt := range tests {
		_, err := ParseRole(tt.s, tt.kind)
		if (err == nil) != tt.ok {
			t.Errorf("ParseRole(%q, %s) err = %v, want ok=%v", tt.s, tt.kind, err, tt.ok)
		}
	}
}

// TestEffectiveInheritance: M3: account roles reach the profile, marked inherited.
func TestEffectiveInheritance(t *testing.T) {
	g := Effective(Profile, []Role{Reader}, []Role{InvoiceManager})
	if len(g) != 2 || !g[0].Inherited || g[1].Inherited {
		t.Fatalf("Effective = %+v", g)
	}
	if r, _ := g.Highest(); r != Reader {
		t.Errorf("Highest = %s, want reader", r)
	}
	if !g.Can(ViewAccess) || g.Can(ManageAccess) {
		t.Error("reader + invoice manager: wrong permissions")
	}
	if acct := Effective(Account, nil, []Role{Owner}); acct.Any() {
		t.Error("a profile role reaches the account")
	}
}

// TestCanRemove: M4 and M3: the last owner stays; inherited rows are not removable below.
func TestCanRemove(t *testing.T) {
	oneOwner := []Assignment{{ID: 1, Role: Owner}, {ID: 2, Role: Reader}}
	twoOwners := append([]Assignment{{ID: 3, Role: Owner}}, oneOwner...)
	inherited := []Assignment{{ID: 1, Role: Owner, Inherited: true}, {ID: 4, Role: Owner}}
	tests := []struct {
		name string
		all  []Assignment
		id   int64
		want error
	}{
		{"last owner", oneOwner, 1, ErrLastOwner},
		{"a reader", oneOwner, 2, nil},
		{"one of two owners", twoOwners, 1, nil},
		{"unknown id", oneOwner, 9, ErrNotAssigned},
		{"inherited owner", inherited, 1, ErrNotAssigned},
		{"profile owner with an inherited owner above", inherited, 4, nil},
	}
	for _, tt := range tests {
		if got := CanRemove(tt.all, tt.id); !errors.Is(got, tt.want) {
			t.Errorf("%s: CanRemove = %v, want %v", tt.name, got, tt.want)
		}
	}
}
