package benefits

import (
	"strings"
	"time"

	"github.com/creditdesk/creditdesk/internal/fault"
	"github.com/creditdesk/creditdesk/internal/ledger"
)

// Change is the outcome of an accepted decision: the benefit before and after, the history
// event to append (nil when the decision adds none), and what it did, for the audit log (X1)
// and the page that made it. The store writes After, Event and the audit entry in the transaction that loaded
// Before.
type Change struct {
	Action  Action
	Before  Benefit
	After   Benefit
	Event   *Event
	Summary fault.Message
}

// AssignRequest carries what the store loaded, under row locks, for Assign or Reassign.
type AssignRequest struct {
	Benefit Benefit
	History []Event // the benefit's assignment events, oldest first (P12)
	User    string  // email of the user to assign; a member of the organisation (P4)
	// Holdings are benefits currently assigned to User, of any organisation, for P9. Others
	// in the slice are ignored, so passing more is safe.
	Holdings []Benefit
	Domains  []string // the organisation's company domains (P10)
	Actor    string   // the partner admin making the change (X1)
	Now      time.Time
}

// RemoveRequest carries what the store loaded for Remove.
type RemoveRequest struct {
	Benefit Benefit
	History []Event
	Actor   string
	Now     time.Time
}

// Assign sets a user on a benefit that has none (P4). On a monthly credit that had a holder
// before, a different user counts as a reassignment (P6). Checks run in this order and the
// first failure is returned: the user's email syntax (X2); expiry (P3, P11) and provisioning
// (P8); status Not redeemed (P4); reassignment allowed and under the limit (P6); the email's
// domain (P10); one bulk credit per user (P9).
func Assign(p Policy, r AssignRequest) (Change, error) {
	return setUser(p, r, ActionAssign)
}

// Reassign replaces the holder of a monthly credit by another user in one step (P6); it always
// counts as a reassignment. A redeemed credit goes back to Assigned: the new holder redeems
// and gets a new subscription (P5), while the 13 months still run from the first activation
// (P11). Checks are those of Assign.
func Reassign(p Policy, r AssignRequest) (Change, error) {
	return setUser(p, r, ActionReassign)
}

// setUser is Assign and Reassign.
func setUser(p Policy, r AssignRequest, action Action) (Change, error) {
	if r.Actor == "" || r.Now.IsZero() {
		return Change{}, errBadCall("actor and now are required")
	}
	b, now := r.Benefit, r.Now.UTC()
	user := strings.ToLower(strings.TrimSpace(r.User))
	if err := checkEmailSyntax(FieldUser, user); err != nil {
		return Change{}, err
	}
	if err := gate(b, r.History, action, now); err != nil {
		return Change{}, err
	}
	if action == ActionReassign && strings.EqualFold(b.AssignedTo, user) {
		return Change{}, refuse("P6", FieldUser, KeyHoldsAlready, fault.Email(user))
	}
	counted := countsAsReassignment(b, r.History, user)
	if counted && CountReassignments(r.History) >= MaxReassignments {
		if b.AssignedTo == "" {
			return Change{}, onlyLastHolder(lastAssigned(b, r.History))
		}
		return Change{}, limitReached()
	}
	if _, err := checkEmail(FieldUser, user, r.Domains, p); err != nil {
		return Change{}, err
	}
	if err := CheckBulkLimit(b, user, r.Holdings); err != nil {
		return Change{}, err
	}

	after := b
	after.AssignedTo = user
	// The new holder has not redeemed: a previous holder's subscription stays theirs (P5).
	after.RedeemedAt, after.SubscriptionID = time.Time{}, ""
	ev := &Event{At: now, Actor: r.Actor, From: b.AssignedTo, To: user, Reassignment: counted}
	used := Reassignments(b.Kind, append(r.History[:len(r.History):len(r.History)], *ev))

	id, kind, from, to := fault.ID(b.ID), b.Kind.Label(), fault.Email(b.AssignedTo), fault.Email(user)
	var sum fault.Message
	switch {
	case b.AssignedTo == "" && !counted:
		sum = fault.Say(KeyDidAssign, to, id, kind)
	case b.AssignedTo == "":
		sum = fault.Say(KeyDidAssignCounted, to, id, kind, used.Used, used.Limit)
	case b.SubscriptionID == "":
		sum = fault.Say(KeyDidReassign, id, kind, from, to, used.Used, used.Limit)
	default:
		sum = fault.Say(KeyDidReassignRedeemed, id, kind, from, to, used.Used, used.Limit, fault.ID(b.SubscriptionID))
	}
	return Change{Action: action, Before: b, After: after, Event: ev, Summary: sum}, nil
}

// Remove takes the holder off a monthly credit (P6). Removing never counts as a reassignment;
// assigning a different user afterwards does. Yearly benefits refuse it: with no reassignment
// possible, a removal would strand the credit until renewal.
func Remove(r RemoveRequest) (Change, error) {
	if r.Actor == "" || r.Now.IsZero() {
		return Change{}, errBadCall("actor and now are required")
	}
	b, now := r.Benefit, r.Now.UTC()
	if err := gate(b, r.History, ActionRemove, now); err != nil {
		return Change{}, err
	}
	after := b
	after.AssignedTo, after.RedeemedAt, after.SubscriptionID = "", time.Time{}, ""
	ev := &Event{At: now, Actor: r.Actor, From: b.AssignedTo}
	used := Reassignments(b.Kind, r.History)
	sum := fault.Say(KeyDidRemove, fault.Email(b.AssignedTo), fault.ID(b.ID), b.Kind.Label(), used.Used, used.Limit)
	if b.SubscriptionID != "" {
		sum = fault.Say(KeyDidRemoveRedeemed, fault.Email(b.AssignedTo), fault.ID(b.ID), b.Kind.Label(), used.Used,
			used.Limit, fault.ID(b.SubscriptionID))
	}
	return Change{Action: ActionRemove, Before: b, After: after, Event: ev, Summary: sum}, nil
}

// CheckBulkLimit enforces P9 for assigning b to user: a user may hold a monthly credit (and
// P7 benefits) alongside an Azure bulk credit, but never two bulk credits at the same time,
// that is two bulk credits whose periods (start date to expiry) overlap. Holdings not assigned
// to user, and b itself, are ignored. A loader uses it for assignedTo in scenario files.
func CheckBulkLimit(b Benefit, user string, holdings []Benefit) error {
	if !b.Kind.Bulk() {
		return nil
	}
	for _, h := range holdings {
		if h.ID == b.ID || !h.Kind.Bulk() || !strings.EqualFold(h.AssignedTo, user) {
			continue
		}
		if civilDay(h.StartDate).Before(ExpiresAt(b)) && civilDay(b.StartDate).Before(ExpiresAt(h)) {
			return refuse("P9", FieldUser, KeySecondBulk, fault.Email(user), fault.ID(h.ID), ledger.DateOf(h.StartDate),
				ledger.DateOf(h.EndDate))
		}
	}
	return nil
}
