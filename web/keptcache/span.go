package keptcache

import "time"

// Span labels a value computed from a partner organisation's benefits: the organisation's
// benefits version read before it was computed (store.BenefitsVersion), and the instants between
// which no benefit changes status, from the computation's now until the next status change, so
// that a value is not shown once a benefit reaches its available or expiry instant (P8, P3).
type Span struct {
	Version int64
	At      time.Time // the computation's now: the interval's start, included
	Until   time.Time // the interval's end, excluded; zero for never
}

// Holds reports whether a value of this label may be shown to a reader that read r.Version at
// r.At (r.Until is not the reader's to know): the same version, at an instant of the interval.
func (l Span) Holds(r Span) bool {
	return l.Version == r.Version && !r.At.Before(l.At) && (l.Until.IsZero() || r.At.Before(l.Until))
}

// Newer reports whether l is of a newer version than than, whatever their intervals.
func (l Span) Newer(than Span) bool { return l.Version > than.Version }
