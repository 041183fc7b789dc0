package web

import "github.com/creditdesk/creditdesk/internal/store"

// creditsHref is the Azure credits page of a scope, "" for an account that is not an MCA:
// only MCA accounts have Azure credits (M6), so the menu leaves the entry out.
func creditsHref(sc store.Scope) string {
	if !sc.Account.IsMCA() {
		return ""
	}
	return scopeHref(sc) + "/credits"
}

// invoicesHref is the invoice list of an MCA billing profile, "" elsewhere: invoices belong to
// billing profiles (M2).
func invoicesHref(sc store.Scope) string {
	if sc.Profile == nil || !sc.Account.IsMCA() {
		return ""
	}
	return scopeHref(sc) + "/invoices"
}
