package alerts

import (
	"strings"
	"time"

	"github.com/creditdesk/creditdesk/internal/benefits"
	"github.com/creditdesk/creditdesk/internal/ledger"
)

// PartnerFacts are what the rules of a partner organisation check at Now: its benefits that
// have not expired, with their assignment history, as the Benefits workspace shows them.
type PartnerFacts struct {
	Now      time.Time
	Benefits []BenefitFacts
}

// BenefitFacts is one benefit and its assignment history (P12), oldest first.
type BenefitFacts struct {
	Benefit benefits.Benefit
	History []benefits.Event
}

// CheckPartner returns the subjects of the organisation for which the rule's condition holds
// at f.Now: its benefits (Hit.Benefit), or the organisation itself (MembershipEnding). States
// come from package benefits, so an alert agrees with the Benefits workspace.
func CheckPartner(r Rule, f PartnerFacts) []Hit {
	today := ledger.DateOf(f.Now)
	var out []Hit
	switch r.Kind {
	case BenefitUnused:
		for _, bf := range f.Benefits {
			b := bf.Benefit
			st := benefits.StatusOf(b, f.Now)
			last := LastDay(b)
			left := last.DaysSince(today)
			if (st != benefits.StatusNotRedeemed && st != benefits.StatusAssigned) || left < 0 || left > r.Days {
				continue
			}
			v := benefitValues(b, st)
			v.ExpirationDate, v.DaysLeft = ptr(last), ptr(left)
			out = append(out, Hit{Benefit: b.ID, Values: v})
		}
	case BenefitUnredeemed:
		for _, bf := range f.Benefits {
			b := bf.Benefit
			st := benefits.StatusOf(b, f.Now)
			on, ok := AssignedOn(bf)
			if !b.Kind.Monthly() || st != benefits.StatusAssigned || !ok || today.DaysSince(on) < r.Days {
				continue
			}
			v := benefitValues(b, st)
			v.AssignedOn, v.DaysWaiting = ptr(on), ptr(today.DaysSince(on))
			out = append(out, Hit{Benefit: b.ID, Values: v})
		}
	case MembershipEnding:
		end, ok := MembershipEnd(f.Benefits)
		if left := end.DaysSince(today); ok && left >= 0 && left <= r.Days {
			out = append(out, Hit{Values: Values{ExpirationDate: ptr(end), DaysLeft: ptr(left)}})
		}
	}
	return out
}

// LastDay is the last day a benefit can be used: the day before it expires (P3, P11).
func LastDay(b benefits.Benefit) ledger.Date {
	return ledger.DateOf(benefits.ExpiresAt(b)).AddDays(-1)
}

// AssignedOn is the day the benefit's current holder was assigned to it: the last event of its
// history that gave it to them (P12); false without a holder or such an event.
func AssignedOn(bf BenefitFacts) (ledger.Date, bool) {
	holder := bf.Benefit.AssignedTo
	for i := len(bf.History) - 1; i >= 0 && holder != ""; i-- {
		if strings.EqualFold(bf.History[i].To, holder) {
			return ledger.DateOf(bf.History[i].At), true
		}
	}
	return ledger.Date{}, false
}

// MembershipEnd is the last day of the organisation's membership: the latest end date of its
// benefits (the membership's, P11); false without benefits. A renewal issues benefits ending a
// year later, which moves it.
func MembershipEnd(bs []BenefitFacts) (ledger.Date, bool) {
	var end ledger.Date
	for _, bf := range bs {
		if d := ledger.DateOf(bf.Benefit.EndDate); d.After(end) {
			end = d
		}
	}
	return end, !end.IsZero()
}

// benefitValues are what every benefit alert reports about the benefit.
func benefitValues(b benefits.Benefit, st benefits.Status) Values {
	return Values{Benefit: b.ID, BenefitKind: b.Kind.Label(), Status: st.Label(), AssignedTo: b.AssignedTo}
}
