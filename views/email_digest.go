package views

import (
	"fmt"
	"strconv"

	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// Digest is a user's weekly digest email (issue 12): the balance, runway and coming expiries of
// every billing profile with Azure credits they hold a role on. It is queued as JSON, so that a
// retry sends what was found that week.
type Digest struct {
	Name     string          `json:"name"`
	Week     string          `json:"week"`   // the ISO week, "2026-W49"
	Today    ledger.Date     `json:"today"`  // the business day it was written on
	Window   int             `json:"window"` // credits expiring within this many days are listed
	Profiles []DigestProfile `json:"profiles"`
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

// Subject is the digest's subject line.
func (d Digest) Subject() string {
	return fmt.Sprintf("Your CreditDesk week %s: %s", d.Week, plural(len(d.Profiles), "billing profile", "billing profiles"))
}

// runway says when the profile's credit runs out at the recent burn.
func (p DigestProfile) runway(loc Locale) string {
	switch {
	case !p.Runway:
		return "Runway: not enough history yet (14 days of charges)."
	case p.RunsOut.IsZero():
		return "Runway: no recent burn; the credit outlasts the forecast."
	}
	return "Runway: at " + Money(Rounded(p.DailyBurn, p.Currency), p.Currency) + " a day, credit runs out on " + loc.Date(p.RunsOut) + "."
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

// intro is the digest's first sentence.
func (d Digest) intro(loc Locale) string {
	return "Your Azure credits on " + loc.Date(d.Today) + ": the estimated balance, the runway and the credits expiring within " +
		strconv.Itoa(d.Window) + " days of every billing profile you can see."
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
	return append(out, "", digestFooter, d.Link)
}

// plural is n and the noun that fits it.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}
