package ledger

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// DefaultNotCovered returns the products Azure credit does not pay for (M10), as data an
// installation may edit and store. Azure Marketplace products are recognised by their
// publisher type, not by name, so they are not in the list.
func DefaultNotCovered() []string {
	return []string{
		"Azure Support Plan",
		"Azure Support Plans",
		"Canonical",
		"Citrix XenApp Essentials",
		"Citrix XenDesktop",
		"Registered User",
		"OpenLogic",
		"Remote Access Rights XenApp Essentials Registered User",
		"Ubuntu Advantage",
		"Visual Studio Enterprise (Monthly)",
		"Visual Studio Enterprise (Annual)",
		"Visual Studio Professional (Monthly)",
		"Visual Studio Professional (Annual)",
	}
}

// Eligible reports whether Azure credit may pay a charge for product from publisher (M10).
// Marketplace products never are. Otherwise the product is not covered when it matches an
// entry of notCovered: case-insensitively, with runs of spaces folded, either equal to the entry
// or starting with it followed by a non-alphanumeric character, so that "Canonical" also covers
// "Canonical Ubuntu Pro" but "Registered User" does not cover "Registered Users Pack".
func Eligible(publisher PublisherType, product string, notCovered []string) bool {
	if publisher == PublisherMarketplace {
		return false
	}
	p := fold(product)
	for _, entry := range notCovered {
		e := fold(entry)
		if e == "" || !strings.HasPrefix(p, e) {
			continue
		}
		if len(p) == len(e) {
			return false
		}
		next, _ := utf8.DecodeRuneInString(p[len(e):])
		if !unicode.IsLetter(next) && !unicode.IsDigit(next) {
			return false
		}
	}
	return true
}

// fold lower-cases s and folds runs of white space to one space, so that exports that pad or
// re-case product names still match the list.
func fold(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
