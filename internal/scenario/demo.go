package scenario

import (
	"bytes"
	_ "embed"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/creditdesk/creditdesk/internal/access"
)

// demoFile is the demo data that `make run` (creditdesk serve -demo) loads on first start.
//
//go:embed demo/demo.json
var demoFile []byte

// DemoPassword is the password of every demo user.
const DemoPassword = "creditdesk-demo"

// DemoWrittenFor is the day the demo file is written for: on it the demo has credits in every
// status (M8) and benefits in every status (P8, issue 5).
var DemoWrittenFor = time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)

// Demo returns the parsed demo scenario as written, for DemoWrittenFor.
func Demo() (*Scenario, error) {
	return DemoAt(DemoWrittenFor)
}

// DemoAt returns the demo scenario moved in time so that today stands where DemoWrittenFor
// stands in the file: every date and time in it is shifted by the same number of days, so the
// demo shows every status whenever it is loaded.
func DemoAt(today time.Time) (*Scenario, error) {
	y, m, d := today.UTC().Date()
	days := int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Sub(DemoWrittenFor).Hours() / 24)
	file, err := shiftDates(demoFile, days)
	if err != nil {
		return nil, fmt.Errorf("demo scenario: %w", err)
	}
	sc, err := Parse(bytes.NewReader(file))
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
