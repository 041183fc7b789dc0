package views

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// Digest is a user's weekly digest email (issue 12): the balance, runway and coming expiries of
// every billing profile with Azure credits they hold a role on, and the benefits needing action
// of every partner organisation they manage. It is queued as JSON, so that a retry sends what
// was found that week.
type Digest struct {
	Name     string          `json:"name"`
	Week     string          `json:"week"`   // the ISO week, "2026-W49"
	Today    ledger.Date     `json:"today"`  // the business day it was written on
	Window   int             `json:"window"` // credits expiring within this many days are listed
	Profiles []DigestProfile `json:"profiles"`
	Partners []DigestPartner `json:"partners,omitempty"`
	Link     string          `json:"link"` // the Notifications page, where the digest is turned off
}

// DigestProfile is one billing profile of a digest, with the numbers of its Azure credits page.
type DigestProfile struct {
	Account   string       `json:"account"` // the billing account's display name
	Profile   string       `json:"profile"` // the profile's display name
	Currency  string       `json:"currency"`
	Estimated money.Amount `json:"estimatedBalance"`
	// Runway: whether the forecast has its 14 days of history; RunsOut is zero when the
	// credit outlasts the forecast (no burn).
	Runway    bool           `json:"runway"`
	RunsOut   ledger.Date    `json:"runsOut,omitzero"`
	DailyBurn money.Amount   `json:"dailyBurn"`
	Expiring  []DigestExpiry `json:"expiring,omitempty"`
	Link      string         `json:"link"` // its Azure credits page
}

// DigestExpiry is a credit of a profile that expires within the digest's window.
type DigestExpiry struct {
	Lot     string       `json:"lot"`
	Date    ledger.Date  `json:"expirationDate"`
	Balance money.Amount `json:"balance"`
}

// DigestPartner is one partner organisation of a digest, with its benefits that need action and
// end within the digest's window; none when nothing needs action.
type DigestPartner struct {
	Name     string          `json:"name"`
	ID       string          `json:"id"` // its Partner Center id
	Benefits []DigestBenefit `json:"benefits,omitempty"`
	Link     string          `json:"link"` // its Benefits workspace
}

// DigestBenefit is a benefit not redeemed (assigned or not) whose last day falls within the
// digest's window.
type DigestBenefit struct {
	ID         string       `json:"id"`
	Kind       string       `json:"kind"`   // the kind's label
	Status     string       `json:"status"` // the status's label, as the workspace shows it
	AssignedTo string       `json:"assignedTo,omitempty"`
	Amount     money.Amount `json:"amount"`
	Currency   string       `json:"currency"`
	LastDay    ledger.Date  `json:"lastDay"` // the last day it can be used
	Link       string       `json:"link"`    // its side pane in the Benefits workspace
}

// Subject is the digest's subject line: how many scopes of each kind it covers.
func (d Digest) Subject() string {
	counts := plural(len(d.Profiles), "billing profile", "billing profiles")
	switch {
	case len(d.Partners) > 0 && len(d.Profiles) == 0:
		counts = plural(len(d.Partners), "partner organisation", "partner organisations")
	case len(d.Partners) > 0:
		counts += ", " + plural(len(d.Partners), "partner organisation", "partner organisations")
	}
	return fmt.Sprintf("Your CreditDesk week %s: %s", d.Week, counts)
}

// heading names the organisation as its section title.
func (p DigestPartner) heading() string {
	return p.Name + " (partner " + p.ID + ")"
}

// line is one benefit needing action in words.
func (b DigestBenefit) line(loc Locale) string {
	status := b.Status
	if b.AssignedTo != "" {
		status += " to " + b.AssignedTo + ", not redeemed"
	}
	return "Benefit " + b.ID + ", " + b.Kind + " of " + Money(b.Amount, b.Currency) + ": " + status +
		"; last day " + loc.Date(b.LastDay) + "."
}

// noAction says that no benefit of an organisation needs action within the window.
func (d Digest) noAction() string {
	return "No benefit needs action within " + strconv.Itoa(d.Window) + " days."
}

// runway says when the profile's credit runs out at the recent burn.
func (p DigestProfile) runway(loc Locale) string {
	switch {
	case !p.Runway:
		return "Runway: not enough history yet (14 days of charges)."
	case p.RunsOut.IsZero():
		return "Runway: no recent burn; the credit outlasts the forecast."
	}
	return "Runway: at " + Money(p.DailyBurn.Round(p.Currency), p.Currency) + " a day, credit runs out on " + loc.Date(p.RunsOut) + "."
}

// balance is the profile's estimated balance in words.
func (p DigestProfile) balance() string {
	return "Estimated balance: " + Money(p.Estimated, p.Currency) + "."
}

// expiry is one coming expiry in words.
func (p DigestProfile) expiry(x DigestExpiry, loc Locale) string {
	return "Credit " + x.Lot + " expires on " + loc.Date(x.Date) + " with " + Money(x.Balance, p.Currency) + " left."
}

// noExpiry says that nothing expires within the window.
func (d Digest) noExpiry() string {
	return "No credit expires within " + strconv.Itoa(d.Window) + " days."
}

// intro is the digest's first sentences: one for each kind of scope it covers.
func (d Digest) intro(loc Locale) string {
	var out []string
	if len(d.Profiles) > 0 {
		out = append(out, "Your Azure credits on "+loc.Date(d.Today)+": the estimated balance, the runway and the credits expiring within "+
			strconv.Itoa(d.Window)+" days of every billing profile you can see.")
	}
	if len(d.Partners) > 0 {
		out = append(out, "Your partner benefits on "+loc.Date(d.Today)+": the benefits not yet assigned or not redeemed whose last day is within "+
			strconv.Itoa(d.Window)+" days, in every partner organisation you manage.")
	}
	return strings.Join(out, " ")
}

// footer says why the email came and where to stop it.
const digestFooter = "You receive this weekly digest because you turned it on under Notifications in CreditDesk; turn it off there:"

// lines are the plain-text part of the digest.
func (d Digest) lines(loc Locale) []string {
	out := []string{"Hello " + d.Name + ",", "", d.intro(loc)}
	for _, p := range d.Profiles {
		out = append(out, "", p.Profile+" ("+p.Account+")", p.balance(), p.runway(loc))
		if len(p.Expiring) == 0 {
			out = append(out, d.noExpiry())
		}
		for _, x := range p.Expiring {
			out = append(out, p.expiry(x, loc))
		}
		out = append(out, "Open its Azure credits: "+p.Link)
	}
	for _, p := range d.Partners {
		out = append(out, "", p.heading())
		if len(p.Benefits) == 0 {
			out = append(out, d.noAction())
		}
		for _, b := range p.Benefits {
			out = append(out, b.line(loc), "Open it: "+b.Link)
		}
		out = append(out, "Open its benefits: "+p.Link)
	}
	return append(out, "", digestFooter, d.Link)
}

// plural is n and the noun that fits it.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
