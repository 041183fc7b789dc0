package scenario

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/creditdesk/creditdesk/internal/access"
	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/password"
	"github.com/creditdesk/creditdesk/internal/store"
	"github.com/creditdesk/creditdesk/views"
)

// Summary counts what a load did, per kind of entity, and lists what the file asked that was
// not applied.
type Summary struct {
	Created, Updated, Unchanged map[string]int
	// Unapplied lists the benefits already stored whose assignment in the file (assignedTo,
	// redeemedAt) differs from the stored one: once a benefit exists, the Benefits workspace
	// owns its assignment, so the file's is not applied, and the file's author is told.
	Unapplied []Unapplied
}

// Unapplied is one field of a stored benefit that the file sets otherwise, left as stored.
type Unapplied struct {
	Path    string // the benefit's JSON path, such as partners[0].benefits[2]
	Benefit string // its id
	Field   string // assignedTo or redeemedAt
	File    string // the file's value, "" for none
	Stored  string // the stored value, "" for none
}

func newSummary() Summary {
	return Summary{Created: map[string]int{}, Updated: map[string]int{}, Unchanged: map[string]int{}}
}

func (s Summary) count(kind string, c store.Change) {
	switch c {
	case store.Created:
		s.Created[kind]++
	case store.Updated:
		s.Updated[kind]++
	default:
		s.Unchanged[kind]++
	}
}

// String is one line per kind of entity, in a fixed order.
func (s Summary) String() string {
	var b strings.Builder
	for _, kind := range []string{"users", "api tokens", "billing accounts", "billing profiles", "role assignments", "lots", "charge entries", "adjustments",
		"partners", "partner members", "partner roles", "benefits"} {
		fmt.Fprintf(&b, "%-17s %d created, %d updated, %d unchanged\n", kind+":", s.Created[kind], s.Updated[kind], s.Unchanged[kind])
	}
	if len(s.Unapplied) > 0 {
		b.WriteString("not applied: the Benefits workspace owns the assignment of a benefit that already exists\n")
	}
	for _, u := range s.Unapplied {
		fmt.Fprintf(&b, "  %s.%s: benefit %s keeps %s; the file has %s\n", u.Path, u.Field, u.Benefit, orNone(u.Stored), orNone(u.File))
	}
	return b.String()
}

// orNone is a value of an Unapplied line, "none" when empty.
func orNone(v string) string {
	if v == "" {
		return "none"
	}
	return v
}

// loader is the state of one Load.
type loader struct {
	tx        *store.Store
	passwords password.Params       // the hash costs of new and changed passwords
	users     map[string]store.User // by email: the file's users and the existing ones they refer to
	sum       Summary
	// probs is every problem found so far. A problem does not stop the load, which goes on to
	// find the others (writing what it can, all undone at the end), so that a file's problems
	// are reported at once.
	probs Problems
	// notCoveredList is the installation's not-covered product list (M10), read once per load.
	notCoveredList *ledger.NotCovered
}

// system is the audit actor of a scenario load.
var system = store.User{Email: "scenario load"}

// Load stores a parsed scenario in one transaction, after any other load has ended (see
// store.AwaitOtherLoads): users, API tokens, billing accounts, billing profiles and role
// assignments, partner organisations with their members and benefits, keyed by email, name and
// id, so loading a file twice changes nothing the second time. Problems only the database can
// reveal (a role for an unknown user, a new user without a password, a benefit for a free-mail
// address, a charge in an invoiced month) are returned as Problems, all of them, each naming its
// JSON path, and nothing is stored. New and changed passwords are hashed at the costs pw
// (password.Production outside tests).
func Load(ctx context.Context, s *store.Store, sc *Scenario, pw password.Params) (Summary, error) {
	l := &loader{sum: newSummary(), passwords: pw}
	err := s.Tx(ctx, func(tx *store.Store) error {
		l.tx = tx
		if err := tx.AwaitOtherLoads(ctx); err != nil {
			return err
		}
		if err := l.checkUsers(ctx, sc); err != nil {
			return err
		}
		if err := l.saveUsers(ctx, sc.Users); err != nil {
			return err
		}
		for _, a := range sc.BillingAccounts {
			if err := l.saveAccount(ctx, a); err != nil {
				return err
			}
		}
		if err := l.savePartners(ctx, sc.Partners); err != nil { // load_partners.go
			return err
		}
		if len(l.probs) > 0 {
			return sortProblems(l.probs) // and the transaction is rolled back
		}
		return nil
	})
	if err != nil {
		return Summary{}, err
	}
	return l.sum, nil
}

// checkUsers finds the existing users the file refers to and notes every reference to a user
// that is neither in the file nor in the database, and every new user without a password.
func (l *loader) checkUsers(ctx context.Context, sc *Scenario) error {
	refs := sc.ReferencedUsers()
	emails := make([]string, 0, len(refs)+len(sc.Users))
	for e := range refs {
		emails = append(emails, e)
	}
	for _, u := range sc.Users {
		emails = append(emails, u.Email)
	}
	existing, err := l.tx.UsersByEmail(ctx, emails)
	if err != nil {
		return err
	}
	l.users = existing
	declared := map[string]bool{}
	for _, u := range sc.Users {
		declared[u.Email] = true
		if _, ok := existing[u.Email]; !ok && u.Password == "" {
			l.refuse(u.Path+".password", "required for a new user")
		}
	}
	for email, path := range refs {
		if _, ok := existing[email]; !ok && !declared[email] {
			l.refuse(path, fmt.Sprintf("no user %s: declare it in users", email))
		}
	}
	return nil
}

// refuse notes a problem at path.
func (l *loader) refuse(path, msg string) {
	l.probs = append(l.probs, Problem{Path: path, Message: msg})
}

// refused notes a store refusal as a problem at path and returns nil; other errors are returned,
// naming path.
func (l *loader) refused(path string, err error) error {
	var r fault.Refusal
	switch {
	case err == nil:
		return nil
	case errors.As(err, &r):
		l.refuse(path, views.RefusalText(r))
		return nil
	}
	return fmt.Errorf("%s: %w", path, err)
}

// userID returns the id of a user of the file or the database; ok is false for a user that
// could not be saved or found, whose problem is noted already: what refers to it is skipped.
func (l *loader) userID(email string) (id int64, ok bool) {
	u, ok := l.users[email]
	return u.ID, ok
}

// saveUsers creates new users and updates the name, and the password when it changed, of
// existing ones, then their API tokens.
func (l *loader) saveUsers(ctx context.Context, users []User) error {
	for _, u := range users {
		old, exists := l.users[u.Email]
		if !exists && u.Password == "" { // noted by checkUsers
			continue
		}
		change, err := l.saveUser(ctx, u, old, exists)
		if err != nil {
			return fmt.Errorf("%s: %w", u.Path, err)
		}
		l.sum.count("users", change)
		saved := l.users[u.Email]
		for i, secret := range u.APITokens {
			created, err := l.tx.EnsureToken(ctx, saved.ID, "scenario token", secret)
			if errors.Is(err, fault.ErrConflict) {
				l.refuse(index(u.Path+".apiTokens", i), "this token belongs to another user")
				continue
			} else if err != nil {
				return err
			}
			l.sum.count("api tokens", boolChange(created))
		}
	}
	return nil
}

func (l *loader) saveUser(ctx context.Context, u User, old store.User, exists bool) (store.Change, error) {
	if !exists {
		hash, err := l.passwords.Hash(u.Password)
		if err != nil {
			return store.Unchanged, err
		}
		nu := store.User{Email: u.Email, Name: u.Name, PasswordHash: hash}
		if err := l.tx.CreateUser(ctx, system, &nu); err != nil {
			return store.Unchanged, err
		}
		l.users[u.Email] = nu
		return store.Created, nil
	}
	change := store.Unchanged
	if old.Name != u.Name {
		if err := l.tx.SetUserName(ctx, system, old, u.Name); err != nil {
			return change, err
		}
		change = store.Updated
	}
	if u.Password != "" && password.Verify(u.Password, old.PasswordHash) != nil {
		hash, err := l.passwords.Hash(u.Password)
		if err != nil {
			return change, err
		}
		if err := l.tx.SetUserPassword(ctx, system, old, hash); err != nil {
			return change, err
		}
		change = store.Updated
	}
	return change, nil
}

// saveAccount stores an account, its roles, and its profiles with their roles.
func (l *loader) saveAccount(ctx context.Context, a BillingAccount) error {
	acct, change, err := l.tx.SaveAccount(ctx, system, store.BillingAccount{Name: a.Name, DisplayName: a.DisplayName,
		AgreementType: a.AgreementType, AccountType: a.AccountType, Status: "Active"})
	if err != nil {
		return fmt.Errorf("%s: %w", a.Path, err)
	}
	l.sum.count("billing accounts", change)
	scope := store.Scope{Account: acct}
	if err := l.saveRoles(ctx, scope, a.Roles); err != nil {
		return err
	}
	for _, p := range a.BillingProfiles {
		bp, change, err := l.tx.SaveProfile(ctx, system, acct, store.BillingProfile{Name: p.Name,
			DisplayName: p.DisplayName, Currency: p.Currency, InvoiceDay: p.InvoiceDay, PONumber: p.PONumber, Status: "Active"})
		if err != nil {
			return fmt.Errorf("%s: %w", p.Path, err)
		}
		l.sum.count("billing profiles", change)
		ps := store.Scope{Account: acct, Profile: &bp}
		if err := l.saveRoles(ctx, ps, p.Roles); err != nil {
			return err
		}
		if err := l.saveLedger(ctx, ps, p); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) saveRoles(ctx context.Context, sc store.Scope, roles []RoleGrant) error {
	for _, r := range roles {
		if _, err := access.ParseRole(r.Role, sc.Kind()); err != nil { // Parse checked it; keep the store honest
			l.refuse(r.Path+".role", err.Error())
			continue
		}
		u, ok := l.users[r.User]
		if !ok {
			continue
		}
		created, err := l.tx.EnsureRole(ctx, system, u, sc, r.Role)
		if err != nil {
			return fmt.Errorf("%s: %w", r.Path, err)
		}
		l.sum.count("role assignments", boolChange(created))
	}
	return nil
}

func boolChange(created bool) store.Change {
	if created {
		return store.Created
	}
	return store.Unchanged
}

// sortProblems returns probs in file order.
func sortProblems(probs Problems) Problems {
	l := problemList{}
	for _, p := range probs {
		l.add(p.Path, p.Message)
	}
	return l.sorted()
}
