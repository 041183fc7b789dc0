package scenario

import (
	"fmt"
	"strings"
	"time"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/money"
	"github.com/creditdesk/creditdesk/internal/password"
)

// validator checks the rules of a bound Scenario that the schema cannot state because they
// compare values: uniqueness, date order and references within the file. Each seen map holds a
// lower-cased key and the path of the element that first used it, so that a duplicate can say
// where the original is.
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

// validate adds to probs every rule the scenario breaks. It runs even when the schema found
// problems, so that a file's problems are all reported at once; a field the schema found wrong
// is empty here (and so skipped), and a path already reported is not reported again.
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

func (v *validator) user(u User) {
	v.unique(v.emails, "email", u.Email, u.Path+".email", u.Path)
	if u.Password != "" { // "" keeps an existing user's password; the loader requires one for a new user
		if msg := password.Check(u.Password); msg != "" { // counts bytes, where the schema counts characters
			v.probs.add(u.Path+".password", msg)
		}
	}
	for i, t := range u.APITokens {
		path := index(u.Path+".apiTokens", i)
		v.unique(v.tokens, "API token", t, path, path)
	}
}

func (v *validator) account(a BillingAccount) {
	name := a.Path + ".name"
	if access.Agreement(a.AgreementType) == access.AgreementMCA {
		if day, shaped, realDay := access.MCAName(a.Name); shaped && !realDay { // the schema reports the shape
			v.probs.add(name, fmt.Sprintf("must end with a real day yyyy-mm-dd, not %q", day))
		}
	}
	v.unique(v.accounts, "billing account name", a.Name, name, a.Path)
	v.roles(a.Roles)
	for _, p := range a.BillingProfiles {
		v.profile(p)
	}
}

// roles checks the role grants of one scope: a user and role pair at most once.
func (v *validator) roles(grants []RoleGrant) {
	seen := map[string]string{}
	for _, g := range grants {
		if g.User != "" && g.Role != "" { // a missing half is reported by the schema
			v.unique(seen, "role grant", g.User+" "+g.Role, g.Path, g.Path)
		}
	}
}

func (v *validator) profile(p BillingProfile) {
	v.unique(v.profiles, "billing profile name", p.Name, p.Path+".name", p.Path)
	v.currency(p.Currency, p.Path+".currency")
	v.roles(p.Roles)
	for _, l := range p.Lots {
		v.unique(v.lots, "lot name", l.Name, l.Path+".name", l.Path)
		if before(l.ExpirationDate, l.StartDate) {
			v.probs.add(l.Path+".expirationDate", "must not be before startDate "+formatDate(l.StartDate))
		}
		if before(l.CanceledOn, l.StartDate) {
			v.probs.add(l.Path+".canceledOn", "must not be before startDate "+formatDate(l.StartDate))
		}
		if before(l.ExpirationDate, l.CanceledOn) {
			v.probs.add(l.Path+".canceledOn", "must not be after expirationDate "+formatDate(l.ExpirationDate)+": the lot has expired by then")
		}
	}
	v.bounds(p)
}

// currency checks a code the schema let through (three capitals) against the ISO 4217 list,
// with the one currency check; a missing code is the schema's to report.
func (v *validator) currency(code, path string) {
	if code == "" {
		return
	}
	if err := money.CheckCurrency(code); err != nil {
		v.probs.add(path, err.Error())
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
