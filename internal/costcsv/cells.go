package costcsv

import (
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// maxProduct is the longest product name kept, as for charges in scenario files.
const maxProduct = 200

// errEmpty is a required cell left empty.
var errEmpty = bad(KeyEmpty)

// profileRef is what a billingProfileId cell names: the upper-case profile name, and the billing
// account's name when the cell is a full ARM id ("" for a bare name).
type profileRef struct{ account, name string }

// profileName turns a billingProfileId cell, a profile name or an ARM id such as
// /providers/Microsoft.Billing/billingAccounts/…/billingProfiles/PBFV-…, into the upper-case
// profile name, which must look like XXXX-XXXX-XXX-XXX of A-Z and 0-9, and the account's name
// from an ARM id.
func profileName(s string) (profileRef, error) {
	if s == "" {
		return profileRef{}, errEmpty
	}
	var ref profileRef
	name := s
	const marker, accounts = "/billingprofiles/", "/billingaccounts/"
	if i := indexASCIIFold(s, marker); i >= 0 {
		name, _, _ = strings.Cut(s[i+len(marker):], "/")
		if j := indexASCIIFold(s[:i], accounts); j >= 0 {
			account, err := url.PathUnescape(s[j+len(accounts) : i])
			if err != nil {
				return profileRef{}, bad(KeyNotProfile, cellValue(s))
			}
			ref.account = account
		}
	}
	ref.name = strings.ToUpper(name)
	if !profileShaped(ref.name) {
		return profileRef{}, bad(KeyNotProfile, cellValue(s))
	}
	return ref, nil
}

// indexASCIIFold is strings.Index ignoring ASCII case, for a lower-case ASCII sub. Unlike
// strings.ToLower it keeps byte offsets, even in invalid UTF-8.
func indexASCIIFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := 0
		for ; j < len(sub); j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				break
			}
		}
		if j == len(sub) {
			return i
		}
	}
	return -1
}

func profileShaped(name string) bool {
	groups := strings.Split(name, "-")
	if len(groups) != 4 {
		return false
	}
	for i, g := range groups {
		if want := [4]int{4, 4, 3, 3}[i]; len(g) != want {
			return false
		}
		for j := 0; j < len(g); j++ {
			if c := g[j]; (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
				return false
			}
		}
	}
	return true
}

// chargeDate reads MM/DD/YYYY (one-digit month and day allowed) or what ledger.ParseDate takes:
// YYYY-MM-DD or an RFC 3339 instant, in the years data may be dated by (ledger.FirstDay to
// ledger.LastDay).
func chargeDate(s string) (ledger.Date, error) {
	if s == "" {
		return ledger.Date{}, errEmpty
	}
	var d ledger.Date
	if strings.Contains(s, "/") {
		t, err := time.Parse("1/2/2006", s)
		if err != nil {
			return ledger.Date{}, bad(KeyNotDate, cellValue(s))
		}
		d = ledger.DateOf(t)
	} else {
		var err error
		if d, err = ledger.ParseDate(s); err != nil {
			return ledger.Date{}, bad(KeyNotDate, cellValue(s))
		}
	}
	if !d.InRange() {
		return ledger.Date{}, bad(KeyDateRange, cellValue(s), ledger.FirstDay, ledger.LastDay)
	}
	return d, nil
}

// publisher reads publisherType: Azure, Microsoft or empty mean Azure, Marketplace means
// Marketplace, case-insensitively.
func publisher(s string) (ledger.PublisherType, error) {
	switch strings.ToLower(s) {
	case "", "azure", "microsoft":
		return ledger.PublisherAzure, nil
	case "marketplace":
		return ledger.PublisherMarketplace, nil
	}
	return "", bad(KeyPublisher, cellValue(s))
}

// isRefund reads chargeType: true for Refund, false for the charge types summed as written.
func isRefund(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "", "usage", "purchase", "unusedreservation", "unusedsavingsplan", "roundingadjustment":
		return false, nil
	case "refund":
		return true, nil
	}
	return false, bad(KeyChargeType, cellValue(s))
}

// creditEligible reads isAzureCreditEligible: True or False in any case.
func creditEligible(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, bad(KeyEligible, cellValue(s))
}

// currencyCode reads billingCurrency, in any case as exports may write it, and returns it in
// capitals once money.CheckCurrency, the one currency check, accepts it.
func currencyCode(s string) (string, error) {
	if s == "" {
		return "", errEmpty
	}
	c := strings.ToUpper(s)
	if money.CheckCurrency(c) != nil {
		return "", bad(KeyNotCurrency, cellValue(s))
	}
	return c, nil
}

// checkProduct refuses an empty productName, one longer than maxProduct characters and one
// with control characters or invalid UTF-8.
func checkProduct(s string) error {
	switch {
	case s == "":
		return errEmpty
	case !utf8.ValidString(s):
		return bad(KeyNotUTF8)
	case utf8.RuneCountInString(s) > maxProduct:
		return bad(KeyProductLong, maxProduct)
	case strings.IndexFunc(s, unicode.IsControl) >= 0:
		return bad(KeyControl, cellValue(s))
	}
	return nil
}
