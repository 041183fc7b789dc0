// Package views holds the templ components of the portal and the props they render. Views do no
// I/O and make no decisions: handlers compute booleans such as CanManage and pass them in.
package views

// User is the signed-in person shown in the top bar.
type User struct {
	Name  string
	Email string
}

// Crumb is one step of the breadcrumb; the last one has no link.
type Crumb struct {
	Label string
	Href  string
}

// MenuItem is one entry of a scope's left menu. Items of the same Group follow each other; an
// item without Href heads the Sub items after it (Payment methods over Azure credits).
type MenuItem struct {
	Label  string
	Href   string
	Icon   string // a Fluent icon of static/vendor/icons, "" for none
	Group  string // the menu group's heading, "" for the items above the first group
	Sub    bool   // indented under the heading item before it
	Active bool
}

// Shell is what every full page needs around its content: the title, the signed-in user (nil on
// the sign-in page), the CSRF token for forms and htmx, the breadcrumb and the scope's menu.
type Shell struct {
	Title      string
	User       *User
	CSRF       string
	Crumbs     []Crumb
	ScopeTitle string // the scope's display name above its menu, "" outside a scope
	ScopeKind  string // "Billing account" or "Billing profile"
	Menu       []MenuItem
	// BenefitsHref is the top bar's Benefits link (the partner Benefits workspace), "" for a
	// user who is a member of no partner organisation.
	BenefitsHref string
	// Self is the page's own path and query, the command bar's Refresh; "" for no Refresh.
	Self string
}
