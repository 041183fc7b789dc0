package benefits

import (
	"time"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
)

// Actions says which buttons the side pane offers for a benefit (P4, P6), so templates receive
// booleans rather than re-deriving rules. A true value means the benefit's state allows the
// action; the chosen user can still be refused (P6 limit, P9, P10) when the form is sent.
type Actions struct {
	Assign bool // Activate benefits tab: Assign user / Add a new user
	// AssignOnly, when not "", is the one user Assign can accept: a monthly credit that has
	// used all five reassignments and has no holder can go back only to its most recent holder,
	// which is free (P6). A page offers that user alone, not a search or Add a new user.
	AssignOnly string
	Reassign   bool // replace the holder of a monthly credit
	Remove     bool // take the holder off a monthly credit
	// RemoveLeavesOnly, when not "", is the one user who could be assigned after Remove: the
	// holder of a monthly credit that has used all five reassignments (P6). A page says so
	// before removing.
	RemoveLeavesOnly string
	Redeem           bool // the holder may redeem now (shown on "Benefits assigned to me")
}

// Allowed returns the actions the benefit's state allows at now. It uses the same checks as
// the decisions, so the buttons and the decisions cannot disagree.
func Allowed(b Benefit, history []Event, now time.Time) Actions {
	a := Actions{
		Assign:   gate(b, history, ActionAssign, now) == nil,
		Reassign: gate(b, history, ActionReassign, now) == nil,
		Remove:   gate(b, history, ActionRemove, now) == nil,
		Redeem:   gate(b, history, ActionRedeem, now) == nil,
	}
	// At the limit only a change that is not a reassignment remains: putting back the most
	// recent holder (P6, see countsAsReassignment).
	if b.Kind.Reassignable() && CountReassignments(history) >= MaxReassignments {
		if a.Assign {
			a.AssignOnly = lastAssigned(b, history)
		}
		if a.Remove {
			a.RemoveLeavesOnly = b.AssignedTo
		}
	}
	return a
}

// gate checks what the benefit's own state allows for action at now, before any user is
// considered: expiry (P3, P11) and provisioning (P8) first, then the action's preconditions.
func gate(b Benefit, history []Event, action Action, now time.Time) error {
	st := StatusOf(b, now)
	switch st {
	case StatusExpired:
		return expired(b)
	case StatusPendingProvisioning:
		return refuse("P8", FieldBenefit, KeyPending, ledger.DateOf(AvailableAt(b)))
	}
	switch action {
	case ActionAssign:
		if st != StatusNotRedeemed {
			return refuse("P4", FieldBenefit, KeyAssignedAlready, fault.Email(b.AssignedTo))
		}
		// A yearly benefit that somebody held this year cannot get another user (P6), even if
		// its data shows nobody now.
		if !b.Kind.Reassignable() && lastAssigned(b, history) != "" {
			return notReassignable(b)
		}
	case ActionReassign, ActionRemove:
		if !b.Kind.Reassignable() {
			return notReassignable(b)
		}
		if b.AssignedTo == "" {
			return refuse("P6", FieldBenefit, KeyNoHolder)
		}
		if action == ActionReassign && CountReassignments(history) >= MaxReassignments {
			return limitReached()
		}
	case ActionRedeem:
		switch {
		case st == StatusNotRedeemed:
			return refuse("P4", FieldBenefit, KeyUnassigned)
		case st == StatusRedeemed:
			return refuse("P5", FieldBenefit, KeyRedeemedAlready, fault.ID(b.SubscriptionID))
		case now.Before(civilDay(b.StartDate)):
			return refuse("P3", FieldBenefit, KeyNotStarted, ledger.DateOf(b.StartDate))
		}
	}
	return nil
}

// expired explains an expired benefit, citing P11 for an activated monthly credit (ended by its
// 13 months or, when earlier, its membership's end date) and P3 for the end date of every other.
func expired(b Benefit) *RuleError {
	switch {
	case ExpiresBy13Months(b):
		return refuse("P11", FieldBenefit, KeyExpired13Months, fault.Minute(ExpiresAt(b)))
	case b.Kind.Monthly() && !b.ActivatedAt.IsZero():
		return refuse("P11", FieldBenefit, KeyExpiredMembership, ledger.DateOf(b.EndDate))
	}
	return refuse("P3", FieldBenefit, KeyExpired, ledger.DateOf(b.EndDate))
}

// notReassignable explains P6 for a yearly benefit (bulk and the P7 benefits).
func notReassignable(b Benefit) *RuleError {
	return refuse("P6", FieldBenefit, KeyNotReassignable, b.Kind.aNoun())
}

// limitReached explains that all five reassignments are used (P6): there is no exception.
func limitReached() *RuleError {
	return refuse("P6", FieldUser, KeyLimitReached, MaxReassignments)
}

// onlyLastHolder explains that a monthly credit at the limit, with nobody assigned, can go back
// only to its most recent holder (P6): any other user would be a sixth reassignment.
func onlyLastHolder(last string) *RuleError {
	return refuse("P6", FieldUser, KeyOnlyLastHolder, MaxReassignments, fault.Email(last))
}
