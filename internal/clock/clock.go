// Package clock gives CreditDesk its two clocks (DOMAIN X3; STYLE "Two clocks"). The business
// clock says what day it is for the ledger and the benefits ("today", the invoices due, a
// benefit's month) and stamps the records they write; -now fixes it, so that demos and tests run
// at any date. The wall clock is always real time: it ages sessions, opens and closes the sign-in
// lockout window, expires API tokens and refills rate limits, so that a fixed business day never
// stops a session from expiring or keeps an account locked.
package clock

import "time"

// Clocks are the two clocks, passed together and read apart. Both return UTC instants.
type Clocks struct {
	Business func() time.Time // the business day (-now may fix it)
	Wall     func() time.Time // real time, for security: sessions, lockouts, tokens, rate limits
}

// Real returns clocks that both read the system time.
func Real() Clocks { return Clocks{Business: now, Wall: now} }

// Fixed returns clocks whose business clock stands still at business while the wall clock reads
// the system time: what -now configures.
func Fixed(business time.Time) Clocks {
	business = business.UTC()
	return Clocks{Business: func() time.Time { return business }, Wall: now}
}

// now is the system time in UTC.
func now() time.Time { return time.Now().UTC() }
