// Package access decides who may do what on a billing scope (DOMAIN M3, M4). Roles are typed,
// permissions are typed, and the whole policy is one table: Role.Can(Permission). The web layer
// asks this package and nothing else, so every route is authorised by the same rule.
package access

import "fmt"

// Kind is the kind of billing scope a role is held on.
type Kind int

// The two kinds of billing scope of a Microsoft Customer Agreement.
const (
	Account Kind = iota + 1 // a billing account
	Profile                 // a billing profile of a billing account
)

// String names the kind as the portal shows it.
func (k Kind) String() string {
	switch k {
	case Account:
		return "billing account"
	case Profile:
		return "billing profile"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Role is a billing role (M3). Its string form is the one used in scenario files and the database.
type Role string

// The billing roles of a Microsoft Customer Agreement.
const (
	Owner          Role = "owner"
	Contributor    Role = "contributor"
	Reader         Role = "reader"
	InvoiceManager Role = "invoiceManager"
)

// Roles lists every role, most powerful first; views and tests iterate over it.
var Roles = []Role{Owner, Contributor, Reader, InvoiceManager}

// ParseRole returns the role named s, or an error listing the roles allowed on kind.
func ParseRole(s string, kind Kind) (Role, error) {
	for _, r := range RolesOn(kind) {
		if string(r) == s {
			return r, nil
		}
	}
	return "", fmt.Errorf("unknown role %q on a %s: use one of %v", s, kind, RolesOn(kind))
}

// RolesOn lists the roles that can be granted on a scope of the given kind: the invoice manager
// role exists only on billing profiles (M3).
func RolesOn(kind Kind) []Role {
	if kind == Account {
		return []Role{Owner, Contributor, Reader}
	}
	return Roles
}

// Title is the role's name as the portal shows it.
func (r Role) Title() string {
	switch r {
	case Owner:
		return "Owner"
	case Contributor:
		return "Contributor"
	case Reader:
		return "Reader"
	case InvoiceManager:
		return "Invoice manager"
	}
	return string(r)
}

// Permission is one thing a user may do on a scope.
type Permission int

// The permissions of the portal. Each route of the web layer requires exactly one.
const (
	// View: see that the scope exists, its properties and its Azure credits (M3: every role may
	// view the credit balance of the profiles it reaches).
	View Permission = iota + 1
	// ViewInvoices: see and download the scope's invoices.
	ViewInvoices
	// ViewAccess: see who holds which role on the scope.
	ViewAccess
	// ManageAccess: grant and remove roles (owner only).
	ManageAccess
	// Contribute: change billing data, such as uploading charges (owner and contributor).
	Contribute
	// ViewAudit: read the scope's audit log.
	ViewAudit
	// ManageConnections: connect the billing account to Azure, change or remove the connection
	// and sync it on demand (owner only: the connection holds a credential).
	ManageConnections
	// ManageAlerts: create, edit, pause and delete the scope's alert rules and webhooks (owner
	// and contributor, issue 12); every role may subscribe itself to a rule (View).
	ManageAlerts
)

// String names the permission for logs and test output.
func (p Permission) String() string {
	switch p {
	case View:
		return "view"
	case ViewInvoices:
		return "view invoices"
	case ViewAccess:
		return "view access"
	case ManageAccess:
		return "manage access"
	case Contribute:
		return "contribute"
	case ViewAudit:
		return "view audit"
	case ManageConnections:
		return "manage connections"
	case ManageAlerts:
		return "manage alerts"
	}
	return fmt.Sprintf("Permission(%d)", int(p))
}

// policy is the whole authorisation table (M3): owner = everything including granting access;
// contributor = everything except granting access; reader = read only; invoice manager = view
// and pay the invoices of one profile.
var policy = map[Role][]Permission{
	Owner:          {View, ViewInvoices, ViewAccess, ManageAccess, Contribute, ViewAudit, ManageConnections, ManageAlerts},
	Contributor:    {View, ViewInvoices, ViewAccess, Contribute, ViewAudit, ManageAlerts},
	Reader:         {View, ViewInvoices, ViewAccess},
	InvoiceManager: {View, ViewInvoices},
}

// Can reports whether the role grants the permission.
func (r Role) Can(p Permission) bool {
	for _, q := range policy[r] {
		if q == p {
			return true
		}
	}
	return false
}
