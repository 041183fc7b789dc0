package scenario

import (
	"slices"
	"strconv"
	"strings"

	"github.com/creditdesk/creditdesk/internal/fault"
)

// Problem is one thing wrong with a scenario file: the JSON path at fault and what is wrong there.
// Path is empty for the file as a whole (an empty file, a syntax error outside any object).
type Problem struct {
	Path    string
	Message string
}

// Error renders the problem as "path: message".
func (p Problem) Error() string {
	if p.Path == "" {
		return p.Message
	}
	return p.Path + ": " + p.Message
}

// Problems is every problem found in a file, in file order, one per line. Parse returns it as
// its error; use errors.As to get at the list.
type Problems = fault.Lines[Problem]

// problemList collects problems, at most one per path: once a path is known to be bad (say, a
// string where a date belongs), later checks of the same path would only repeat the news.
type problemList struct {
	list Problems
	bad  map[string]bool
}

func (l *problemList) add(path, msg string) {
	if l.bad == nil {
		l.bad = make(map[string]bool)
	}
	if l.bad[path] {
		return
	}
	l.bad[path] = true
	l.list = append(l.list, Problem{Path: path, Message: msg})
}

// sorted returns the problems in file order: top-level sections as the spec lists them, array
// elements by index, fields of one object by name.
func (l *problemList) sorted() Problems {
	out := slices.Clone(l.list)
	slices.SortStableFunc(out, func(a, b Problem) int { return comparePaths(a.Path, b.Path) })
	return out
}

// sectionRank orders the top-level sections as in the spec.
var sectionRank = map[string]int{"users": 1, "billingAccounts": 2, "partners": 3}

func comparePaths(a, b string) int {
	as, bs := pathSegments(a), pathSegments(b)
	for i := 0; i < len(as) && i < len(bs); i++ {
		x, y := as[i], bs[i]
		if i == 0 && sectionRank[x] != sectionRank[y] {
			return sectionRank[x] - sectionRank[y]
		}
		xi, xerr := strconv.Atoi(x)
		yi, yerr := strconv.Atoi(y)
		switch {
		case xerr == nil && yerr == nil:
			if xi != yi {
				return xi - yi
			}
		case x != y:
			return strings.Compare(x, y)
		}
	}
	return len(as) - len(bs)
}

// pathSegments splits "a[1].b" into "a", "1", "b".
func pathSegments(p string) []string {
	return strings.FieldsFunc(p, func(r rune) bool { return r == '.' || r == '[' || r == ']' })
}

// ReferencedUsers returns the users that role grants, partner members and benefit assignments
// refer to but that the file's users list does not declare, each email mapped to the path of its
// first reference (such as "billingAccounts[0].roles[0].user"). Parse cannot know whether they
// exist; the loader must find each one in the database or report a problem at that path.
func (s *Scenario) ReferencedUsers() map[string]string {
	declared := make(map[string]bool, len(s.Users))
	for _, u := range s.Users {
		declared[u.Email] = true
	}
	refs := make(map[string]string)
	note := func(email, path string) {
		if _, ok := refs[email]; !ok && !declared[email] && email != "" {
			refs[email] = path
		}
	}
	grants := func(roles []RoleGrant) {
		for _, r := range roles {
			note(r.User, r.Path+".user")
		}
	}
	for _, a := range s.BillingAccounts {
		grants(a.Roles)
		for _, p := range a.BillingProfiles {
			grants(p.Roles)
		}
	}
	for _, p := range s.Partners {
		for _, m := range p.Members {
			note(m.User, m.Path+".user")
		}
		for _, b := range p.Benefits {
			note(b.AssignedTo, b.Path+".assignedTo")
		}
	}
	return refs
}
