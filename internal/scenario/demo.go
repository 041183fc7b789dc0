package scenario

import (
	"bytes"
	_ "embed"
	"fmt"
	"sort"
	"strings"

	"github.com/creditdesk/creditdesk/internal/access"
)

// demoFile is the demo data that `make run` (creditdesk serve -demo) loads on first start.
//
//go:embed demo/demo.json
var demoFile []byte

// DemoPassword is the password of every demo user.
const DemoPassword = "creditdesk-demo"

// Demo returns the parsed demo scenario.
func Demo() (*Scenario, error) {
	sc, err := Parse(bytes.NewReader(demoFile))
	if err != nil {
		return nil, fmt.Errorf("demo scenario: %w", err)
	}
	return sc, nil
}

// DemoSignIns describes each demo user and the roles they hold, billing and partner, one line
// each, for the console.
func DemoSignIns(sc *Scenario) []string {
	roles := map[string][]string{}
	for _, a := range sc.BillingAccounts {
		for _, r := range a.Roles {
			roles[r.User] = append(roles[r.User], fmt.Sprintf("%s of %s", roleTitle(r.Role), a.DisplayName))
		}
		for _, p := range a.BillingProfiles {
			for _, r := range p.Roles {
				roles[r.User] = append(roles[r.User], fmt.Sprintf("%s of %s / %s", roleTitle(r.Role), a.DisplayName, p.DisplayName))
			}
		}
	}
	for _, p := range sc.Partners {
		for _, m := range p.Members {
			roles[m.User] = append(roles[m.User], partnerRoleTitle(m.Roles)+" of "+p.Name+" (Benefits)")
		}
	}
	var lines []string
	for _, u := range sc.Users {
		held := roles[u.Email]
		sort.Strings(held)
		lines = append(lines, fmt.Sprintf("%-28s %s", u.Email, strings.Join(held, "; ")))
	}
	return lines
}

// partnerRoleTitle names a partner member's roles as the portal shows them (P1).
func partnerRoleTitle(roles []string) string {
	if len(roles) == 0 {
		return "Member"
	}
	titles := make([]string, len(roles))
	for i, r := range roles {
		titles[i] = access.PartnerRole(r).Title()
	}
	return strings.Join(titles, ", ")
}

// roleTitle names a role as the portal shows it.
func roleTitle(role string) string { return access.Role(role).Title() }
