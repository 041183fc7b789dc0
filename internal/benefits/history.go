package benefits

import (
	"fmt"
	"strings"
	"time"
)

// Action names what a Change did, for the audit log (X1) and the history table.
type Action string

// The actions a decision can produce.
const (
	ActionAssign   Action = "assign"   // a user was set on a benefit that had none
	ActionRemove   Action = "remove"   // the user was taken off a monthly credit
	ActionReassign Action = "reassign" // the user was replaced directly by another
	ActionRedeem   Action = "redeem"   // the holder redeemed and got a new subscription
	ActionRenew    Action = "renew"    // a renewal issued the next year's benefit
)

// Event is one entry of a benefit's assignment history (P12), kept for its whole life and
// shown oldest first. From and To are user emails ("" for nobody): an assignment has only To,
// a removal only From, a direct reassignment both.
type Event struct {
	At    time.Time
	Actor string // the partner admin who made the change (X1)
	From  string
	To    string
	// Reassignment records whether this event used one of the credit's five reassignments,
	// as decided when it happened; the count shown is the number of such events (P12).
	Reassignment bool
}

// Action tells what the event did.
func (e Event) Action() Action {
	switch {
	case e.From == "":
		return ActionAssign
	case e.To == "":
		return ActionRemove
	}
	return ActionReassign
}

// CountReassignments returns how many reassignments the history used (P6, P12).
func CountReassignments(history []Event) int {
	n := 0
	for _, e := range history {
		if e.Reassignment {
			n++
		}
	}
	return n
}

// ReassignmentUsage is the "2 of 5 used" line of a benefit (P12).
type ReassignmentUsage struct {
	Used  int
	Limit int // MaxReassignments for a monthly credit; 0 where reassignment is not supported
}

// Reassignments returns the usage shown for a benefit of kind k with the given history.
func Reassignments(k Kind, history []Event) ReassignmentUsage {
	if !k.Reassignable() {
		return ReassignmentUsage{Used: CountReassignments(history)}
	}
	return ReassignmentUsage{Used: CountReassignments(history), Limit: MaxReassignments}
}

// Supported reports whether the benefit's kind allows reassignment at all (P6).
func (u ReassignmentUsage) Supported() bool { return u.Limit > 0 }

// Remaining is how many reassignments are left, never below zero.
func (u ReassignmentUsage) Remaining() int { return max(u.Limit-u.Used, 0) }

// String renders "2 of 5 used", or "not supported" for a yearly benefit.
func (u ReassignmentUsage) String() string {
	if !u.Supported() {
		return "not supported"
	}
	return fmt.Sprintf("%d of %d used", u.Used, u.Limit)
}

// lastAssigned returns the user most recently assigned to the benefit: its current holder,
// or else the To of the latest history event that had one; "" if nobody ever held it.
func lastAssigned(b Benefit, history []Event) string {
	if b.AssignedTo != "" {
		return b.AssignedTo
	}
	for i := len(history) - 1; i >= 0; i-- {
		if history[i].To != "" {
			return history[i].To
		}
	}
	return ""
}

// countsAsReassignment applies the definition in doc.go: setting user on a benefit counts
// when somebody held it before (now or earlier in its history) and user is not that most
// recent holder. The initial assignment and putting back the user just removed do not count.
func countsAsReassignment(b Benefit, history []Event, user string) bool {
	last := lastAssigned(b, history)
	return last != "" && !strings.EqualFold(last, user)
}
