package benefits

import (
	"errors"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Input limits for the Add a new user form (X2).
const (
	MaxNameLength  = 100 // characters of a user's display name
	MaxEmailLength = 254 // bytes of an email address (RFC 5321 path limit)
	maxLocalLength = 64  // bytes before the @ (RFC 5321)
)

// DefaultFreeMailDomains returns the free-hosted mail domains every installation refuses
// (P10). It is data, returned fresh on each call so no caller can change another's copy; an
// installation adds its own with Policy.ExtraFreeMailDomains.
func DefaultFreeMailDomains() []string {
	return []string{
		"live.com", "hotmail.com", "outlook.com", "msn.com", "passport.com",
		"hotmail.co.uk", "hotmail.fr", "hotmail.de", "live.co.uk", "live.fr", "outlook.fr",
		"gmail.com", "googlemail.com",
		"yahoo.com", "ymail.com", "rocketmail.com", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "yahoo.co.jp",
		"aol.com", "icloud.com", "me.com", "mac.com",
		"proton.me", "protonmail.com", "pm.me", "tutanota.com", "fastmail.com", "zoho.com",
		"gmx.com", "gmx.net", "gmx.de", "web.de", "mail.com",
		"yandex.com", "yandex.ru", "mail.ru", "qq.com", "163.com", "126.com", "naver.com",
	}
}

// Policy is the installation-editable part of the rules. The zero value applies the defaults.
type Policy struct {
	// ExtraFreeMailDomains are refused in addition to DefaultFreeMailDomains (P10). The
	// defaults cannot be switched off: an installation can only refuse more.
	ExtraFreeMailDomains []string
}

// FreeMailDomains returns the refused domains: the defaults plus the extras, lower-cased,
// without a leading "@" or ".", without duplicates.
func (p Policy) FreeMailDomains() []string {
	var out []string
	for _, d := range slices.Concat(DefaultFreeMailDomains(), p.ExtraFreeMailDomains) {
		if d = normalizeDomain(d); d != "" && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out
}

// Validate checks that every extra domain is a well-formed domain name, so that a typo in the
// installation's list is reported at start-up rather than silently matching nothing.
func (p Policy) Validate() error {
	var errs []error
	for _, d := range p.ExtraFreeMailDomains {
		if !validDomain(normalizeDomain(d)) {
			errs = append(errs, refuse(RuleInput, "freeMailDomains", KeyBadDomain, d))
		}
	}
	return errors.Join(errs...)
}

// User is a person to add to the organisation (P4, Add a new user), validated by NewUser.
type User struct {
	Name  string // trimmed display name
	Email string // lower-case email address
}

// NewUser validates the Add a new user form: the name (required, at most MaxNameLength
// characters, no control characters) and the email (as ValidateEmail). All problems are
// returned, joined, one per field; RuleErrors splits them for the form.
func NewUser(name, email string, domains []string, p Policy) (User, error) {
	u := User{Name: strings.TrimSpace(name)}
	var errs []error
	switch {
	case u.Name == "":
		errs = append(errs, refuse(RuleInput, FieldName, KeyNameRequired))
	case !utf8.ValidString(u.Name) || strings.ContainsFunc(u.Name, unicode.IsControl):
		errs = append(errs, refuse(RuleInput, FieldName, KeyNameCharacters))
	case utf8.RuneCountInString(u.Name) > MaxNameLength:
		errs = append(errs, refuse(RuleInput, FieldName, KeyNameTooLong, MaxNameLength))
	}
	e, err := checkEmail(FieldEmail, email, domains, p)
	if err != nil {
		errs = append(errs, err)
	}
	u.Email = e
	if len(errs) > 0 {
		return User{}, errors.Join(errs...)
	}
	return u, nil
}

// ValidateEmail checks that email may hold a benefit of an organisation whose company domains
// are domains, and returns it normalised (trimmed, lower-case). It refuses a malformed or too
// long address (X2), a free-hosted domain or any subdomain of one (P10), and a domain that is
// neither one of the organisation's domains nor a subdomain of one (P10: company domains
// only). An organisation that lists no domains accepts any company domain.
func ValidateEmail(email string, domains []string, p Policy) (string, error) {
	return checkEmail(FieldEmail, email, domains, p)
}

// checkEmail is ValidateEmail reporting under the given field name.
func checkEmail(field, email string, domains []string, p Policy) (string, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	if err := checkEmailSyntax(field, email); err != nil {
		return "", err
	}
	_, domain, _ := strings.Cut(email, "@")
	if free, ok := matchDomain(domain, p.FreeMailDomains()); ok {
		if free != domain {
			return "", refuse("P10", field, KeyFreeMailSubdomain, domain, free)
		}
		return "", refuse("P10", field, KeyFreeMail, domain)
	}
	if len(domains) > 0 {
		var own []string
		for _, d := range domains {
			own = append(own, normalizeDomain(d))
		}
		if _, ok := matchDomain(domain, own); !ok {
			return "", refuse("P10", field, KeyForeignDomain, domain, strings.Join(own, " or "))
		}
	}
	return email, nil
}

// matchDomain reports which listed domain d is, or is a subdomain of. Both are lower-case.
func matchDomain(d string, list []string) (string, bool) {
	for _, l := range list {
		if l != "" && (d == l || strings.HasSuffix(d, "."+l)) {
			return l, true
		}
	}
	return "", false
}

// normalizeDomain lower-cases a configured domain and drops a leading "@" or "." that people
// write when they mean "anything at".
func normalizeDomain(d string) string {
	return strings.TrimLeft(strings.ToLower(strings.TrimSpace(d)), "@.")
}

// checkEmailSyntax accepts lower- or upper-case dot-atom addresses (RFC 5322 without quoted
// local parts, comments or IP literals) with an ASCII domain (IDNs in their xn-- form).
func checkEmailSyntax(field, email string) error {
	switch {
	case email == "":
		return refuse(RuleInput, field, KeyEmailRequired)
	case len(email) > MaxEmailLength:
		return refuse(RuleInput, field, KeyEmailTooLong, MaxEmailLength)
	}
	local, domain, ok := strings.Cut(email, "@")
	if !ok || !validLocal(local) || !validDomain(strings.ToLower(domain)) {
		return refuse(RuleInput, field, KeyEmailInvalid, email)
	}
	return nil
}

// validLocal reports whether s is a dot-atom local part of at most 64 bytes.
func validLocal(s string) bool {
	if s == "" || len(s) > maxLocalLength || s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return false
	}
	for _, c := range []byte(s) {
		isAlnum := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		if !isAlnum && !strings.ContainsRune(".!#$%&'*+/=?^_`{|}~-", rune(c)) {
			return false
		}
	}
	return true
}

// validDomain reports whether s is a lower-case host name of two or more labels, each 1-63
// letters, digits or inner hyphens, with a top-level label that is not all digits.
func validDomain(s string) bool {
	labels := strings.Split(s, ".")
	if len(s) > 253 || len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, c := range []byte(l) {
			if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	return strings.Trim(labels[len(labels)-1], "0123456789") != ""
}
