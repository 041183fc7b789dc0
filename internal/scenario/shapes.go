package scenario

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Limits on free text and keys; the README quotes them.
const (
	maxEmail       = 254 // RFC 5321 path limit
	maxText        = 200 // names, display names, products, descriptions
	maxPONumber    = 100
	maxSafeID      = 100
	minPassword    = 12 // bytes, as internal/password counts them
	maxPassword    = 128
	minToken       = 16 // a shorter API token could be guessed
	maxToken       = 200
	maxHostname    = 253
	maxDomainLabel = 63
)

// Messages for shapes, shared with the tests.
const (
	msgEmail   = `must be an email address such as "ana@example.com"`
	msgSafeID  = "must be 1-100 characters of A-Z a-z 0-9 : _ . -"
	msgMCAName = "must have the shape <guid>:<guid>_<yyyy-mm-dd> for a MicrosoftCustomerAgreement account"
	msgProfile = "must have the shape XXXX-XXXX-XXX-XXX (letters A-Z and digits 0-9)"
	msgISO     = `must be an ISO 4217 currency code in capitals, such as "USD"`
	msgHost    = `must be a domain name such as "fabrikam.example"`
)

// checkText returns what is wrong with free text of at most max characters, or "".
func checkText(s string, max int) string {
	if n := utf8.RuneCountInString(s); n > max {
		return fmt.Sprintf("must be at most %d characters, not %d", max, n)
	}
	if strings.IndexFunc(s, unicode.IsControl) >= 0 {
		return "must not contain control characters (such as new lines or tabs)"
	}
	return ""
}

// isEmail reports whether s (lower-cased) is a plain address local@domain: the local part of
// RFC 5322 "dot-atom" characters, the domain a host name. Quoted local parts and IP literals are
// valid in mail but never seen in a billing portal, so they are refused.
func isEmail(s string) bool {
	local, domain, ok := strings.Cut(s, "@")
	if !ok || local == "" || len(local) > 64 || !isHostname(domain) {
		return false
	}
	if local[0] == '.' || local[len(local)-1] == '.' || strings.Contains(local, "..") {
		return false
	}
	for i := 0; i < len(local); i++ {
		c := local[i]
		if !isAlnum(c) && !strings.ContainsRune(".!#$%&'*+/=?^_`{|}~-", rune(c)) {
			return false
		}
	}
	return true
}

// isHostname reports whether s is a lower-case DNS name of at least two labels, such as
// "fabrikam.example", whose last label is not all digits (which would be an IP address).
func isHostname(s string) bool {
	if len(s) > maxHostname {
		return false
	}
	labels := strings.Split(s, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > maxDomainLabel || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			if !isLowerAlnum(l[i]) && l[i] != '-' {
				return false
			}
		}
	}
	return strings.Trim(labels[len(labels)-1], "0123456789") != ""
}

// isSafeID reports whether s is 1-100 characters of A-Z a-z 0-9 : _ . -
func isSafeID(s string) bool {
	if s == "" || len(s) > maxSafeID {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isAlnum(s[i]) && !strings.ContainsRune(":_.-", rune(s[i])) {
			return false
		}
	}
	return true
}

// isMCAName reports whether s has the shape of an MCA billing account id,
// <guid>:<guid>_<yyyy-mm-dd>, with a real date.
func isMCAName(s string) bool {
	first, rest, ok := strings.Cut(s, ":")
	if !ok || !isGUID(first) {
		return false
	}
	second, date, ok := strings.Cut(rest, "_")
	if !ok || !isGUID(second) || len(date) != len(time.DateOnly) {
		return false
	}
	_, err := time.Parse(time.DateOnly, date)
	return err == nil
}

// isGUID reports whether s is 8-4-4-4-12 hex digits in either case.
func isGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch {
		case i == 8 || i == 13 || i == 18 || i == 23:
			if s[i] != '-' {
				return false
			}
		case !strings.ContainsRune("0123456789abcdefABCDEF", rune(s[i])):
			return false
		}
	}
	return true
}

// isProfileName reports whether s is XXXX-XXXX-XXX-XXX of A-Z and 0-9 (already upper-cased).
func isProfileName(s string) bool {
	if len(s) != 17 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch {
		case i == 4 || i == 9 || i == 13:
			if s[i] != '-' {
				return false
			}
		case !(s[i] >= 'A' && s[i] <= 'Z' || s[i] >= '0' && s[i] <= '9'):
			return false
		}
	}
	return true
}

// isCurrency reports whether s has the shape of an ISO 4217 code: three capital letters.
func isCurrency(s string) bool {
	return len(s) == 3 && strings.Trim(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == ""
}

// isToken reports whether s is printable ASCII without spaces.
func isToken(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

func isAlnum(c byte) bool { return isLowerAlnum(c) || c >= 'A' && c <= 'Z' }

func isLowerAlnum(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' }

// oneOf returns "" when s is in allowed, or a message listing the allowed values.
func oneOf(s string, allowed ...string) string {
	for _, a := range allowed {
		if s == a {
			return ""
		}
	}
	return fmt.Sprintf("must be one of %s; not %q", strings.Join(allowed, ", "), s)
}
