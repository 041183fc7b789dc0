package keptcache

import "github.com/creditdesk/creditdesk/internal/ledger"

// Day labels a value read or computed from a billing profile's ledger (its settled events, lots,
// charges and adjustments): the profile's ledger version, read with the profile, and the business
// day it was computed for. Every write of a ledger moves its version (store.touchLedger).
type Day struct {
	Version int64 // the profile's ledger version
	Today   ledger.Date
}

// DayOf is the label of a value read from a profile's ledger at version on today; versioned is
// false when the version was not read with the profile (0; the column starts at 1), and nothing
// may then be kept or shown from the cache under it.
func DayOf(version int64, today ledger.Date) (l Day, versioned bool) {
	return Day{Version: version, Today: today}, version > 0
}

// Holds reports whether a value of this label may be shown to a reader that read r: the same
// version on the same day.
func (l Day) Holds(r Day) bool { return l == r }

// Newer reports whether l is a newer version of than's day; the next day's value replaces any of
// the day before.
func (l Day) Newer(than Day) bool { return l.Today == than.Today && l.Version > than.Version }
