package arm

import "strings"

// Prefix is how every ARM path begins; the web layer mounts the API's group there.
const Prefix = "/providers/"

// literals are the fixed segments of the ARM paths CreditDesk serves, in their canonical case.
var literals = []string{"providers", "Microsoft.Billing", "Microsoft.Consumption", "billingAccounts",
	"billingProfiles", "customers", "credits", "balanceSummary", "lots", "events"}

// named are the segments followed by a resource name, which is left as sent.
var named = map[string]bool{"billingAccounts": true, "billingProfiles": true, "customers": true}

// IsAPIPath reports whether an (escaped or unescaped) path is under the ARM prefix, in any case.
func IsAPIPath(p string) bool {
	return len(p) >= len(Prefix) && strings.EqualFold(p[:len(Prefix)], Prefix)
}

// Canonical rewrites the literal segments of an escaped ARM path to their canonical case, since
// ARM compares them case-insensitively (the how-to itself writes "billingaccounts"). Resource
// names are untouched: the segment after billingAccounts, billingProfiles and customers. It
// reports whether anything changed.
func Canonical(escaped string) (string, bool) {
	if !IsAPIPath(escaped) {
		return escaped, false
	}
	segs := strings.Split(escaped, "/")
	changed := false
	for i := 1; i < len(segs); i++ {
		for _, lit := range literals {
			if segs[i] != lit && strings.EqualFold(segs[i], lit) {
				segs[i], changed = lit, true
			}
		}
		if named[segs[i]] {
			i++ // the name that follows is data
		}
	}
	if !changed {
		return escaped, false
	}
	return strings.Join(segs, "/"), true
}
