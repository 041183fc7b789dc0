package scenario

import (
	"fmt"
	"strings"
	"time"
)

// Allowed values of the enumerated fields, in the order error messages list them.
var (
	accountRoles   = []string{"owner", "contributor", "reader"}
	profileRoles   = []string{"owner", "contributor", "reader", "invoiceManager"}
	agreementTypes = []string{AgreementMCA, AgreementEA, AgreementMOSP, AgreementMPA}
	accountTypes   = []string{"Enterprise", "Individual", "Partner"}
	lotSources     = []string{"PromotionalCredit", "PurchasedCredit", "ConsumptionCommitment"}
	publisherTypes = []string{"Azure", "Marketplace"}
	partnerRoles   = []string{"partnerAdmin"}
	benefitKinds   = []string{"AzureMonthlyCredit", "AzureBulkCredit", "CopilotForSecurity",
		"GitHubCopilotEnterprise", "GitHubEnterpriseMetered"}
)

// validator checks the values of a bound Scenario: shapes, enums, ranges, uniqueness and
// references within the file. Each seen map holds a lower-cased key and the path of the element
// that first used it, so that a duplicate can say where the original is.
type validator struct {
	probs    *problemList
	emails   map[string]string
	tokens   map[string]string
	accounts map[string]string
	profiles map[string]string
	lots     map[string]string
	partners map[string]string
	benefits map[string]string
	bulk     map[string][]Benefit // bulk credits by assigned user, for P9
}

// validate adds to probs every rule the scenario breaks. Paths already reported by the binder are
// not reported again.
func validate(probs *problemList, s *Scenario) {
	v := &validator{
		probs:  probs,
		emails: map[string]string{}, tokens: map[string]string{}, accounts: map[string]string{},
		profiles: map[string]string{}, lots: map[string]string{}, partners: map[string]string{},
		benefits: map[string]string{}, bulk: map[string][]Benefit{},
	}
	for _, u := range s.Users {
		v.user(u)
	}
	for _, a := range s.BillingAccounts {
		v.account(a)
	}
	for _, p := range s.Partners {
		v.partner(p)
	}
}

// check reports msg at path unless msg is "".
func (v *validator) check(path, msg string) {
	if msg != "" {
		v.probs.add(path, msg)
	}
}

// unique reports key at path as a duplicate when seen already holds it (ignoring case), and
// records it otherwise. elem is the path of the element that key identifies.
func (v *validator) unique(seen map[string]string, what, key, path, elem string) {
	k := strings.ToLower(key)
	if k == "" {
		return
	}
	if first, ok := seen[k]; ok {
		v.probs.add(path, fmt.Sprintf("duplicate %s %q: already used at %s", what, key, first))
		return
	}
	seen[k] = elem
}

// email reports what is wrong with an email address at path.
func (v *validator) email(path, email string) {
	switch {
	case len(email) > maxEmail:
		v.probs.add(path, fmt.Sprintf("must be at most %d characters", maxEmail))
	case !isEmail(email):
		v.probs.add(path, msgEmail)
	}
}

func (v *validator) user(u User) {
	v.email(u.Path+".email", u.Email)
	v.unique(v.emails, "email", u.Email, u.Path+".email", u.Path)
	v.check(u.Path+".name", checkText(u.Name, maxText))
	switch n := len(u.Password); {
	case n == 0: // keeps the password of an existing user; the loader requires one for a new user
	case n < minPassword:
		v.probs.add(u.Path+".password", fmt.Sprintf("must be at least %d characters", minPassword))
	case n > maxPassword:
		v.probs.add(u.Path+".password", fmt.Sprintf("must be at most %d characters", maxPassword))
	}
	for i, t := range u.APITokens {
		path := fmt.Sprintf("%s.apiTokens[%d]", u.Path, i)
		switch {
		case len(t) < minToken || len(t) > maxToken:
			v.probs.add(path, fmt.Sprintf("must be %d to %d characters", minToken, maxToken))
		case !isToken(t):
			v.probs.add(path, "must be printable ASCII without spaces")
		}
		v.unique(v.tokens, "API token", t, path, path)
	}
}

func (v *validator) account(a BillingAccount) {
	name := a.Path + ".name"
	if a.AgreementType == AgreementMCA {
		if !isMCAName(a.Name) {
			v.probs.add(name, fmt.Sprintf("%s, not %q", msgMCAName, a.Name))
		}
	} else if !isSafeID(a.Name) {
		v.probs.add(name, msgSafeID)
	}
	v.unique(v.accounts, "billing account name", a.Name, name, a.Path)
	v.check(a.Path+".displayName", checkText(a.DisplayName, maxText))
	v.check(a.Path+".agreementType", oneOf(a.AgreementType, agreementTypes...))
	if a.AccountType != "" { // "" only when agreementType is missing or unknown: reported there
		v.check(a.Path+".accountType", oneOf(a.AccountType, accountTypes...))
	}
	v.roles(a.Roles, accountRoles)
	for _, p := range a.BillingProfiles {
		v.profile(p)
	}
}

// roles checks the role grants of one scope.
func (v *validator) roles(grants []RoleGrant, allowed []string) {
	seen := map[string]string{}
	for _, g := range grants {
		v.email(g.Path+".user", g.User)
		v.check(g.Path+".role", oneOf(g.Role, allowed...))
		if g.User != "" && g.Role != "" { // a missing half is reported on its own
			v.unique(seen, "role grant", g.User+" "+g.Role, g.Path, g.Path)
		}
	}
}

func (v *validator) profile(p BillingProfile) {
	if !isProfileName(p.Name) {
		v.probs.add(p.Path+".name", fmt.Sprintf("%s, not %q", msgProfile, p.Name))
	}
	v.unique(v.profiles, "billing profile name", p.Name, p.Path+".name", p.Path)
	v.check(p.Path+".displayName", checkText(p.DisplayName, maxText))
	if !isCurrency(p.Currency) {
		v.probs.add(p.Path+".currency", fmt.Sprintf("%s, not %q", msgISO, p.Currency))
	}
	if p.InvoiceDay < 1 || p.InvoiceDay > 28 {
		v.probs.add(p.Path+".invoiceDay", fmt.Sprintf("must be from 1 to 28 (a day every month has), not %d", p.InvoiceDay))
	}
	v.check(p.Path+".poNumber", checkText(p.PONumber, maxPONumber))
	v.roles(p.Roles, profileRoles)
	for _, l := range p.Lots {
		v.lot(l)
	}
	for _, c := range p.Charges {
		if c.Amount.IsNegative() {
			v.probs.add(c.Path+".amount", "must not be negative (record a refund as an adjustment)")
		}
		v.check(c.Path+".product", checkText(c.Product, maxText))
		v.check(c.Path+".publisherType", oneOf(c.PublisherType, publisherTypes...))
	}
	for _, a := range p.Adjustments {
		v.check(a.Path+".description", checkText(a.Description, maxText))
	}
}

func (v *validator) lot(l Lot) {
	if !isSafeID(l.Name) {
		v.probs.add(l.Path+".name", msgSafeID)
	}
	v.unique(v.lots, "lot name", l.Name, l.Path+".name", l.Path)
	v.check(l.Path+".source", oneOf(l.Source, lotSources...))
	if !l.Amount.IsPositive() {
		v.probs.add(l.Path+".amount", "must be greater than 0")
	}
	if before(l.ExpirationDate, l.StartDate) {
		v.probs.add(l.Path+".expirationDate", "must not be before startDate "+formatDate(l.StartDate))
	}
	v.check(l.Path+".poNumber", checkText(l.PONumber, maxPONumber))
	if before(l.CanceledOn, l.StartDate) {
		v.probs.add(l.Path+".canceledOn", "must not be before startDate "+formatDate(l.StartDate))
	}
}

// before reports whether a is before b, both being set: a missing date is reported on its own.
func before(a, b time.Time) bool {
	return !a.IsZero() && !b.IsZero() && a.Before(b)
}

// formatDate renders t as the file would: a date when it is midnight UTC, else an instant.
func formatDate(t time.Time) string {
	if t.Equal(t.Truncate(24 * time.Hour)) {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339)
}
