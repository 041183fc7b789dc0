package alerts

import (
	"github.com/creditdesk/creditdesk/internal/ledger"
	"github.com/creditdesk/creditdesk/internal/money"
)

// Facts are the numbers of one billing profile on one business day, the same the credits page
// shows: its balance summary (ledger.Summary), its runway forecast (ledger.Forecast, read only
// when a rule needs it), the credit released this year and whether processing failed.
type Facts struct {
	Today            ledger.Date
	Summary          ledger.Summary
	Runway           ledger.Runway
	ReleasedThisYear money.Amount
	ProcessFailed    bool
}

// Hit is a rule's condition holding for one subject: a profile or one of its credits (Lot), or
// a partner organisation or one of its benefits (Benefit). Values are what the message reports.
type Hit struct {
	Lot     string // the credit concerned, "" for the profile as a whole
	Benefit string // the benefit concerned, "" for the organisation as a whole
	Values  Values
}

// Values are the numbers a firing reports; each kind sets those it is about.
type Values struct {
	Lot              string        `json:"lot,omitempty"`
	LotBalance       *money.Amount `json:"lotBalance,omitempty"`
	ExpirationDate   *ledger.Date  `json:"expirationDate,omitempty"`
	DaysLeft         *int          `json:"daysLeft,omitempty"`
	EstimatedBalance *money.Amount `json:"estimatedBalance,omitempty"`
	ReleasedThisYear *money.Amount `json:"releasedThisYear,omitempty"`
	RunsOut          *ledger.Date  `json:"runsOut,omitempty"`
	DailyBurn        *money.Amount `json:"dailyBurn,omitempty"`
	ExpiresUnused    *money.Amount `json:"expiresUnused,omitempty"`
	// The benefit of a partner organisation's alert, its kind and status as the workspace
	// shows them, its holder, and since when they hold it without redeeming.
	Benefit     string       `json:"benefit,omitempty"`
	BenefitKind string       `json:"benefitKind,omitempty"`
	Status      string       `json:"status,omitempty"`
	AssignedTo  string       `json:"assignedTo,omitempty"`
	AssignedOn  *ledger.Date `json:"assignedOn,omitempty"`
	DaysWaiting *int         `json:"daysWaiting,omitempty"`
}

// Check returns the subjects of the profile for which the rule's condition holds on f.Today.
func Check(r Rule, f Facts) []Hit {
	switch r.Kind {
	case CreditExpiring:
		return expiring(r, f)
	case RunwayShort:
		rw := f.Runway
		if !rw.EnoughHistory || rw.RunsOut.IsZero() || rw.RunsOut.DaysSince(f.Today) > r.Days {
			return nil
		}
		return []Hit{{Values: Values{RunsOut: ptr(rw.RunsOut), DaysLeft: ptr(rw.RunsOut.DaysSince(f.Today)),
			DailyBurn: ptr(rw.DailyBurn), EstimatedBalance: ptr(f.Summary.EstimatedBalance)}}}
	case BalanceLow:
		est := f.Summary.EstimatedBalance
		v := Values{EstimatedBalance: ptr(est)}
		if r.Amount != nil {
			if est.Cmp(*r.Amount) >= 0 {
				return nil
			}
			return []Hit{{Values: v}}
		}
		// est < Percent% of released, in exact micro-units: est*100 < released*Percent.
		released := f.ReleasedThisYear
		if !released.IsPositive() {
			return nil
		}
		lhs, err1 := est.MulChecked(100)
		rhs, err2 := released.MulChecked(int64(r.Percent))
		if err1 != nil || err2 != nil || lhs.Cmp(rhs) >= 0 {
			return nil
		}
		v.ReleasedThisYear = ptr(released)
		return []Hit{{Values: v}}
	case CreditUnused:
		rw := f.Runway
		if !rw.EnoughHistory || r.Amount == nil || rw.ExpiresUnused.Cmp(*r.Amount) < 0 {
			return nil
		}
		return []Hit{{Values: Values{ExpiresUnused: ptr(rw.ExpiresUnused), DailyBurn: ptr(rw.DailyBurn)}}}
	case ProcessFailed:
		if f.ProcessFailed {
			return []Hit{{}}
		}
	}
	return nil
}

// expiring lists the live credits that expire within r.Days with at least r.Amount left
// (any positive balance without an amount).
func expiring(r Rule, f Facts) []Hit {
	var out []Hit
	for _, l := range f.Summary.Lots {
		days := l.ExpirationDate.DaysSince(f.Today)
		if !l.Balance.IsPositive() || l.StartDate.After(f.Today) || days < 0 || days > r.Days {
			continue
		}
		if r.Amount != nil && l.Balance.Cmp(*r.Amount) < 0 {
			continue
		}
		out = append(out, Hit{Lot: l.ID, Values: Values{Lot: l.ID, LotBalance: ptr(l.Balance),
			ExpirationDate: ptr(l.ExpirationDate), DaysLeft: ptr(days)}})
	}
	return out
}

func ptr[T any](v T) *T { return &v }
